import { builder } from '../builder';

interface CooperativeSummary {
  name: string;
  description: string;
}

const CooperativeType = builder.objectRef<CooperativeSummary>('Cooperative').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    memberCount: t.int({ resolve: (_cooperative, _args, context) => context.prisma.member.count() }),
    producerCount: t.int({
      resolve: (_cooperative, _args, context) => context.prisma.member.count({ where: { roles: { has: 'producer' } } }),
    }),
    activeOfferCount: t.int({
      resolve: (_cooperative, _args, context) => context.prisma.offer.count({ where: { status: 'active' } }),
    }),
  }),
});

builder.queryField('cooperative', (t) =>
  t.field({
    type: CooperativeType,
    resolve: async (_root, _args, context) => {
      const cooperative = await context.prisma.cooperative.findFirst({ orderBy: { createdAt: 'asc' } });
      return cooperative ?? { name: 'Allmende', description: '' };
    },
  }),
);
