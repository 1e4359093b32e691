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
      // Raw SQL: the PGlite adapter mis-encodes Prisma's `has` filter on enum arrays.
      resolve: async (_cooperative, _args, context) => {
        const [row] = await context.prisma.$queryRaw<{ count: bigint }[]>`
          SELECT count(*) AS count FROM "Member" WHERE 'producer' = ANY (roles)`;
        return Number(row?.count ?? 0);
      },
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
