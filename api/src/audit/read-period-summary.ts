// readPeriodSummary: the cooperative's months in figures for accountants: trades (orders settled
// from escrow and direct payments) with their number and volume, contributions to the fund, the
// money supply and the credit owed at each month's end, and how many members are near their credit
// limit now. Every posted movement is also given grouped by month, kind and type, so kinds that come
// later (surplus distributions, demurrage) show up there without a change here.
import { Decimal, type Ledger, type MonthlyMovements, SUMMARY_MONTHS_MAXIMUM } from '@allmende/ledger';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { parseInput } from '../shared/input';
import { problem } from '../shared/rules/field-problems';
import { contributionKind, holdKind } from '../orders/order-money';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { paymentKind } from '../wallet/send-credits';

export const summaryMonthsDefault = 12;

/** Which posted movements are trades: an order's hold posted from escrow, and a payment between members. */
export const tradeMovements: ReadonlyArray<{ kind: string; type: MonthlyMovements['type'] }> = [
  { kind: holdKind, type: 'post' },
  { kind: paymentKind, type: 'immediate' },
];

/** A member is near the credit limit when what they can still spend is at most this share of it. */
export const nearCreditLimitShare = new Decimal('0.1');
/** Accounts read for the credit-limit figure, at most. */
const creditLineAccountsMaximum = 100_000;

const summaryInputSchema = z.object({
  fromMonth: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, problem('invalid_date')).nullish(),
  months: z.number().int().min(1).max(SUMMARY_MONTHS_MAXIMUM).default(summaryMonthsDefault),
});

export interface SummaryMonth {
  month: string;
  tradeCount: number;
  tradeVolume: Decimal;
  contributions: Decimal;
  contributionCount: number;
  /** Sum of the positive balances at the month's end. */
  supply: Decimal;
  /** Sum of the negative balances at the month's end, as a positive amount. */
  owed: Decimal;
  accountsPositive: number;
  accountsNegative: number;
}

export interface CreditLines {
  /** Member accounts with a credit limit above zero. */
  members: number;
  /** Of these, the ones that can spend at most 10 % of their limit. */
  nearLimit: number;
  /** nearLimit / members in percent, one decimal; 0 without members. */
  nearLimitPercent: Decimal;
}

export interface PeriodSummary {
  months: SummaryMonth[];
  movements: MonthlyMovements[];
  creditLines: CreditLines;
}

/** The month `count - 1` months before `now`'s (UTC), as "YYYY-MM". */
export function monthsEndingAt(now: Date, count: number): string {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1), 1));
  return `${start.getUTCFullYear().toString().padStart(4, '0')}-${(start.getUTCMonth() + 1).toString().padStart(2, '0')}`;
}

export async function readCreditLines(ledger: Ledger): Promise<CreditLines> {
  let members = 0;
  let nearLimit = 0;
  let after: string | null = null;
  for (let read = 0; read < creditLineAccountsMaximum; ) {
    const page = await ledger.listAccounts({ currency: cooperativeCurrency.code, afterId: after, limit: 1000 });
    for (const account of page) {
      if (account.type !== 'member' || account.status !== 'open' || !account.creditLimit.isPositive()) continue;
      members += 1;
      const available = account.creditsPosted.minus(account.debitsPosted).minus(account.debitsPending).plus(account.creditLimit);
      if (available.lessThanOrEqualTo(account.creditLimit.times(nearCreditLimitShare))) nearLimit += 1;
    }
    read += page.length;
    const last = page[page.length - 1];
    if (page.length < 1000 || !last) break;
    after = last.id;
  }
  const nearLimitPercent = members === 0 ? new Decimal(0) : new Decimal(nearLimit).times(100).dividedBy(members).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  return { members, nearLimit, nearLimitPercent };
}

export async function readPeriodSummary(
  services: { prisma: PrismaClient; ledger: Ledger },
  input: z.input<typeof summaryInputSchema>,
  now: Date,
): Promise<PeriodSummary> {
  const query = parseInput(summaryInputSchema, input);
  const fromMonth = query.fromMonth ?? monthsEndingAt(now, query.months);
  const [result, creditLines] = await Promise.all([
    services.ledger.getMonthlySummary({ currency: cooperativeCurrency.code, fromMonth, months: query.months }),
    readCreditLines(services.ledger),
  ]);
  if (!result.ok) throw new ValidationError([{ field: 'fromMonth', message: 'not a month range the ledger can summarise', code: 'invalid_date', params: {} }]);
  const months = result.months.map((month, index): SummaryMonth => {
    const rows = result.movements.filter((row) => row.month === month);
    const trades = rows.filter((row) => tradeMovements.some((trade) => trade.kind === row.kind && trade.type === row.type));
    const contributions = rows.filter((row) => row.kind === contributionKind);
    const balances = result.balances[index];
    return {
      month,
      tradeCount: trades.reduce((sum, row) => sum + row.count, 0),
      tradeVolume: trades.reduce((sum, row) => sum.plus(row.amount), new Decimal(0)),
      contributions: contributions.reduce((sum, row) => sum.plus(row.amount), new Decimal(0)),
      contributionCount: contributions.reduce((sum, row) => sum + row.count, 0),
      supply: balances?.positive ?? new Decimal(0),
      owed: balances ? balances.negative.negated() : new Decimal(0),
      accountsPositive: balances?.accountsPositive ?? 0,
      accountsNegative: balances?.accountsNegative ?? 0,
    };
  });
  return { months, movements: result.movements, creditLines };
}
