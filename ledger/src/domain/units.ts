// Exact integer arithmetic for the hot path. A batch of a thousand transfers makes tens of thousands
// of balance calculations; with Decimal objects the allocations dominated the time. Amounts are at
// their currency's fixed scale, so inside a decision they are held as bigint counts of the smallest
// unit (cents at scale 2) and turned back into Decimals only at the edges. Never JavaScript numbers.
import { type AccountLimits, type AccountStatus, type BalanceCounters } from './account';
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

/**
 * An account as a batch decision reads it under its row lock: counters and limits as the exact
 * decimal text the database returned, turned into units only once the currency's scale is known.
 */
export interface BatchAccount {
  id: string;
  currency: string;
  status: AccountStatus;
  creditLimit: string;
  maximumBalance: string | null;
  debitsPosted: string;
  creditsPosted: string;
  debitsPending: string;
  creditsPending: string;
}

export function batchAccountCounters(account: BatchAccount, scale: number): UnitCounters {
  return {
    debitsPosted: unitsFromText(account.debitsPosted, scale),
    creditsPosted: unitsFromText(account.creditsPosted, scale),
    debitsPending: unitsFromText(account.debitsPending, scale),
    creditsPending: unitsFromText(account.creditsPending, scale),
  };
}

export function batchAccountLimits(account: BatchAccount, scale: number): UnitLimits {
  return {
    creditLimit: unitsFromText(account.creditLimit, scale),
    maximumBalance: account.maximumBalance === null ? null : unitsFromText(account.maximumBalance, scale),
  };
}

/** An amount at (or below) the given scale as a count of smallest units. */
export function toUnits(value: Decimal, scale: number): bigint {
  const text = value.toFixed(scale);
  return BigInt(scale === 0 ? text : text.replace('.', ''));
}

/**
 * Decimal text as the database writes NUMERIC ("12.50", "-3", "0") as a count of smallest units,
 * without building a Decimal on the way. More fraction digits than the scale are allowed only as
 * trailing zeros.
 */
export function unitsFromText(text: string, scale: number): bigint {
  if (text === '0') return 0n;
  if (!text.includes('.')) return BigInt(text) * unitFactor(scale);
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  let fraction = dot < 0 ? '' : body.slice(dot + 1);
  if (fraction.length > scale) {
    if (!/^0*$/.test(fraction.slice(scale))) throw new RangeError(`${text} has more than ${scale} digits after the decimal point`);
    fraction = fraction.slice(0, scale);
  }
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

const unitFactors = Array.from({ length: 19 }, (_, scale) => 10n ** BigInt(scale));

/** 10^scale: how many smallest units make one whole unit. */
function unitFactor(scale: number): bigint {
  return unitFactors[scale] ?? 10n ** BigInt(scale);
}

/** A count of smallest units as plain decimal text at the scale ("-12.50"), as NUMERIC reads it. */
export function unitsText(units: bigint, scale: number): string {
  if (units === 0n) return '0';
  if (scale === 0) return units.toString();
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

export function fromUnits(units: bigint, scale: number): Decimal {
  return new Decimal(unitsText(units, scale));
}

/** A change of an account's four counters, in units of its currency's scale. */
export interface UnitBalanceChange {
  accountId: string;
  /** The account's currency, as the decision saw it (the store checks it against the row). */
  currency: string;
  change: UnitCounters;
  scale: number;
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
