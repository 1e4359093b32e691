import { useI18n } from 'vue-i18n';

/**
 * Words for what the ledger calls transfers: a type, a kind, a hold's state, an account type. A kind
 * the app has no word for yet (a new kind of transfer) is shown as the ledger names it.
 */
export function useAuditLabels() {
  const { t, te } = useI18n();
  const known = (key: string, fallback: string) => (te(key) ? t(key) : fallback);
  return {
    typeLabel: (type: string) => known(`auditWorkspace.type.${type}`, type),
    kindLabel: (kind: string) => known(`auditWorkspace.kind.${kind}`, kind),
    holdStateLabel: (state: string) => known(`auditWorkspace.holdState.${state}`, state),
    accountTypeLabel: (type: string) => known(`audit.accountType.${type}`, type),
  };
}
