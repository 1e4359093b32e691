import type { PrismaClient } from '../db/client';
import { NotFoundError } from '../marketplace/errors';
import { lockOwnOffer } from './lock-own-offer';
import { removeImageFiles } from './media-files';

/**
 * Removes one image of the producer's own offer and closes the gap in the gallery. The files are
 * deleted only after the transaction committed, so a rolled-back removal never loses them.
 * Returns the offer's id.
 */
export async function removeOfferImage(prisma: PrismaClient, mediaDir: string, producerId: string, imageId: string): Promise<string> {
  const image = await prisma.offerImage.findUnique({ where: { id: imageId }, select: { offerId: true } });
  if (!image) throw new NotFoundError('offer_image');
  const removed = await prisma.$transaction(async (transaction) => {
    await lockOwnOffer(transaction, producerId, image.offerId, { allowArchived: true });
    const current = await transaction.offerImage.findUnique({ where: { id: imageId } });
    if (!current) throw new NotFoundError('offer_image');
    await transaction.offerImage.delete({ where: { id: imageId } });
    await transaction.offerImage.updateMany({
      where: { offerId: current.offerId, position: { gt: current.position } },
      data: { position: { decrement: 1 } },
    });
    return current;
  });
  await removeImageFiles(mediaDir, [removed.storageKey]);
  return removed.offerId;
}
