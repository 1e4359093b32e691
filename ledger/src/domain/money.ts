// Money as exact decimals. decimal.js rounds results to a configured number of significant digits
// (20 by default), which balances of 15 integer and 8 fraction digits would exceed; the ledger
// therefore works with its own Decimal constructor whose precision no sum of amounts can reach.
import DecimalJs from 'decimal.js';

/** The Decimal constructor of the ledger: 60 significant digits, so additions never round. */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_DOWN, toExpNeg: -60, toExpPos: 60 });
export type Decimal = DecimalJs;

/** An amount as given by a caller: a Decimal (any decimal.js instance) or a plain decimal string. */
export type AmountInput = DecimalJs | string;

/** Amounts, limits and maximum balances have at most this many digits before the decimal point. */
export const AMOUNT_INTEGER_DIGITS_MAXIMUM = 15;

/** Every amount is strictly below this bound (10^15). */
export const AMOUNT_BOUND = new Decimal(10).pow(AMOUNT_INTEGER_DIGITS_MAXIMUM);

export const ZERO = new Decimal(0);

const plainDecimal = /^[+-]?\d{1,40}(\.\d{1,40})?$/;

/**
 * Reads an amount. Returns null for anything that is not a finite decimal number: a string in
 * another notation (exponent, hexadecimal, blank), NaN or an infinity. A JavaScript number is a
 * programmer error, because it may already have lost precision.
 */
export function parseAmount(input: AmountInput): Decimal | null {
  if (typeof input === 'string') {
    const text = input.trim();
    return plainDecimal.test(text) ? new Decimal(text) : null;
  }
  if (!DecimalJs.isDecimal(input)) {
    throw new TypeError(`An amount must be a Decimal or a decimal string, not ${typeof input}`);
  }
  const value = new Decimal(input.toString());
  return value.isFinite() ? value : null;
}

/** Number of digits after the decimal point, ignoring trailing zeros ("1.50" has one). */
export function fractionDigits(value: Decimal): number {
  return value.decimalPlaces();
}

/** Whether the value fits the currency's scale and the global bound. */
export function fitsScale(value: Decimal, scale: number): boolean {
  return fractionDigits(value) <= scale;
}

export function isBelowBound(value: Decimal): boolean {
  return value.abs().lessThan(AMOUNT_BOUND);
}

/** Fixed-scale text for storage and display, e.g. "12.50" at scale 2. */
export function formatAmount(value: Decimal, scale: number): string {
  return value.toFixed(scale);
}

/** Canonical text independent of scale and trailing zeros ("12.5"), used for hashing. */
export function canonicalAmount(value: Decimal): string {
  return value.toFixed();
}

/** Reads a decimal that the database wrote (NUMERIC as text). */
export function decimalFromStorage(text: string): Decimal {
  return new Decimal(text);
}
