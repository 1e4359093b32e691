import { visibleOffersWhere } from '../marketplace/offer-visibility';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { addOfferImage, offerImagesMax } from '../images/add-offer-image';
import { ImageTooLargeError, ImageTypeNotSupportedError, TooManyImagesError, imageFormats } from '../images/errors';
import { mediaUrl } from '../images/media-files';
import { removeOfferImage } from '../images/remove-offer-image';
import { reorderOfferImages } from '../images/reorder-offer-images';
import type { Context } from '../context';
import { NotFoundError, NotOwnerError, StatusTransitionError } from '../marketplace/errors';
import { selectionOf } from './prisma-query';
import { memberOf } from './global-id';
import { rowIdOf } from '../shared/global-id';

export const OfferImageType = builder.prismaNode('OfferImage', {
  id: { field: 'id' },
  // node(id:) finds an image only of an offer the member may see.
  findUnique: (id, context) => ({ id, offer: visibleOffersWhere(context.member) }),
  description: 'An image of an offer, as a display size (at most 1200 px) and a thumbnail (at most 400 px), both WebP.',
  fields: (t) => ({
    url: t.string({ select: { storageKey: true }, resolve: (image) => mediaUrl(image.storageKey, 'display') }),
    thumbnailUrl: t.string({ select: { storageKey: true }, resolve: (image) => mediaUrl(image.storageKey, 'thumbnail') }),
    width: t.exposeInt('width', { description: 'Width of the display size in pixels.' }),
    height: t.exposeInt('height', { description: 'Height of the display size in pixels.' }),
    position: t.exposeInt('position', { description: '0-based place in the gallery; 0 is the cover.' }),
    alt: t.string({
      description: "Text alternative: the offer's title.",
      select: { offerId: true },
      // Listed through Offer.images, an image carries its offer's title (see there); an image
      // reached any other way loads it.
      resolve: async (image, _args, context) =>
        offerTitles.get(image) ??
        (await context.prisma.offer.findUniqueOrThrow({ where: { id: image.offerId }, select: { title: true } })).title,
    }),
  }),
});

/** The title of the offer each image was listed with, for its alt text. */
const offerTitles = new WeakMap<object, string>();

// The images come with the offer's own row, which already holds the title that is their alt text.
// (Selecting the title through each image's offer relation costs one more statement per page, even
// for a page without images.)
builder.prismaObjectFields('Offer', (t) => ({
  images: t.field({
    type: [OfferImageType],
    description: 'Up to six images in gallery order.',
    select: (_args, _context, nestedSelection) => ({
      title: true,
      images: nestedSelection({ orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
    }),
    resolve: (offer) => {
      for (const image of offer.images) offerTitles.set(image, offer.title);
      return offer.images;
    },
  }),
}));

function imageSettings(context: Context) {
  const { mediaDir, uploadBytesMax, uploadPixelsMax } = context.config;
  return { mediaDir, bytesMax: uploadBytesMax, pixelsMax: uploadPixelsMax };
}

function offerIdOf(id: string | number): string {
  const offerId = rowIdOf(String(id), ['Offer']);
  if (!offerId) throw new NotFoundError('offer');
  return offerId;
}

builder.mutationField('addOfferImage', (t) =>
  t.prismaField({
    type: 'Offer',
    description: "Adds an image (JPEG, PNG or WebP) at the end of one of the logged-in producer's offers' gallery.",
    authScopes: { producer: true },
    args: { offerId: t.arg.id({ required: true }), file: t.arg({ type: 'File', required: true }) },
    errors: { types: [NotFoundError, NotOwnerError, StatusTransitionError, ImageTooLargeError, ImageTypeNotSupportedError, TooManyImagesError] },
    resolve: async (query, _root, { offerId, file }, context) => {
      const id = offerIdOf(offerId);
      await addOfferImage(context.prisma, imageSettings(context), memberOf(context).id, id, file);
      return context.prisma.offer.findUniqueOrThrow({ ...selectionOf(query), where: { id } });
    },
  }),
);

builder.mutationField('removeOfferImage', (t) =>
  t.prismaField({
    type: 'Offer',
    description: "Removes an image from one of the logged-in producer's offers and deletes its files.",
    authScopes: { producer: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError, NotOwnerError] },
    resolve: async (query, _root, { id }, context) => {
      const imageId = rowIdOf(String(id), ['OfferImage']);
      if (!imageId) throw new NotFoundError('offer_image');
      const offerId = await removeOfferImage(context.prisma, context.config.mediaDir, memberOf(context).id, imageId);
      return context.prisma.offer.findUniqueOrThrow({ ...selectionOf(query), where: { id: offerId } });
    },
  }),
);

builder.mutationField('reorderOfferImages', (t) =>
  t.prismaField({
    type: 'Offer',
    description: "Puts the images of one of the logged-in producer's offers into the given order; every image exactly once.",
    authScopes: { producer: true },
    args: { offerId: t.arg.id({ required: true }), imageIds: t.arg.idList({ required: true }) },
    errors: { types: [NotFoundError, NotOwnerError, StatusTransitionError, ValidationError] },
    resolve: async (query, _root, { offerId, imageIds }, context) => {
      const id = offerIdOf(offerId);
      const rowIds = imageIds.map((imageId) => rowIdOf(String(imageId), ['OfferImage']) ?? String(imageId));
      await reorderOfferImages(context.prisma, memberOf(context).id, id, rowIds);
      return context.prisma.offer.findUniqueOrThrow({ ...selectionOf(query), where: { id } });
    },
  }),
);

interface UploadLimits {
  bytesMax: number;
  pixelsMax: number;
  imagesPerOfferMax: number;
}

const ImageUploadLimitsType = builder.objectRef<UploadLimits>('ImageUploadLimits').implement({
  description: 'What the server accepts, so that clients can refuse a file before sending it.',
  fields: (t) => ({
    bytesMax: t.exposeInt('bytesMax'),
    pixelsMax: t.exposeInt('pixelsMax'),
    imagesPerOfferMax: t.exposeInt('imagesPerOfferMax'),
    formats: t.stringList({ description: 'MIME types of the accepted formats.', resolve: () => imageFormats.map((format) => `image/${format}`) }),
  }),
});

builder.queryField('imageUploadLimits', (t) =>
  t.field({
    type: ImageUploadLimitsType,
    resolve: (_root, _args, context) => ({
      bytesMax: context.config.uploadBytesMax,
      pixelsMax: context.config.uploadPixelsMax,
      imagesPerOfferMax: offerImagesMax,
    }),
  }),
);
