// The cooperative contribution taken from every settled order for the common fund. Until governance
// enacts policy versions, the rate in force is the default.
import { Decimal } from '@allmende/ledger';
import { cooperativeCurrency } from '../wallet/cooperative-currency';

export const contributionRateDefault = '0.03';

export function contributionRateInForce(): Decimal {
  return new Decimal(contributionRateDefault);
}

/**
 * Splits an amount into the producer's part and the contribution. The contribution is rounded half
 * up at the currency's scale and the producer gets the rest, so the parts always sum to the amount.
 */
export function splitPayment(amount: Decimal, rate: Decimal = contributionRateInForce()): { producer: Decimal; contribution: Decimal } {
  const contribution = amount.times(rate).toDecimalPlaces(cooperativeCurrency.scale, Decimal.ROUND_HALF_UP);
  return { producer: amount.minus(contribution), contribution };
}
