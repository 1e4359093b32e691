import type { PrismaClient } from '../db/client';
import type { Offer } from '../../../prisma/generated/client/client';
import { NotFoundError, NotOwnerError, StatusTransitionError } from './errors';
import { offerData, offerInputSchema, type OfferInput } from './offer-input';
import { parseInput } from '../shared/input';
import { isUuid } from '../shared/global-id';
import { ValidationError } from '../errors';
import { refreshCategoryMedians } from '../ranking/aggregates';

/**
 * Replaces the fields of one of the producer's own offers. Archived offers cannot be edited, and an
 * ecological claim the board removed after a challenge cannot be declared again.
 */
export async function updateOffer(prisma: PrismaClient, producerId: string, offerId: string, input: OfferInput): Promise<Offer> {
  const parsed = parseInput(offerInputSchema, input);
  return prisma.$transaction(async (transaction) => {
    // Locked, so an edit cannot bring back a claim the board removes meanwhile.
    if (!isUuid(offerId)) throw new NotFoundError('offer');
    await transaction.$queryRaw`SELECT 1 FROM "Offer" WHERE "id" = ${offerId}::uuid FOR UPDATE`;
    const offer = await transaction.offer.findUnique({ where: { id: offerId } });
    if (!offer) throw new NotFoundError('offer');
    if (offer.producerId !== producerId) throw new NotOwnerError();
    if (offer.status === 'archived') throw new StatusTransitionError('archived', 'archived');
    const added = parsed.ecologicalAttributes.filter((attribute) => !offer.ecologicalAttributes.includes(attribute));
    if (added.length > 0) {
      const removed = await transaction.attributeChallenge.findFirst({ where: { offerId, attribute: { in: added }, status: 'claim_removed' }, select: { attribute: true } });
      if (removed) {
        throw new ValidationError([
          { field: 'ecologicalAttributes', code: 'removed_by_board', params: { attribute: removed.attribute }, message: `the board removed the claim ${removed.attribute} after a challenge` },
        ]);
      }
    }
    const data = await offerData(transaction, producerId, parsed);
    const updated = await transaction.offer.update({ where: { id: offerId }, data });
    // The price or category of an active offer moves the medians the ranking compares prices with.
    if (offer.status === 'active') await refreshCategoryMedians(transaction, [...new Set([offer.categoryCode, updated.categoryCode])]);
    return updated;
  });
}
