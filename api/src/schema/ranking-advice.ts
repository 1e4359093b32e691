// The producer dashboard's ranking: how each listed offer scores, what would raise it, and how it
// would score under the ranking proposals open now.
import { builder } from '../builder';
import { adviseOfferRanking, type OfferRankingAdvice, type RankingAdvice } from '../ranking/advise-offer-ranking';
import { rankingHintKinds, type RankingHint } from '../ranking/ranking-hints';
import { amountText } from '../wallet/cooperative-currency';
import { memberOf } from './global-id';
import { OfferType } from './offer';
import { ProposalType } from './proposal';
import { EcologyAttributeEnum, RankingExplanationType, RankingFeatureEnum } from './ranking';

/** Rows the advice's fields show, loaded once for all of them. */
type Loaded = { offerRow: (id: string) => Promise<unknown>; proposalRow: (id: string) => Promise<unknown> };

const RankingHintKindEnum = builder.enumType('RankingHintKind', {
  values: rankingHintKinds,
  description:
    'A change a producer can make that the ranking in force rewards: declare an ecology attribute or second-hand/repair if it is true, a lower price, collecting reviews, stock, or a new offer (recency).',
});

const RankingHintType = builder.objectRef<RankingHint>('RankingHint').implement({
  description: 'What would raise an offer’s score, with the gain computed by the ranking’s own definitions.',
  fields: (t) => ({
    kind: t.field({ type: RankingHintKindEnum, resolve: (hint) => hint.kind }),
    feature: t.field({ type: RankingFeatureEnum, resolve: (hint) => hint.feature }),
    gain: t.exposeFloat('gain', { description: 'What the score would gain, 0 to 1 like the score.' }),
    attribute: t.field({ type: EcologyAttributeEnum, nullable: true, description: 'The attribute to declare (declare_ecology_attribute).', resolve: (hint) => hint.attribute }),
    targetPrice: t.field({ type: 'Decimal', nullable: true, description: 'The price the gain is computed at (lower_price).', resolve: (hint) => (hint.targetPrice ? amountText(hint.targetPrice) : null) }),
    categoryMedianPrice: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'The median price of the active offers of the category (lower_price).',
      resolve: (hint) => (hint.categoryMedianPrice ? amountText(hint.categoryMedianPrice) : null),
    }),
  }),
});

const ProposedScoreType = builder.objectRef<{ proposalId: string; score: number } & Loaded>('RankingProposedScore').implement({
  fields: (t) => ({
    proposal: t.field({ type: ProposalType, resolve: (entry) => entry.proposalRow(entry.proposalId) as never }),
    score: t.exposeFloat('score', { description: 'The offer’s score if the proposal were in force now.' }),
  }),
});

const OfferRankingAdviceType = builder.objectRef<OfferRankingAdvice & Loaded & { policyVersion: number; asOf: Date }>('OfferRankingAdvice').implement({
  fields: (t) => ({
    offer: t.field({ type: OfferType, resolve: (advice) => advice.offerRow(advice.offerId) as never }),
    explanation: t.field({ type: RankingExplanationType, resolve: (advice) => ({ ...advice.explanation, policyVersion: advice.policyVersion, asOf: advice.asOf }) }),
    feedPosition: t.int({ nullable: true, description: 'Position in the marketplace’s feed (without a place); null beyond the first 50.', resolve: (advice) => advice.feedPosition }),
    hints: t.field({ type: [RankingHintType], description: 'What would raise the score, the largest gain first.', resolve: (advice) => advice.hints }),
    proposedScores: t.field({
      type: [ProposedScoreType],
      description: 'The score under each ranking proposal open for discussion or voting.',
      resolve: (advice) => advice.proposedScores.map((entry) => ({ ...entry, offerRow: advice.offerRow, proposalRow: advice.proposalRow })),
    }),
  }),
});

const RankingAdviceType = builder.objectRef<RankingAdvice & Loaded>('RankingAdvice').implement({
  description: 'How a producer’s listed offers rank under the policy in force, for a visitor without a place who is browsing.',
  fields: (t) => ({
    policyVersion: t.exposeInt('policyVersion'),
    asOf: t.field({ type: 'DateTime', description: 'The moment recency is computed against.', resolve: (advice) => advice.asOf }),
    openProposals: t.field({
      type: [ProposalType],
      description: 'Ranking proposals open for discussion or voting (at most 5), newest first.',
      resolve: (advice) => Promise.all(advice.proposals.map((proposal) => advice.proposalRow(proposal.id))) as never,
    }),
    offers: t.field({
      type: [OfferRankingAdviceType],
      description: 'The producer’s active offers (at most 50), newest first.',
      resolve: (advice) => advice.offers.map((offer) => ({ ...offer, policyVersion: advice.policyVersion, asOf: advice.asOf, offerRow: advice.offerRow, proposalRow: advice.proposalRow })),
    }),
  }),
});

builder.queryField('myRankingAdvice', (t) =>
  t.field({
    type: RankingAdviceType,
    description: 'How the logged-in producer’s active offers rank and what would raise them.',
    authScopes: { producer: true },
    resolve: async (_root, _args, context) => {
      const advice = await adviseOfferRanking(context, memberOf(context).id);
      const offers = context.prisma.offer.findMany({ where: { id: { in: advice.offers.map((offer) => offer.offerId) } } }).then((rows) => new Map(rows.map((row) => [row.id, row])));
      const proposals = context.prisma.proposal.findMany({ where: { id: { in: advice.proposals.map((proposal) => proposal.id) } } }).then((rows) => new Map(rows.map((row) => [row.id, row])));
      return { ...advice, offerRow: async (id: string) => (await offers).get(id), proposalRow: async (id: string) => (await proposals).get(id) };
    },
  }),
);
