import { Decimal } from '@allmende/ledger';
import { builder } from '../builder';
import { amountText, cooperativeCurrency, fundAccountCode } from '../wallet/cooperative-currency';

interface CooperativeSummary {
  name: string;
  description: string;
}

const CooperativeType = builder.objectRef<CooperativeSummary>('Cooperative').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    memberCount: t.int({
      description: 'Admitted members.',
      resolve: (_cooperative, _args, context) => context.prisma.member.count({ where: { status: 'admitted' } }),
    }),
    fundBalance: t.field({
      type: 'Decimal',
      description: "The common fund's balance. Public, like the rules.",
      resolve: async (_cooperative, _args, context) => {
        const fund = await context.ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode);
        const [balance] = fund ? await context.ledger.getBalances([fund.id]) : [];
        return amountText(balance?.posted ?? new Decimal(0));
      },
    }),
    moneySupply: t.field({
      type: 'Decimal',
      description: 'The sum of the positive balances: how many Taler exist. Public.',
      resolve: async (_cooperative, _args, context) => amountText((await context.ledger.getMoneySupply({ currency: cooperativeCurrency.code, asOf: null })).supply),
    }),
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
