// Amounts of the cooperative currency as whole units (cents at scale 2), the form the exact split
// works in, and back. Both directions are exact: no floating point anywhere.
import { Decimal } from '@allmende/ledger';
import { cooperativeCurrency } from '../wallet/cooperative-currency';

const unitsPerWhole = 10n ** BigInt(cooperativeCurrency.scale);

/** The amount in whole units; an amount with more fraction digits than the scale is a programming error. */
export function unitsOf(amount: { toString(): string }): bigint {
  const value = new Decimal(amount.toString()).times(unitsPerWhole.toString());
  if (!value.isInteger()) throw new RangeError(`${amount.toString()} has more than ${cooperativeCurrency.scale} fraction digits`);
  return BigInt(value.toFixed(0));
}

/** Whole units as a decimal text at the currency's scale ("1234" → "12.34", "-5" → "-0.05"). */
export function amountOfUnits(units: bigint): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const whole = magnitude / unitsPerWhole;
  const fraction = (magnitude % unitsPerWhole).toString().padStart(cooperativeCurrency.scale, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
