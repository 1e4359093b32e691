// listOpenHolds: every pending transfer of a currency that is neither posted nor voided yet, oldest
// first, with totals per account they are held for and that account's counters, all from one
// snapshot. So an accountant can check that the holds towards escrow add up to the escrow account's
// pending credits (what verifyLedger checks for every account).
import { type Account } from '../domain/account';
import { type Decimal, ZERO } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import { normaliseId } from '../domain/transfer-checks';
import { type LedgerContext } from './context';
import { decodePageCursor, encodePageCursor, pageLimit } from './page-cursor';

export const OPEN_HOLDS_PAGE_MAXIMUM = 500;
export const OPEN_HOLDS_PAGE_DEFAULT = 100;

export interface OpenHoldsQuery {
  currency: string;
  /** Accounts listed in the totals even without open holds (e.g. escrow, whose pending credits must then be zero). */
  alwaysTotalAccountIds?: readonly string[];
  /** 1 to 500; default 100. */
  limit?: number;
  cursor?: string | null;
}

export interface OpenHoldsTotal {
  /** The account the holds are held for (their credit side). */
  account: Account;
  count: number;
  amount: Decimal;
  /** amount equals the account's pending credits. */
  reconciled: boolean;
}

export type OpenHoldsResult =
  | { ok: true; holds: Transfer[]; nextCursor: string | null; count: number; amount: Decimal; totals: OpenHoldsTotal[] }
  | { ok: false; code: 'cursor_invalid' };

export async function listOpenHolds(context: LedgerContext, query: OpenHoldsQuery): Promise<OpenHoldsResult> {
  const limit = pageLimit(query.limit, OPEN_HOLDS_PAGE_DEFAULT, OPEN_HOLDS_PAGE_MAXIMUM);
  const position = query.cursor ? decodePageCursor('open-holds', query.cursor) : null;
  if (query.cursor && position === null) return { ok: false, code: 'cursor_invalid' };
  return context.store.snapshot(async (reader) => {
    const holds = await reader.openHoldsPage({ currency: query.currency, afterSequence: position?.sequence ?? null, limit });
    const { byCreditAccount } = await reader.openHoldsTotals({ currency: query.currency });
    const always = (query.alwaysTotalAccountIds ?? []).map(normaliseId).filter((id): id is string => id !== null);
    const held = new Set(byCreditAccount.map((total) => total.accountId));
    const withoutHolds = [...new Set(always)].filter((id) => !held.has(id)).map((accountId) => ({ accountId, count: 0, amount: ZERO }));
    const rows = [...byCreditAccount, ...withoutHolds];
    const accounts = new Map((await reader.findAccounts(rows.map((total) => total.accountId))).map((account) => [account.id, account]));
    const totals = rows.flatMap((total) => {
      const account = accounts.get(total.accountId);
      return account ? [{ account, count: total.count, amount: total.amount, reconciled: total.amount.equals(account.creditsPending) }] : [];
    });
    const last = holds[holds.length - 1];
    return {
      ok: true,
      holds,
      nextCursor: holds.length === limit && last ? encodePageCursor('open-holds', { sequence: last.sequence, balance: null }) : null,
      count: byCreditAccount.reduce((sum, total) => sum + total.count, 0),
      amount: byCreditAccount.reduce((sum, total) => sum.plus(total.amount), ZERO),
      totals,
    } as const;
  });
}
