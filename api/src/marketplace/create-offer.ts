import type { PrismaClient } from '../db/client';
import type { Offer } from '../../../prisma/generated/client/client';
import { offerData, offerInputSchema, type OfferInput } from './offer-input';
import { parseInput } from '../shared/input';
import { refreshCategoryMedians } from '../ranking/aggregates';

/** Creates an offer of the producer as a draft, or active when `publish` is set. */
export async function createOffer(prisma: PrismaClient, producerId: string, input: OfferInput, publish = false): Promise<Offer> {
  const parsed = parseInput(offerInputSchema, input);
  return prisma.$transaction(async (transaction) => {
    const data = await offerData(transaction, producerId, parsed);
    const offer = await transaction.offer.create({ data: { ...data, producerId, status: publish ? 'active' : 'draft' } });
    // An active offer moves its category's median price, which the ranking compares prices with.
    if (publish) await refreshCategoryMedians(transaction, [offer.categoryCode]);
    return offer;
  });
}
