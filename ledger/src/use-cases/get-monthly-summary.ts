// getMonthlySummary: for each UTC month of a range, the posted movements grouped by kind and type
// (count and amount), and the money supply at the month's end (sums of the positive and negative
// posted balances). Grouping by kind keeps the summary open: a new kind of transfer (a surplus
// distribution, demurrage) appears as rows of its own without a change here. One snapshot.
import { type LedgerContext } from './context';
import { type MonthlyBalances, type MonthlyMovements } from '../store';

export const SUMMARY_MONTHS_MAXIMUM = 60;

export interface MonthlySummaryQuery {
  currency: string;
  /** The first month, "2026-01" (UTC). */
  fromMonth: string;
  /** 1 to 60 months. */
  months: number;
}

export type MonthlySummaryResult =
  | { ok: true; currency: string; months: string[]; movements: MonthlyMovements[]; balances: MonthlyBalances[] }
  | { ok: false; code: 'period_invalid' };

/** The months of the range as "YYYY-MM" and the first instants of the first and the following month. */
export function monthRange(fromMonth: string, count: number): { months: string[]; from: Date; to: Date } | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(fromMonth);
  if (!match || !Number.isInteger(count) || count < 1 || count > SUMMARY_MONTHS_MAXIMUM) return null;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  const months = Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month + index, 1));
    return `${date.getUTCFullYear().toString().padStart(4, '0')}-${(date.getUTCMonth() + 1).toString().padStart(2, '0')}`;
  });
  return { months, from: new Date(Date.UTC(year, month, 1)), to: new Date(Date.UTC(year, month + count, 1)) };
}

export async function getMonthlySummary(context: LedgerContext, query: MonthlySummaryQuery): Promise<MonthlySummaryResult> {
  const range = monthRange(query.fromMonth, query.months);
  if (range === null) return { ok: false, code: 'period_invalid' };
  return context.store.snapshot(async (reader) => {
    const movements = await reader.monthlyMovements({ currency: query.currency, from: range.from, to: range.to });
    const balances = await reader.monthlyBalances({ currency: query.currency, from: range.from, months: query.months });
    return { ok: true, currency: query.currency, months: range.months, movements, balances } as const;
  });
}
