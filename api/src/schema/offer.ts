import { queryFromInfo } from '@pothos/plugin-prisma';
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import { OfferKind } from '../../../prisma/generated/client/enums';
import { AppError, ValidationError } from '../errors';
import { changeOfferStatus } from '../marketplace/change-offer-status';
import { createOffer } from '../marketplace/create-offer';
import { NotFoundError, NotOwnerError, StatusTransitionError } from '../marketplace/errors';
import { offerInputSchema } from '../marketplace/offer-input';
import { updateOffer } from '../marketplace/update-offer';
import { selectionOf } from './prisma-query';
import { memberOf } from './global-id';
import { visibleOffersWhere } from '../marketplace/offer-visibility';
import { DeliveryOptionEnum, EcologicalAttributeEnum, OfferStatusEnum } from './marketplace-enums';
import { pageSizeMax } from '../shared/input';
import { rowIdOf } from '../shared/global-id';
import { amountText } from '../wallet/cooperative-currency';
import type { OfferOrder, OfferRankingExplanation } from '../marketplace/search';
import { RankingExplanationType } from './ranking';

export const OfferKindEnum = builder.enumType(OfferKind, { name: 'OfferKind' });

const NearInput = builder.inputType('NearInput', {
  fields: (t) => ({
    postcode: t.string({ description: 'A known German postcode; or give latitude and longitude.' }),
    latitude: t.float(),
    longitude: t.float(),
    radiusKm: t.float({ required: true }),
  }),
});

export const OfferType = builder.prismaNode('Offer', {
  id: { field: 'id' },
  // node(id:) finds an offer only where the offer query would.
  findUnique: (id, context) => ({ ...visibleOffersWhere(context.member), id }),
  fields: (t) => ({
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    categoryCode: t.exposeString('categoryCode'),
    kind: t.expose('kind', { type: OfferKindEnum }),
    price: t.field({ type: 'Decimal', select: { price: true }, resolve: (offer) => amountText(offer.price) }),
    unit: t.exposeString('unit'),
    status: t.expose('status', { type: OfferStatusEnum }),
    stock: t.exposeInt('stock', { nullable: true, description: 'Units in stock for goods; null means unlimited.' }),
    availability: t.exposeString('availability', { description: 'When a service is available.' }),
    postcode: t.exposeString('postcode'),
    place: t.exposeString('place'),
    latitude: t.exposeFloat('latitude', { nullable: true }),
    longitude: t.exposeFloat('longitude', { nullable: true }),
    deliveryOptions: t.field({ type: [DeliveryOptionEnum], select: { deliveryOptions: true }, resolve: (offer) => offer.deliveryOptions }),
    ecologicalAttributes: t.field({
      type: [EcologicalAttributeEnum],
      select: { ecologicalAttributes: true },
      resolve: (offer) => offer.ecologicalAttributes,
    }),
    producer: t.relation('producer'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    rankingExplanation: t.field({
      type: RankingExplanationType,
      nullable: true,
      description:
        "Why the offer stands where it does under the ranking policy in force, now, for a viewer at `near` (a search's place) searching for `query` (or browsing); null for an offer that is not listed. In a listing, the edge's rankingExplanation gives it under that listing's ranking.",
      args: { near: t.arg({ type: NearInput }), query: t.arg.string({ description: "A search's text, for text relevance." }) },
      select: { status: true },
      resolve: async (offer, args, context) => {
        if (offer.status !== 'active') return null;
        try {
          return (await context.search.explainRankingNow([offer.id], args.near, args.query)).get(offer.id) ?? null;
        } catch (error) {
          throw asUserInputError(error);
        }
      },
    }),
  }),
});

export const OfferOrderEnum = builder.enumType('OfferOrder', {
  values: {
    ranked: { description: 'By the ranking policy the members voted (the default).' },
    newest: { description: 'Newest first.' },
    priceAscending: { description: 'Lowest price first.' },
    nearest: { description: "Nearest first; only with the filter's `near`." },
  } satisfies Record<OfferOrder, { description: string }>,
});

export const OfferFilterInput = builder.inputType('OfferFilterInput', {
  fields: (t) => ({
    query: t.string({ description: 'Full-text search in German and English (web search syntax: "quoted", -not, or).' }),
    category: t.string({ description: 'A category code ("food.fruit") or a group code ("food").' }),
    kind: t.field({ type: OfferKindEnum }),
    priceMin: t.field({ type: 'Decimal' }),
    priceMax: t.field({ type: 'Decimal' }),
    ecologicalAttributes: t.field({ type: [EcologicalAttributeEnum], description: 'Offers declaring all of these.' }),
    deliveryOptions: t.field({ type: [DeliveryOptionEnum], description: 'Offers with any of these.' }),
    producer: t.id({ description: 'Only offers of this producer (ProducerProfile or Member id).' }),
    near: t.field({ type: NearInput }),
  }),
});

/** Filter problems are the caller's input: report them with their code instead of masking them. */
function asUserInputError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}),
    },
  });
}

