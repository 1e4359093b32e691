import { builder } from '../builder';
import { ImageTooLargeError, ImageTypeNotSupportedError } from '../images/errors';
import { mediaUrl } from '../images/media-files';
import { removeProducerLogo, setProducerLogo } from '../images/producer-logo';
import { NotFoundError } from '../marketplace/errors';
import { selectionOf } from './prisma-query';
import { memberOf } from './global-id';

interface Logo {
  storageKey: string;
  width: number;
  height: number;
  alt: string;
}

const ProducerLogoType = builder.objectRef<Logo>('ProducerLogo').implement({
  description: "A producer's uploaded logo, as a display size (at most 1200 px) and a thumbnail (at most 400 px).",
  fields: (t) => ({
    url: t.string({ resolve: (logo) => mediaUrl(logo.storageKey, 'display') }),
    thumbnailUrl: t.string({ resolve: (logo) => mediaUrl(logo.storageKey, 'thumbnail') }),
    width: t.exposeInt('width'),
    height: t.exposeInt('height'),
    alt: t.exposeString('alt', { description: "Text alternative: the producer's name." }),
  }),
});

builder.prismaObjectFields('ProducerProfile', (t) => ({
  logo: t.field({
    type: ProducerLogoType,
    nullable: true,
    description: 'The uploaded logo; null when none was uploaded.',
    select: { logoStorageKey: true, logoWidth: true, logoHeight: true, name: true },
    resolve: (profile) =>
      profile.logoStorageKey === null
        ? null
        : { storageKey: profile.logoStorageKey, width: profile.logoWidth ?? 0, height: profile.logoHeight ?? 0, alt: profile.name },
  }),
}));

builder.mutationField('setProducerLogo', (t) =>
  t.prismaField({
    type: 'ProducerProfile',
    description: "Uploads (or replaces) the logged-in producer's logo: a JPEG, PNG or WebP image.",
    authScopes: { producer: true },
    args: { file: t.arg({ type: 'File', required: true }) },
    errors: { types: [NotFoundError, ImageTooLargeError, ImageTypeNotSupportedError] },
    resolve: async (query, _root, { file }, context) => {
      const memberId = memberOf(context).id;
      const { mediaDir, uploadBytesMax, uploadPixelsMax } = context.config;
      await setProducerLogo(context.prisma, { mediaDir, bytesMax: uploadBytesMax, pixelsMax: uploadPixelsMax }, memberId, file);
      return context.prisma.producerProfile.findUniqueOrThrow({ ...selectionOf(query), where: { memberId } });
    },
  }),
);

builder.mutationField('removeProducerLogo', (t) =>
  t.prismaField({
    type: 'ProducerProfile',
    description: "Removes the logged-in producer's uploaded logo and deletes its files.",
    authScopes: { producer: true },
    errors: { types: [NotFoundError] },
    resolve: async (query, _root, _args, context) => {
      const memberId = memberOf(context).id;
      await removeProducerLogo(context.prisma, context.config.mediaDir, memberId);
      return context.prisma.producerProfile.findUniqueOrThrow({ ...selectionOf(query), where: { memberId } });
    },
  }),
);
