// Where processed images live: two WebP files per image under the media folder, named by a random
// storage key so that no part of an upload's name ever reaches the file system.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const mediaUrlPrefix = '/media/';

export const imageVariants = {
  /** Shown on offer cards and in the image manager. */
  thumbnail: { suffix: 'thumb', edgePixelsMax: 400 },
  /** Shown in the offer gallery and as a producer's logo. */
  display: { suffix: 'display', edgePixelsMax: 1200 },
} as const;

export type ImageVariant = keyof typeof imageVariants;

const storageKeyPattern = /^[0-9a-f-]{36}$/;

export function newStorageKey(): string {
  return randomUUID();
}

function fileName(storageKey: string, variant: ImageVariant): string {
  // Storage keys come from the database, which only ever holds keys made by newStorageKey.
  if (!storageKeyPattern.test(storageKey)) throw new Error(`invalid storage key ${JSON.stringify(storageKey)}`);
  return `${storageKey}-${imageVariants[variant].suffix}.webp`;
}

export function mediaUrl(storageKey: string, variant: ImageVariant): string {
  return `${mediaUrlPrefix}${fileName(storageKey, variant)}`;
}

export function mediaFilePath(mediaDir: string, storageKey: string, variant: ImageVariant): string {
  return path.join(mediaDir, fileName(storageKey, variant));
}

export async function writeImageFiles(mediaDir: string, storageKey: string, files: Record<ImageVariant, Buffer>): Promise<void> {
  await mkdir(mediaDir, { recursive: true });
  try {
    for (const variant of Object.keys(imageVariants) as ImageVariant[]) {
      // The database row that links the files is written only after both exist, so no page ever
      // points at a half-written file.
      await writeFile(mediaFilePath(mediaDir, storageKey, variant), files[variant], { flag: 'wx' });
    }
  } catch (error) {
    await removeImageFiles(mediaDir, [storageKey]);
    throw error;
  }
}

/** Removes the files of the given images; files already gone are fine. */
export async function removeImageFiles(mediaDir: string, storageKeys: readonly string[]): Promise<void> {
  await Promise.all(
    storageKeys.flatMap((storageKey) =>
      (Object.keys(imageVariants) as ImageVariant[]).map((variant) => rm(mediaFilePath(mediaDir, storageKey, variant), { force: true })),
    ),
  );
}
