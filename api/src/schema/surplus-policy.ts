// The surplus rule in GraphQL: its settings as a policy version shows them, and as a proposal sends
// them. What each setting means is in api/src/surplus/policy.ts.
import { builder } from '../builder';
import type { PolicyPayload } from '../governance/policy-kinds';
import { surplusPeriods } from '../surplus/policy';

type SurplusPayload = PolicyPayload<'surplus'>;

export const SurplusPeriodEnum = builder.enumType('SurplusPeriod', { values: surplusPeriods, description: 'How often the surplus is shared: after each month, quarter or year (UTC).' });

export const SurplusReserveKindEnum = builder.enumType('SurplusReserveKind', {
  values: ['amount', 'share'] as const,
  description: 'amount: a fixed amount stays in the fund; share: a share of the fund balance stays.',
});

const SurplusReserve = builder.objectRef<SurplusPayload['reserve']>('SurplusReserve').implement({
  description: 'What stays in the fund at each period end.',
  fields: (t) => ({
    kind: t.field({ type: SurplusReserveKindEnum, resolve: (reserve) => reserve.kind }),
    amount: t.field({ type: 'Decimal', nullable: true, description: 'For kind amount.', resolve: (reserve) => (reserve.kind === 'amount' ? reserve.amount : null) }),
    share: t.string({ nullable: true, description: 'For kind share: "0.2" keeps a fifth of the fund.', resolve: (reserve) => (reserve.kind === 'share' ? reserve.share : null) }),
  }),
});

const SurplusNamedAccount = builder.objectRef<SurplusPayload['mix']['accounts'][number]>('SurplusNamedAccount').implement({
  description: 'An account of the cooperative that receives a part of the surplus (a solidarity or an ecology fund).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    percent: t.exposeInt('percent'),
  }),
});

const SurplusMix = builder.objectRef<SurplusPayload['mix']>('SurplusMix').implement({
  description: 'How the distributable amount is split, in whole percentages that sum to 100.',
  fields: (t) => ({
    purchases: t.exposeInt('purchases', { description: "Patronage by purchases: in proportion to each member's purchases in the period." }),
    sales: t.exposeInt('sales', { description: "Patronage by sales: in proportion to each member's sales in the period." }),
    equal: t.exposeInt('equal', { description: 'Equal shares among the members with at least one trade in the period.' }),
    accounts: t.field({ type: [SurplusNamedAccount], resolve: (mix) => mix.accounts }),
  }),
});

export const SurplusPolicy = builder.objectRef<SurplusPayload & { kind: 'surplus' }>('SurplusPolicy').implement({
  description: "How the common fund's surplus goes back to the members, decided by vote.",
  fields: (t) => ({
    period: t.field({ type: SurplusPeriodEnum, resolve: (policy) => policy.period }),
    reserve: t.field({ type: SurplusReserve, resolve: (policy) => policy.reserve }),
    mix: t.field({ type: SurplusMix, resolve: (policy) => policy.mix }),
  }),
});

const SurplusNamedAccountInput = builder.inputType('SurplusNamedAccountInput', {
  fields: (t) => ({ code: t.string({ required: true }), name: t.string({ required: true }), percent: t.int({ required: true }) }),
});

export const SurplusInput = builder.inputType('SurplusInput', {
  description: 'A surplus rule: the period, the reserve (an amount, or a share of the fund) and the mix.',
  fields: (t) => ({
    period: t.field({ type: SurplusPeriodEnum, required: true }),
    reserveKind: t.field({ type: SurplusReserveKindEnum, required: true }),
    reserveAmount: t.string({ required: false, description: 'For reserveKind amount.' }),
    reserveShare: t.string({ required: false, description: 'For reserveKind share, e.g. "0.2".' }),
    purchases: t.int({ required: true }),
    sales: t.int({ required: true }),
    equal: t.int({ required: true }),
    accounts: t.field({ type: [SurplusNamedAccountInput], required: true }),
  }),
});

/** The payload the rule's schema checks; what is missing or wrong is reported by it. */
export function surplusPayloadOf(input: typeof SurplusInput.$inferInput): unknown {
  return {
    period: input.period,
    reserve: input.reserveKind === 'amount' ? { kind: 'amount', amount: input.reserveAmount ?? '' } : { kind: 'share', share: input.reserveShare ?? '' },
    mix: { purchases: input.purchases, sales: input.sales, equal: input.equal, accounts: input.accounts.map((account) => ({ ...account })) },
  };
}
