// closeAccount: an account leaves the ledger for good once it is settled: no balance, no hold in
// either direction. Its history stays; no new transfer may touch it.
import { type Account } from '../domain/account';
import { type CloseAccountFailureCode } from '../domain/account-requests';
import { normaliseId } from '../domain/transfer-checks';
import { type LedgerContext, withConflictRetries } from './context';

export type CloseAccountResult = { ok: true; account: Account } | { ok: false; code: CloseAccountFailureCode };

export async function closeAccount(context: LedgerContext, accountId: string): Promise<CloseAccountResult> {
  const id = normaliseId(accountId);
  if (id === null) return { ok: false, code: 'account_not_found' };
  return withConflictRetries(context, () =>
    context.store.transaction(async (transaction): Promise<CloseAccountResult> => {
      const [account] = await transaction.lockAccounts([id]);
      if (!account) return { ok: false, code: 'account_not_found' };
      if (account.type === 'fund' || account.type === 'escrow') return { ok: false, code: 'account_not_closable' };
      if (account.status === 'closed') return { ok: false, code: 'account_closed' };
      if (!account.debitsPending.isZero() || !account.creditsPending.isZero()) return { ok: false, code: 'account_has_pending_transfers' };
      if (!account.creditsPosted.eq(account.debitsPosted)) return { ok: false, code: 'account_balance_not_zero' };
      const now = context.clock();
      await transaction.closeAccount(id, now);
      return { ok: true, account: { ...account, status: 'closed', closedAt: now } };
    }),
  );
}
