import type { PrismaClient } from '../db/client';
import type { OfferImage } from '../../../prisma/generated/client/client';
import { NotFoundError, NotOwnerError, StatusTransitionError } from '../marketplace/errors';
import { TooManyImagesError } from './errors';
import { lockOwnOffer } from './lock-own-offer';
import { newStorageKey, removeImageFiles, writeImageFiles } from './media-files';
import { processImage, type ImageLimits, type UploadedFile } from './process-image';

export const offerImagesMax = 6;

export interface AddOfferImageSettings extends ImageLimits {
  mediaDir: string;
}

/**
 * Adds an image at the end of one of the producer's own offers' gallery. Ownership and the count are
 * checked before the costly processing, and again under the offer's row lock before the row is
 * written; whatever fails, the files written for this upload are removed again.
 */
export async function addOfferImage(
  prisma: PrismaClient,
  settings: AddOfferImageSettings,
  producerId: string,
  offerId: string,
  file: UploadedFile,
): Promise<OfferImage> {
  const offer = await prisma.offer.findUnique({ where: { id: offerId }, select: { producerId: true, status: true, _count: { select: { images: true } } } });
  if (!offer) throw new NotFoundError('offer');
  if (offer.producerId !== producerId) throw new NotOwnerError();
  if (offer.status === 'archived') throw new StatusTransitionError('archived', 'archived');
  if (offer._count.images >= offerImagesMax) throw new TooManyImagesError(offerImagesMax);

  const processed = await processImage(file, settings);
  const storageKey = newStorageKey();
  await writeImageFiles(settings.mediaDir, storageKey, processed.files);
  try {
    return await prisma.$transaction(async (transaction) => {
      await lockOwnOffer(transaction, producerId, offerId);
      const count = await transaction.offerImage.count({ where: { offerId } });
      if (count >= offerImagesMax) throw new TooManyImagesError(offerImagesMax);
      return transaction.offerImage.create({
        data: { offerId, position: count, storageKey, width: processed.width, height: processed.height },
      });
    });
  } catch (error) {
    await removeImageFiles(settings.mediaDir, [storageKey]);
    throw error;
  }
}
