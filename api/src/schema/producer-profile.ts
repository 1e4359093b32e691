import { builder } from '../builder';
import { mediaUrl } from '../images/media-files';
import { NotFoundError } from '../marketplace/errors';
import { producerProfileSchema, updateProducerProfile } from '../marketplace/update-producer-profile';
import { ValidationError } from '../errors';
import { selectionOf } from './prisma-query';
import { memberOf } from './global-id';
import { DeliveryOptionEnum } from './marketplace-enums';
import { rowIdOf } from '../shared/global-id';

export const ProducerProfileType = builder.prismaNode('ProducerProfile', {
  id: { field: 'memberId' },
  description: "A producer's public profile. Its id shares the producer member's row id.",
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    logoUrl: t.string({
      nullable: true,
      deprecationReason: 'Logos are uploads only: use logo.url.',
      description: 'The address of the uploaded logo on this server; null when none was uploaded.',
      select: { logoStorageKey: true },
      resolve: (profile) => (profile.logoStorageKey === null ? null : mediaUrl(profile.logoStorageKey, 'display')),
    }),
    contactEmail: t.exposeString('contactEmail'),
    contactPhone: t.exposeString('contactPhone'),
    postcode: t.exposeString('postcode'),
    place: t.exposeString('place'),
    latitude: t.exposeFloat('latitude', { nullable: true }),
    longitude: t.exposeFloat('longitude', { nullable: true }),
    deliveryOptions: t.field({
      type: [DeliveryOptionEnum],
      select: { deliveryOptions: true },
      resolve: (profile) => profile.deliveryOptions,
    }),
    openingHours: t.exposeString('openingHours'),
    member: t.relation('member'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField('Member', 'producerProfile', (t) =>
  t.relation('profile', { nullable: true, description: 'The public profile, for members with the producer role.' }),
);

builder.queryField('producer', (t) =>
  t.prismaField({
    type: 'ProducerProfile',
    nullable: true,
    description: "A producer's public profile by its id or by the producer member's id.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const memberId = rowIdOf(String(args.id), ['ProducerProfile', 'Member']);
      return memberId ? context.prisma.producerProfile.findUnique({ ...query, where: { memberId } }) : null;
    },
  }),
);

const ProducerProfileInput = builder.inputType('ProducerProfileInput', {
  validate: producerProfileSchema,
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    contactEmail: t.string(),
    contactPhone: t.string(),
    postcode: t.string({ description: 'Five digits; a known postcode also supplies coordinates.' }),
    place: t.string(),
    latitude: t.float(),
    longitude: t.float(),
    deliveryOptions: t.field({ type: [DeliveryOptionEnum] }),
    openingHours: t.string(),
  }),
});

builder.mutationField('updateProducerProfile', (t) =>
  t.prismaField({
    type: 'ProducerProfile',
    description: "Creates or replaces the logged-in producer's public profile.",
    authScopes: { producer: true },
    args: { input: t.arg({ type: ProducerProfileInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError] },
    resolve: async (query, _root, { input }, context) => {
      const profile = await updateProducerProfile(context.prisma, memberOf(context).id, input);
      return context.prisma.producerProfile.findUniqueOrThrow({ ...selectionOf(query), where: { memberId: profile.memberId } });
    },
  }),
);
