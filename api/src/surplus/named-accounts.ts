// The named accounts of a surplus rule (a solidarity fund, an ecology fund): system accounts of the
// cooperative currency with the code `surplus:<code>`, created when the rule is enacted (by the
// governance sweep, see apply-surplus-policy.ts) and again, should that not have happened yet, by the
// distribution run. Creating one that exists changes nothing.
import type { Account, Ledger } from '@allmende/ledger';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { surplusAccountCode, type SurplusPolicy } from './policy';

/** The ledger account of every named account of the rule, by the rule's code. */
export async function ensureSurplusAccounts(ledger: Ledger, policy: SurplusPolicy): Promise<Map<string, Account>> {
  const accounts = new Map<string, Account>();
  for (const named of policy.mix.accounts) {
    const code = surplusAccountCode(named.code);
    const existing = await ledger.findAccountByCode(cooperativeCurrency.code, code);
    if (existing) {
      accounts.set(named.code, existing);
      continue;
    }
    const result = await ledger.createAccount({ currency: cooperativeCurrency.code, type: 'system', code, name: named.name });
    if (result.ok) accounts.set(named.code, result.account);
    else {
      const concurrent = result.code === 'account_exists' ? await ledger.findAccountByCode(cooperativeCurrency.code, code) : null;
      if (!concurrent) throw new Error(`The surplus account ${code} cannot be created: ${result.code}`);
      accounts.set(named.code, concurrent);
    }
  }
  return accounts;
}