builder.queryField('offers', (t) =>
  t.connection(
    {
      type: OfferType,
      description:
        'The marketplace: active offers matching the filters, by default in the order of the ranking policy in force. A cursor of the ranked order from before an enactment is refused (validation_failed on `after`): start again without it.',
      args: { filter: t.arg({ type: OfferFilterInput }), order: t.arg({ type: OfferOrderEnum, defaultValue: 'ranked' }) },
      resolve: async (_root, args, context, info) => {
        try {
          const filter = args.filter ?? {};
          const page = await context.search.searchOffers({ ...filter, producer: filter.producer == null ? null : String(filter.producer) }, args, args.order ?? 'ranked');
          const selection = queryFromInfo({ context, info, path: ['edges', 'node'] });
          const rows = page.offers.length
            ? await context.listedOfferRows(
                selection,
                page.offers.map((offer) => offer.id),
                (ids) => context.prisma.offer.findMany({ ...selection, where: { id: { in: ids } } }),
              )
            : [];
          const byId = new Map(rows.map((row) => [row.id, row]));
          // The page's explanations are read together, once, and only when an edge asks for one.
          const { ranking } = page;
          let explanations: Promise<Map<string, OfferRankingExplanation>> | undefined;
          const explain = (id: string) =>
            ranking ? (explanations ??= context.search.explainRanking(page.offers.map((offer) => offer.id), ranking)).then((found) => found.get(id) ?? null) : Promise.resolve(null);
          const edges = page.offers.flatMap((offer) => {
            const node = byId.get(offer.id);
            return node ? [{ cursor: offer.cursor, node, distanceMeters: offer.distanceMeters, explanation: () => explain(offer.id) }] : [];
          });
          return {
            edges,
            pageInfo: {
              hasNextPage: page.hasNextPage,
              hasPreviousPage: Boolean(args.after),
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
          };
        } catch (error) {
          throw asUserInputError(error);
        }
      },
    },
    {},
    {
      fields: (edge) => ({
        // A field of the result rather than of the offer: it depends on the search, not on the offer
        // alone, and shared offer rows (listing-cache.ts) must not carry one search's distance.
        distanceKm: edge.float({
          nullable: true,
          description: "Kilometres from the place of the search's `near` filter to the offer; null without that filter.",
          resolve: (result) => {
            const { distanceMeters } = result as { distanceMeters?: number | null };
            return distanceMeters == null ? null : Math.round(distanceMeters) / 1000;
          },
        }),
        rankingExplanation: edge.field({
          type: RankingExplanationType,
          nullable: true,
          description: "Why the offer stands here: its score under this listing's ranking (policy version, moment and place); null in the orders not based on the ranking.",
          resolve: (result) => (result as { explanation?: () => Promise<OfferRankingExplanation | null> }).explanation?.() ?? null,
        }),
      }),
    },
  ),
);

builder.queryField('offer', (t) =>
  t.prismaField({
    type: 'Offer',
    nullable: true,
    description: 'An offer by id: active ones for everyone, the others only for their producer.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const id = rowIdOf(String(args.id), ['Offer']);
      if (!id) return null;
      return context.prisma.offer.findFirst({
        ...query,
        where: { ...visibleOffersWhere(context.member), id },
      });
    },
  }),
);

