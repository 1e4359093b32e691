// Images for the demo offers: each offer shows the illustration of its category in one of a few
// variants (demo-illustrations.ts). Each pair of category and variant that the offers use is rendered
// once, through the same processing as an upload (processImage), and its files are written once per
// offer: every image owns its files, since removing an image deletes them.
import sharp from 'sharp';
import type { PrismaClient } from '../db/client';
import { newStorageKey, removeImageFiles, writeImageFiles } from '../images/media-files';
import { processImage, type ImageLimits, type ProcessedImage } from '../images/process-image';
import { demoEmail, demoMembers } from './demo-data';
import { demoIllustrationSvg, illustrationVariantCount } from './demo-illustrations';

export interface DemoOfferIllustration {
  producerKey: string;
  title: string;
  categoryCode: string;
  variant: number;
}

/** Which illustration each demo offer gets: the variants of a category take turns. */
export function demoOfferIllustrations(): DemoOfferIllustration[] {
  const countByCategory = new Map<string, number>();
  return demoMembers.flatMap((member) =>
    (member.offers ?? []).map(([title, , categoryCode]) => {
      const count = countByCategory.get(categoryCode) ?? 0;
      countByCategory.set(categoryCode, count + 1);
      return { producerKey: member.key, title, categoryCode, variant: count % illustrationVariantCount };
    }),
  );
}

function illustrationKey(illustration: Pick<DemoOfferIllustration, 'categoryCode' | 'variant'>): string {
  return `${illustration.categoryCode}/${illustration.variant}`;
}

/** Processed illustrations by category and variant, ready to be written for any number of offers. */
export type RenderedIllustrations = ReadonlyMap<string, ProcessedImage>;

/** Renders every illustration the demo offers use, once each. CPU work only: no database, no files. */
export async function renderDemoIllustrations(limits: ImageLimits): Promise<RenderedIllustrations> {
  const used = new Map(demoOfferIllustrations().map((illustration) => [illustrationKey(illustration), illustration]));
  const rendered = await Promise.all(
    [...used].map(async ([key, { categoryCode, variant }]) => {
      // SVG is not an upload format, so the drawing becomes a PNG first, as if a producer had sent it.
      const png = await sharp(Buffer.from(demoIllustrationSvg(categoryCode, variant))).png({ compressionLevel: 1 }).toBuffer();
      return [key, await processImage(new Blob([new Uint8Array(png)]), limits)] as const;
    }),
  );
  return new Map(rendered);
}

/**
 * Gives every demo offer that has no image yet its illustration as the cover. The files are written
 * before the rows, as for an upload, and removed again when the rows cannot be written.
 */
export async function seedDemoImages(prisma: PrismaClient, mediaDir: string, rendered: RenderedIllustrations): Promise<number> {
  const producers = await prisma.member.findMany({
    where: { email: { in: demoMembers.map((member) => demoEmail(member.key)) } },
    select: { id: true, email: true },
  });
  const producerIdByEmail = new Map(producers.map((producer) => [producer.email, producer.id]));
  const offers = await prisma.offer.findMany({
    where: { producerId: { in: producers.map((producer) => producer.id) }, images: { none: {} } },
    select: { id: true, producerId: true, title: true },
  });
  const offerIdByTitle = new Map(offers.map((offer) => [`${offer.producerId}/${offer.title}`, offer.id]));

  const rows: { offerId: string; position: number; storageKey: string; width: number; height: number }[] = [];
  try {
    for (const illustration of demoOfferIllustrations()) {
      const offerId = offerIdByTitle.get(`${producerIdByEmail.get(demoEmail(illustration.producerKey))}/${illustration.title}`);
      const image = rendered.get(illustrationKey(illustration));
      if (!offerId || !image) continue;
      const storageKey = newStorageKey();
      await writeImageFiles(mediaDir, storageKey, image.files);
      rows.push({ offerId, position: 0, storageKey, width: image.width, height: image.height });
    }
    await prisma.offerImage.createMany({ data: rows });
  } catch (error) {
    await removeImageFiles(
      mediaDir,
      rows.map((row) => row.storageKey),
    );
    throw error;
  }
  return rows.length;
}
