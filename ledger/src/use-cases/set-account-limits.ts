// setAccountLimits: changes an account's credit limit and maximum balance, appending to its limit
// history under the account's row lock. A limit may be set below what the account already owes:
// the account then cannot spend until it is back within the limit, but nothing is taken from it.
import { type Account } from '../domain/account';
import { type AccountLimitsInput, type SetAccountLimitsFailureCode, validateLimits } from '../domain/account-requests';
import { normaliseId } from '../domain/transfer-checks';
import { type LedgerContext, withConflictRetries } from './context';

export type SetAccountLimitsResult = { ok: true; account: Account } | { ok: false; code: SetAccountLimitsFailureCode };

export async function setAccountLimits(context: LedgerContext, accountId: string, input: AccountLimitsInput): Promise<SetAccountLimitsResult> {
  const id = normaliseId(accountId);
  if (id === null) return { ok: false, code: 'account_not_found' };
  return withConflictRetries(context, () =>
    context.store.transaction(async (transaction): Promise<SetAccountLimitsResult> => {
      const [account] = await transaction.lockAccounts([id]);
      if (!account) return { ok: false, code: 'account_not_found' };
      const currency = (await context.currencies.load([account.currency], transaction)).get(account.currency)!;
      const limits = validateLimits(input, currency);
      if (typeof limits === 'string') return { ok: false, code: limits };
      if (account.status === 'closed') return { ok: false, code: 'account_closed' };
      await transaction.changeAccountLimits(id, limits, context.clock());
      return { ok: true, account: { ...account, ...limits } };
    }),
  );
}
