import type { PrismaClient } from '../db/client';
import type { Offer } from '../../../prisma/generated/client/client';
import type { OfferStatus } from '../../../prisma/generated/client/enums';
import { NotFoundError, NotOwnerError, StatusTransitionError } from './errors';
import { canChangeOfferStatus } from './offer-status';
import { refreshCategoryMedians } from '../ranking/aggregates';

/**
 * Moves one of the producer's own offers to another status along the state machine in
 * offer-status.ts. The update is conditional on the status read, so two concurrent changes cannot
 * both pass the check.
 */
export async function changeOfferStatus(prisma: PrismaClient, producerId: string, offerId: string, status: OfferStatus): Promise<Offer> {
  const offer = await prisma.offer.findUnique({ where: { id: offerId } });
  if (!offer) throw new NotFoundError('offer');
  if (offer.producerId !== producerId) throw new NotOwnerError();
  if (!canChangeOfferStatus(offer.status, status)) throw new StatusTransitionError(offer.status, status);
  return prisma.$transaction(async (transaction) => {
    const { count } = await transaction.offer.updateMany({ where: { id: offerId, status: offer.status }, data: { status } });
    if (count === 0) throw new StatusTransitionError(offer.status, status);
    // Offers entering or leaving the active ones move their category's median price (ranking).
    if (offer.status === 'active' || status === 'active') await refreshCategoryMedians(transaction, [offer.categoryCode]);
    return transaction.offer.findUniqueOrThrow({ where: { id: offerId } });
  });
}
