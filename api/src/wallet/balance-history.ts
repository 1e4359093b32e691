// The posted balance at the end of each day over a window, for the wallet's chart. Reads at most one
// page of the newest statement entries, so its cost is bounded however long the history is; when the
// window holds more transfers than that page, the series starts at the oldest entry read.
import { type Decimal, type Ledger } from '@allmende/ledger';

export const balanceHistoryDaysMaximum = 366;
export const balanceHistoryDaysDefault = 90;
/** Entries read for one history; the ledger's statement page limit. */
const entriesMaximum = 500;
const dayMs = 86_400_000;

export interface BalancePoint {
  /** End of the day (UTC) the balance belongs to, or now for today. */
  date: Date;
  balance: Decimal;
}

function startOfUtcDay(time: number): number {
  return Math.floor(time / dayMs) * dayMs;
}

export async function readBalanceHistory(ledger: Ledger, accountId: string, days: number, now: Date): Promise<BalancePoint[]> {
  const dayCount = Math.min(Math.max(Math.trunc(days), 1), balanceHistoryDaysMaximum);
  const result = await ledger.getStatement({ accountId, order: 'desc', limit: entriesMaximum });
  if (!result.ok) throw new Error(`The statement of account ${accountId} cannot be read: ${result.code}`);
  const [balance] = await ledger.getBalances([accountId]);
  if (!balance) throw new Error(`The account ${accountId} has no balance`);

  const today = startOfUtcDay(now.getTime());
  const firstDay = today - (dayCount - 1) * dayMs;
  const complete = result.nextCursor === null;
  const oldest = result.entries[result.entries.length - 1];
  // Days before the oldest entry read are known only when the whole history was read.
  const knownFrom = complete || !oldest ? firstDay : Math.max(firstDay, startOfUtcDay(oldest.transfer.createdAt.getTime()));

  // Walk from now back in time; entries are newest first.
  const points: BalancePoint[] = [];
  let entryIndex = 0;
  let current = balance.posted;
  for (let day = today; day >= knownFrom; day -= dayMs) {
    const dayEnd = day + dayMs;
    while (entryIndex < result.entries.length && result.entries[entryIndex]!.transfer.createdAt.getTime() >= dayEnd) {
      current = current.minus(result.entries[entryIndex]!.postedChange);
      entryIndex += 1;
    }
    points.push({ date: day === today ? now : new Date(dayEnd - 1), balance: current });
  }
  return points.reverse();
}
