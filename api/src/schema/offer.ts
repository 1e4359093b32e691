import { builder } from '../builder';
import { OfferKind } from '../../../prisma/generated/client/enums';

export const OfferKindEnum = builder.enumType(OfferKind, { name: 'OfferKind' });

builder.prismaNode('Offer', {
  id: { field: 'id' },
  fields: (t) => ({
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    categoryCode: t.exposeString('categoryCode'),
    kind: t.expose('kind', { type: OfferKindEnum }),
    price: t.field({ type: 'Decimal', select: { price: true }, resolve: (offer) => offer.price.toFixed(2) }),
    unit: t.exposeString('unit'),
    producer: t.relation('producer'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const pageSizeMax = 50;

builder.queryField('offers', (t) =>
  t.prismaConnection({
    type: 'Offer',
    cursor: 'id',
    description: 'Active offers, newest first.',
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, _args, context) =>
      context.prisma.offer.findMany({
        ...query,
        where: { status: 'active' },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);
