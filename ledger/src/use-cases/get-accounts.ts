// Account reads: accounts by id or code, and their balances (posted, holds, available, limits).
import { type Account, type AccountBalance, balanceOf } from '../domain/account';
import { normaliseId } from '../domain/transfer-checks';
import { type LedgerContext, assertContract } from './context';

export const ACCOUNTS_PER_CALL_MAXIMUM = 1000;

export async function getAccounts(context: LedgerContext, ids: readonly string[]): Promise<Account[]> {
  assertContract(ids.length <= ACCOUNTS_PER_CALL_MAXIMUM, `At most ${ACCOUNTS_PER_CALL_MAXIMUM} accounts per call`);
  const valid = ids.map(normaliseId).filter((id): id is string => id !== null);
  return context.store.read.findAccounts([...new Set(valid)]);
}

export async function getAccount(context: LedgerContext, id: string): Promise<Account | null> {
  return (await getAccounts(context, [id]))[0] ?? null;
}

export async function findAccountByCode(context: LedgerContext, currency: string, code: string): Promise<Account | null> {
  return (await context.store.read.findAccountsByCodes(currency, [code]))[0] ?? null;
}

/** The accounts of the currency with these codes (any number), in no particular order; unknown codes are left out. */
export function findAccountsByCodes(context: LedgerContext, currency: string, codes: readonly string[]): Promise<Account[]> {
  return context.store.read.findAccountsByCodes(currency, [...new Set(codes)]);
}

/** Balances of the given accounts, in the order of the ids; unknown ids are left out. */
export async function getBalances(context: LedgerContext, ids: readonly string[]): Promise<AccountBalance[]> {
  const accounts = await getAccounts(context, ids);
  const byId = new Map(accounts.map((account) => [account.id, account]));
  return ids
    .map((id) => byId.get(normaliseId(id) ?? ''))
    .filter((account): account is Account => account !== undefined)
    .map(balanceOf);
}

export async function listAccounts(
  context: LedgerContext,
  query: { currency?: string | null; afterId?: string | null; limit?: number },
): Promise<Account[]> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? ACCOUNTS_PER_CALL_MAXIMUM), 1), ACCOUNTS_PER_CALL_MAXIMUM);
  return context.store.read.listAccounts({ currency: query.currency ?? null, afterId: query.afterId ?? null, limit });
}