builder.queryField('myOffers', (t) =>
  t.prismaConnection({
    type: 'Offer',
    cursor: 'id',
    description: "The logged-in producer's offers in every status, newest first.",
    authScopes: { producer: true },
    args: { status: t.arg({ type: OfferStatusEnum }) },
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, args, context) =>
      context.prisma.offer.findMany({
        ...query,
        where: { producerId: memberOf(context).id, ...(args.status ? { status: args.status } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

const OfferInput = builder.inputType('OfferInput', {
  validate: offerInputSchema,
  fields: (t) => ({
    title: t.string({ required: true }),
    description: t.string(),
    categoryCode: t.string({ required: true }),
    kind: t.field({ type: OfferKindEnum, required: true }),
    price: t.string({ required: true, description: 'Credits per unit as decimal text ("12.50"), at most 2 fraction digits; a bad price is a ValidationError.' }),
    unit: t.string({ required: true }),
    stock: t.int({ description: 'Goods only; null means unlimited.' }),
    availability: t.string({ description: 'Services only.' }),
    postcode: t.string({ description: "Without postcode and coordinates the producer's location is used." }),
    place: t.string(),
    latitude: t.float(),
    longitude: t.float(),
    deliveryOptions: t.field({ type: [DeliveryOptionEnum] }),
    ecologicalAttributes: t.field({ type: [EcologicalAttributeEnum] }),
  }),
});

builder.mutationField('createOffer', (t) =>
  t.prismaField({
    type: 'Offer',
    description: 'Creates an offer of the logged-in producer: a draft, or active with publish: true.',
    authScopes: { producer: true },
    args: { input: t.arg({ type: OfferInput, required: true }), publish: t.arg.boolean() },
    errors: { types: [ValidationError, NotFoundError] },
    resolve: async (query, _root, { input, publish }, context) => {
      const offer = await createOffer(context.prisma, memberOf(context).id, input, publish ?? false);
      return context.prisma.offer.findUniqueOrThrow({ ...selectionOf(query), where: { id: offer.id } });
    },
  }),
);

builder.mutationField('updateOffer', (t) =>
  t.prismaField({
    type: 'Offer',
    description: "Replaces the fields of one of the logged-in producer's offers.",
    authScopes: { producer: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: OfferInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, NotOwnerError, StatusTransitionError] },
    resolve: async (query, _root, { id, input }, context) => {
      const offerId = rowIdOf(String(id), ['Offer']);
      if (!offerId) throw new NotFoundError('offer');
      await updateOffer(context.prisma, memberOf(context).id, offerId, input);
      return context.prisma.offer.findUniqueOrThrow({ ...selectionOf(query), where: { id: offerId } });
    },
  }),
);

builder.mutationField('setOfferStatus', (t) =>
  t.prismaField({
    type: 'Offer',
    description: 'Publishes, pauses, re-activates or archives one of the logged-in producer\'s offers.',
    authScopes: { producer: true },
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: OfferStatusEnum, required: true }) },
    errors: { types: [NotFoundError, NotOwnerError, StatusTransitionError] },
    resolve: async (query, _root, { id, status }, context) => {
      const offerId = rowIdOf(String(id), ['Offer']);
      if (!offerId) throw new NotFoundError('offer');
      await changeOfferStatus(context.prisma, memberOf(context).id, offerId, status);
      return context.prisma.offer.findUniqueOrThrow({ ...selectionOf(query), where: { id: offerId } });
    },
  }),
);
