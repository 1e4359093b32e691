// A producer's logo: set or replaced, and removed. Logos are uploads only, served from this server,
// so visitors' browsers never fetch a producer's picture from another site. The row lock on the
// profile makes two concurrent uploads replace each other in turn, so every replaced logo's files
// are removed.
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../../../prisma/generated/client/client';
import { NotFoundError } from '../marketplace/errors';
import { newStorageKey, removeImageFiles, writeImageFiles } from './media-files';
import { processImage, type ImageLimits, type UploadedFile } from './process-image';

export interface LogoSettings extends ImageLimits {
  mediaDir: string;
}

async function lockProfile(transaction: Prisma.TransactionClient, memberId: string): Promise<string | null> {
  const rows = await transaction.$queryRaw<{ logoStorageKey: string | null }[]>`
    SELECT "logoStorageKey" FROM "ProducerProfile" WHERE "memberId" = ${memberId}::uuid FOR UPDATE`;
  const profile = rows[0];
  if (!profile) throw new NotFoundError('producer_profile');
  return profile.logoStorageKey;
}

export async function setProducerLogo(prisma: PrismaClient, settings: LogoSettings, memberId: string, file: UploadedFile): Promise<void> {
  const profile = await prisma.producerProfile.findUnique({ where: { memberId }, select: { memberId: true } });
  if (!profile) throw new NotFoundError('producer_profile');
  const processed = await processImage(file, settings);
  const storageKey = newStorageKey();
  await writeImageFiles(settings.mediaDir, storageKey, processed.files);
  let replaced: string | null;
  try {
    replaced = await prisma.$transaction(async (transaction) => {
      const previous = await lockProfile(transaction, memberId);
      await transaction.producerProfile.update({
        where: { memberId },
        data: { logoStorageKey: storageKey, logoWidth: processed.width, logoHeight: processed.height },
      });
      return previous;
    });
  } catch (error) {
    await removeImageFiles(settings.mediaDir, [storageKey]);
    throw error;
  }
  if (replaced) await removeImageFiles(settings.mediaDir, [replaced]);
}

/** Removes the logo and deletes its files. */
export async function removeProducerLogo(prisma: PrismaClient, mediaDir: string, memberId: string): Promise<void> {
  const removed = await prisma.$transaction(async (transaction) => {
    const previous = await lockProfile(transaction, memberId);
    await transaction.producerProfile.update({ where: { memberId }, data: { logoStorageKey: null, logoWidth: null, logoHeight: null } });
    return previous;
  });
  if (removed) await removeImageFiles(mediaDir, [removed]);
}
