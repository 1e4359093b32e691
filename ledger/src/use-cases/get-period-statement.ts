// getPeriodStatement: an account's statement for a period, as an accountant reads it: the posted
// balance when the period opens, every transfer written in it (oldest first) with the running posted
// balance, and the balance when it closes. Opening balance plus the period's posted changes equals
// the closing balance. Pages are oldest first; the cursor carries the running balance, so every page
// costs the same however long the period is. Balances and page come from one snapshot.
import { type Account } from '../domain/account';
import { effectsOf } from '../domain/balance-effects';
import { type Decimal } from '../domain/money';
import { normaliseId } from '../domain/transfer-checks';
import { type LedgerContext } from './context';
import { type StatementEntry } from './get-statement';
import { decodePageCursor, encodePageCursor, pageLimit } from './page-cursor';

export const PERIOD_STATEMENT_PAGE_MAXIMUM = 500;
export const PERIOD_STATEMENT_PAGE_DEFAULT = 100;

export interface PeriodStatementQuery {
  accountId: string;
  /** Transfers written at or after `from` and before `to`; null: from the start, until now. */
  from?: Date | null;
  to?: Date | null;
  /** 1 to 500; default 100. */
  limit?: number;
  cursor?: string | null;
}

export type PeriodStatementResult =
  | {
      ok: true;
      account: Account;
      from: Date | null;
      to: Date | null;
      /** Posted balance from everything written before `from`. */
      openingBalance: Decimal;
      /** Posted balance from everything written before `to`. */
      closingBalance: Decimal;
      entries: StatementEntry[];
      nextCursor: string | null;
    }
  | { ok: false; code: 'account_not_found' | 'cursor_invalid' | 'period_invalid' };

export async function getPeriodStatement(context: LedgerContext, query: PeriodStatementQuery): Promise<PeriodStatementResult> {
  const accountId = normaliseId(query.accountId);
  if (accountId === null) return { ok: false, code: 'account_not_found' };
  const from = query.from ?? null;
  const to = query.to ?? null;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime())) || (from && to && from.getTime() >= to.getTime())) {
    return { ok: false, code: 'period_invalid' };
  }
  const limit = pageLimit(query.limit, PERIOD_STATEMENT_PAGE_DEFAULT, PERIOD_STATEMENT_PAGE_MAXIMUM);
  const position = query.cursor ? decodePageCursor('period-statement', query.cursor) : null;
  if (query.cursor && (position === null || position.balance === null)) return { ok: false, code: 'cursor_invalid' };

  return context.store.snapshot(async (reader) => {
    const [account] = await reader.findAccounts([accountId]);
    if (!account) return { ok: false, code: 'account_not_found' } as const;
    const page = await reader.periodStatementPage({ accountId, from, to, afterSequence: position?.sequence ?? null, limit });
    let balance = position?.balance ?? page.openingBalance;
    const entries: StatementEntry[] = page.rows.map(({ transfer, heldAmount }) => {
      const effects = effectsOf(transfer, heldAmount);
      const side = transfer.debitAccountId === accountId ? 'debit' : 'credit';
      const change = side === 'debit' ? effects.debit : effects.credit;
      const postedChange = change.creditsPosted.minus(change.debitsPosted);
      balance = balance.plus(postedChange);
      return {
        transfer,
        side,
        postedChange,
        pendingDebitsChange: change.debitsPending,
        pendingCreditsChange: change.creditsPending,
        postedBalance: balance,
      };
    });
    const last = entries[entries.length - 1];
    const nextCursor = entries.length === limit && last ? encodePageCursor('period-statement', { sequence: last.transfer.sequence, balance }) : null;
    return { ok: true, account, from, to, openingBalance: page.openingBalance, closingBalance: page.closingBalance, entries, nextCursor } as const;
  });
}
