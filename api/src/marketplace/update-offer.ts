import type { PrismaClient } from '../db/client';
import type { Offer } from '../../../prisma/generated/client/client';
import { NotFoundError, NotOwnerError, StatusTransitionError } from './errors';
import { offerData, offerInputSchema, type OfferInput } from './offer-input';
import { parseInput } from '../shared/input';
import { refreshCategoryMedians } from '../ranking/aggregates';

/** Replaces the fields of one of the producer's own offers. Archived offers cannot be edited. */
export async function updateOffer(prisma: PrismaClient, producerId: string, offerId: string, input: OfferInput): Promise<Offer> {
  const parsed = parseInput(offerInputSchema, input);
  return prisma.$transaction(async (transaction) => {
    const offer = await transaction.offer.findUnique({ where: { id: offerId } });
    if (!offer) throw new NotFoundError('offer');
    if (offer.producerId !== producerId) throw new NotOwnerError();
    if (offer.status === 'archived') throw new StatusTransitionError('archived', 'archived');
    const data = await offerData(transaction, producerId, parsed);
    const updated = await transaction.offer.update({ where: { id: offerId }, data });
    // The price or category of an active offer moves the medians the ranking compares prices with.
    if (offer.status === 'active') await refreshCategoryMedians(transaction, [...new Set([offer.categoryCode, updated.categoryCode])]);
    return updated;
  });
}
