// Closed periods. An accountant closes a period (a month, a year) once it has ended; from then on no
// transfer may carry a time before its end. Closing a period closes the books up to its end, so every
// earlier day is closed with it: the ledger keeps only where the books are closed through (the latest
// end), and a transfer dated before that instant is refused (`period_closed`) wherever it is booked:
// by the decision, and by a trigger on the insert itself (see the ledger_period_close migration).

export interface ClosedPeriod {
  /** First instant of the period (inclusive); for display and exports, the books close up to `endsAt`. */
  startsAt: Date;
  /** First instant after the period; no transfer may be dated before it any more. */
  endsAt: Date;
  closedAt: Date;
}

export interface ClosePeriodInput {
  startsAt: Date;
  endsAt: Date;
}

/** Checked in this order; a request gets the first that applies. */
export const CLOSE_PERIOD_FAILURE_CODES = [
  /** The start is not before the end, or a time is not a valid date. */
  'period_invalid',
  /** The period has not ended yet: transfers may still be dated inside it. */
  'period_not_ended',
  /** The books are already closed through this period's end or later. */
  'period_already_closed',
] as const;

export type ClosePeriodFailureCode = (typeof CLOSE_PERIOD_FAILURE_CODES)[number];

export type ClosePeriodResult = { ok: true; period: ClosedPeriod } | { ok: false; code: ClosePeriodFailureCode };

export function checkClosePeriod(input: ClosePeriodInput, now: Date, closedThrough: Date | null): ClosePeriodFailureCode | null {
  const { startsAt, endsAt } = input;
  if (!(startsAt instanceof Date) || !(endsAt instanceof Date) || Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return 'period_invalid';
  if (startsAt.getTime() >= endsAt.getTime()) return 'period_invalid';
  if (endsAt.getTime() > now.getTime()) return 'period_not_ended';
  if (closedThrough !== null && endsAt.getTime() <= closedThrough.getTime()) return 'period_already_closed';
  return null;
}
