import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { lockOwnOffer } from './lock-own-offer';

/**
 * Puts the images of the producer's own offer into the given order. The list must name each of the
 * offer's images exactly once, so a client working from a stale gallery gets an error instead of a
 * silently different order.
 */
export async function reorderOfferImages(prisma: PrismaClient, producerId: string, offerId: string, imageIds: readonly string[]): Promise<void> {
  await prisma.$transaction(async (transaction) => {
    await lockOwnOffer(transaction, producerId, offerId);
    const images = await transaction.offerImage.findMany({ where: { offerId }, select: { id: true } });
    const current = new Set(images.map((image) => image.id));
    const complete = imageIds.length === current.size && new Set(imageIds).size === imageIds.length && imageIds.every((id) => current.has(id));
    if (!complete) throw new ValidationError([{ field: 'imageIds', code: 'invalid', params: {}, message: "must list each of the offer's images exactly once" }]);
    for (const [position, id] of imageIds.entries()) {
      await transaction.offerImage.update({ where: { id }, data: { position } });
    }
  });
}
