// closePeriod: closes the books up to the end of a period that has ended (see domain/period-close.ts).
// The transaction first waits for every transaction that inserted transfers to finish and holds new
// inserts back until it commits, so no transfer decided before the close can commit into the closed
// period afterwards; transfers that come after see the close (in their decision, and in the insert's
// trigger, which makes a batch that decided without it run again).
import { type ClosePeriodInput, type ClosePeriodResult, type ClosedPeriod, checkClosePeriod } from '../domain/period-close';
import { type LedgerStoreTransaction } from '../store';
import { type LedgerContext } from './context';

export function closePeriod(context: LedgerContext, input: ClosePeriodInput): Promise<ClosePeriodResult> {
  return context.store.transaction((transaction) => closePeriodInTransaction(context, transaction, input));
}

/** The same inside a transaction shared with the caller (see shared-transaction.ts). */
export async function closePeriodInTransaction(context: LedgerContext, transaction: LedgerStoreTransaction, input: ClosePeriodInput): Promise<ClosePeriodResult> {
  const closedThrough = await transaction.lockTransfersForClose();
  const now = context.clock();
  const failure = checkClosePeriod(input, now, closedThrough);
  if (failure) return { ok: false, code: failure };
  const period: ClosedPeriod = { startsAt: input.startsAt, endsAt: input.endsAt, closedAt: now };
  await transaction.insertClosedPeriod(period);
  return { ok: true, period };
}

export function listClosedPeriods(context: LedgerContext): Promise<ClosedPeriod[]> {
  return context.store.read.listClosedPeriods();
}
