// A producer's view of how their listed offers rank: each offer's score under the policy in force
// with every feature's contribution, its position in the marketplace's first page of the feed when
// it is there, what would raise it (ranking-hints.ts), and its score under each ranking proposal
// open for discussion or voting. Computed from the same facts the database ranks by: the offer's
// row and the kept aggregates (aggregates.ts), for a viewer without a place who is browsing.
//
// The position is read from the feed's first page rather than counted over all offers: counting
// would score every listed offer on each visit, and beyond the first page the score says more.
import type { PrismaClient } from '../db/client';
import type { OfferSearch } from '../marketplace/search';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { explainRanking, type RankingExplanation } from './explain';
import type { OfferFacts } from './features';
import { rankingSchema, type RankingPolicy } from './policy';
import { rankingHints, type RankingHint } from './ranking-hints';

/** The feed positions looked up: the first page of the marketplace. */
export const adviceFeedPositionsMax = 50;
/** The most offers advised at once (a producer's listed offers, newest first). */
export const adviceOffersMax = 50;
/** The most open ranking proposals compared. */
export const adviceProposalsMax = 5;

export interface OpenRankingProposal {
  id: string;
  title: string;
  policy: RankingPolicy;
}

export interface OfferRankingAdvice {
  offerId: string;
  explanation: RankingExplanation;
  /** 1-based position in the feed; null beyond its first adviceFeedPositionsMax offers. */
  feedPosition: number | null;
  hints: RankingHint[];
  /** The score under each open proposal, in the order of `proposals`. */
  proposedScores: { proposalId: string; score: number }[];
}

export interface RankingAdvice {
  policyVersion: number;
  asOf: Date;
  proposals: OpenRankingProposal[];
  offers: OfferRankingAdvice[];
}

type AdviceServices = { prisma: PrismaClient; search: Pick<OfferSearch, 'rankingPolicyInForce' | 'searchOffers'> };

/** The facts of a producer's active offers, newest first, as the ranking sees them. */
export async function listedOfferFacts(prisma: PrismaClient, producerId: string, take: number): Promise<{ id: string; facts: OfferFacts }[]> {
  const offers = await prisma.offer.findMany({
    where: { producerId, status: 'active' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, categoryCode: true, price: true, ecologicalAttributes: true, ratingCount: true, ratingSum: true, createdAt: true, stock: true },
  });
  const [medians, sales] = await Promise.all([
    prisma.rankingCategoryMedian.findMany({ where: { categoryCode: { in: [...new Set(offers.map((offer) => offer.categoryCode))] } } }),
    prisma.rankingProducerSales.findUnique({ where: { producerId } }),
  ]);
  const medianOf = new Map(medians.map((row) => [row.categoryCode, row.median]));
  return offers.map((offer) => ({
    id: offer.id,
    facts: {
      attributes: offer.ecologicalAttributes,
      price: offer.price.toNumber(),
      categoryMedianPrice: medianOf.get(offer.categoryCode) ?? null,
      ratingCount: offer.ratingCount,
      ratingSum: offer.ratingSum,
      createdAt: offer.createdAt,
      producerRecentSales: sales?.sales ?? 0,
      available: offer.stock === null || offer.stock > 0,
      distanceKm: null,
      textRank: null,
    },
  }));
}

/** The ranking proposals open for discussion or voting, newest first. */
export async function openRankingProposals(prisma: PrismaClient): Promise<OpenRankingProposal[]> {
  const rows = await prisma.proposal.findMany({
    where: { kind: 'ranking', status: { in: ['discussion', 'voting'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: adviceProposalsMax,
    select: { id: true, title: true, payload: true },
  });
  return rows.map((row) => ({ id: row.id, title: row.title, policy: rankingSchema.parse(row.payload) as RankingPolicy }));
}

export async function adviseOfferRanking(services: AdviceServices, producerId: string, now: Date = new Date()): Promise<RankingAdvice> {
  const [{ version, policy }, offers, proposals, feed] = await Promise.all([
    services.search.rankingPolicyInForce(),
    listedOfferFacts(services.prisma, producerId, adviceOffersMax),
    openRankingProposals(services.prisma),
    services.search.searchOffers({}, { first: adviceFeedPositionsMax }, 'ranked'),
  ]);
  const positions = new Map(feed.offers.map((offer, index) => [offer.id, index + 1]));
  return {
    policyVersion: version,
    asOf: now,
    proposals,
    offers: offers.map(({ id, facts }) => ({
      offerId: id,
      explanation: explainRanking(policy, facts, now),
      feedPosition: positions.get(id) ?? null,
      hints: rankingHints(policy, facts, now, cooperativeCurrency.scale),
      proposedScores: proposals.map((proposal) => ({ proposalId: proposal.id, score: explainRanking(proposal.policy, facts, now).score })),
    })),
  };
}
