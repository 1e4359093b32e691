// Exact integer arithmetic for the hot path. A batch of a thousand transfers makes tens of thousands
// of balance calculations; with Decimal objects the allocations dominated the time. Amounts are at
// their currency's fixed scale, so inside a decision they are held as bigint counts of the smallest
// unit (cents at scale 2) and turned back into Decimals only at the edges. Never JavaScript numbers.
import { type AccountLimits, type BalanceCounters } from './account';
import { Decimal } from './money';

/** The four cached counters of an account, in smallest units. */
export interface UnitCounters {
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
}

export interface UnitLimits {
  creditLimit: bigint;
  maximumBalance: bigint | null;
}

/** An amount at (or below) the given scale as a count of smallest units. */
export function toUnits(value: Decimal, scale: number): bigint {
  const text = value.toFixed(scale);
  return BigInt(scale === 0 ? text : text.replace('.', ''));
}

export function fromUnits(units: bigint, scale: number): Decimal {
  if (scale === 0) return new Decimal(units.toString());
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return new Decimal(negative ? `-${text}` : text);
}

export function countersToUnits(counters: BalanceCounters, scale: number): UnitCounters {
  return {
    debitsPosted: toUnits(counters.debitsPosted, scale),
    creditsPosted: toUnits(counters.creditsPosted, scale),
    debitsPending: toUnits(counters.debitsPending, scale),
    creditsPending: toUnits(counters.creditsPending, scale),
  };
}

export function countersFromUnits(counters: UnitCounters, scale: number): BalanceCounters {
  return {
    debitsPosted: fromUnits(counters.debitsPosted, scale),
    creditsPosted: fromUnits(counters.creditsPosted, scale),
    debitsPending: fromUnits(counters.debitsPending, scale),
    creditsPending: fromUnits(counters.creditsPending, scale),
  };
}

export function limitsToUnits(limits: AccountLimits, scale: number): UnitLimits {
  return {
    creditLimit: toUnits(limits.creditLimit, scale),
    maximumBalance: limits.maximumBalance === null ? null : toUnits(limits.maximumBalance, scale),
  };
}

export function zeroUnitCounters(): UnitCounters {
  return { debitsPosted: 0n, creditsPosted: 0n, debitsPending: 0n, creditsPending: 0n };
}

export function unitCountersEqual(left: UnitCounters, right: UnitCounters): boolean {
  return (
    left.debitsPosted === right.debitsPosted &&
    left.creditsPosted === right.creditsPosted &&
    left.debitsPending === right.debitsPending &&
    left.creditsPending === right.creditsPending
  );
}

/** True when debits (posted and held) take the account further below zero than its credit limit. */
export function unitsBeyondCreditLimit(counters: UnitCounters, limits: UnitLimits): boolean {
  return counters.creditsPosted - counters.debitsPosted - counters.debitsPending + limits.creditLimit < 0n;
}

/** True when credits (posted and held) take the account above its maximum balance. */
export function unitsBeyondMaximumBalance(counters: UnitCounters, limits: UnitLimits): boolean {
  return limits.maximumBalance !== null && counters.creditsPosted + counters.creditsPending - counters.debitsPosted > limits.maximumBalance;
}
