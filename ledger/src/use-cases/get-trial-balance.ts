// getTrialBalance: every account of a currency with its posted debits, credits and balance, now or
// at any earlier instant, with totals over all accounts (total debits always equal total credits).
import { type AccountType } from '../domain/account';
import { type Decimal } from '../domain/money';
import { type LedgerContext } from './context';

export const TRIAL_BALANCE_PAGE_MAXIMUM = 1000;

export interface TrialBalanceQuery {
  currency: string;
  /** Omitted: now (from the cached balances). */
  asOf?: Date | null;
  /** The last account id of the previous page. */
  afterAccountId?: string | null;
  /** 1 to 1000; default 1000. */
  limit?: number;
}

export interface TrialBalanceLine {
  accountId: string;
  code: string | null;
  name: string;
  type: AccountType;
  debits: Decimal;
  credits: Decimal;
  /** Credits minus debits. */
  balance: Decimal;
}

export interface TrialBalance {
  currency: string;
  asOf: Date | null;
  lines: TrialBalanceLine[];
  /** Id to pass as afterAccountId for the next page, or null on the last page. */
  nextAfterAccountId: string | null;
  totals: { debits: Decimal; credits: Decimal };
}

export async function getTrialBalance(context: LedgerContext, query: TrialBalanceQuery): Promise<TrialBalance> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? TRIAL_BALANCE_PAGE_MAXIMUM), 1), TRIAL_BALANCE_PAGE_MAXIMUM);
  const asOf = query.asOf ?? null;
  // Lines and totals in one snapshot, so the totals belong to the same moment as the lines.
  return context.store.snapshot(async (reader) => {
    const rows = await reader.accountTotals({ currency: query.currency, asOf, afterId: query.afterAccountId ?? null, limit });
    const aggregate = await reader.postedAggregate({ currency: query.currency, asOf });
    const lines = rows.map(({ account, debits, credits }) => ({
      accountId: account.id,
      code: account.code,
      name: account.name,
      type: account.type,
      debits,
      credits,
      balance: credits.minus(debits),
    }));
    return {
      currency: query.currency,
      asOf,
      lines,
      nextAfterAccountId: lines.length === limit ? lines[lines.length - 1]!.accountId : null,
      totals: { debits: aggregate.debits, credits: aggregate.credits },
    };
  });
}
