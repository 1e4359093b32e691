// The cooperative contribution taken from every settled order for the common fund, at the rate of the
// contribution policy in force when the order was placed: an enactment changes the next sale, never
// an order already placed.
import { Decimal } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import { cooperativeCurrency } from '../wallet/cooperative-currency';

export async function contributionRateAt(prisma: PrismaClient, placedAt: Date): Promise<Decimal> {
  return new Decimal((await policyInForce(prisma, 'contribution_rate', placedAt)).payload.rate);
}

/**
 * Splits an amount into the producer's part and the contribution. The contribution is rounded half
 * up at the currency's scale and the producer gets the rest, so the parts always sum to the amount.
 */
export function splitPayment(amount: Decimal, rate: Decimal): { producer: Decimal; contribution: Decimal } {
  const contribution = amount.times(rate).toDecimalPlaces(cooperativeCurrency.scale, Decimal.ROUND_HALF_UP);
  return { producer: amount.minus(contribution), contribution };
}
