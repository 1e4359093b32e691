// The marketplace search: everything that answers "which offers, in which order". One entry point,
// searchOffers, with the order as a parameter: the ranking chosen by member vote (the default),
// newest first, price ascending, nearest first. Each order's plain path is one statement
// (score-query.ts, ranked-query.ts, plain-orders.ts), and each accelerator wraps it behind the same
// type and is tested against it: the stored ranking aggregates (score-query.ts), the stored scores
// for browsing and for searches with a common term (stored-scores.ts, stored-search-scores.ts), the
// bounds on recency and on text relevance (recency-bound.ts, text-bound.ts), the window of newest offers with its route memo (newest-window.ts), the postcode
// cache (postcodes.ts), the memo of the ranking policy in force (ranking-policy-memo.ts), and, around
// whole GraphQL listings, the listing cache with its shared offer rows (listing-cache.ts, for public
// listings: public-listing.ts).
import type { PrismaClient, ReadQuery } from '../../db/client';
import { ValidationError } from '../../errors';
import { explainValues, type RankingExplanation } from '../../ranking/explain';
import type { RankingPolicy } from '../../ranking/policy';
import { resolveOfferFilters, type OfferFilters } from './filters';
import { createOfferListCache, type OfferListCache } from './listing-cache';
import { decodeCursor, pageOf, pageSizeOf, type OfferOrder, type PageRequest, type RankedPage, type RankingContext } from './order';
import { cachedPostcodes, postcodeLookup } from './postcodes';
import { plainRanking, type Ranking } from './ranked-query';
import { withNewestWindow } from './newest-window';
import { distancesFrom } from './distances';
import { nearestFirst, priceAscending } from './plain-orders';
import { createRankingPolicyMemo, type RankingPolicyMemo, type RankingPolicyVersion } from './ranking-policy-memo';
import { featureValuesOf, scoreRanking, type AggregateSource } from './score-query';
import { withRecencyBound } from './recency-bound';
import { withStoredScores } from './stored-scores';
import { withStoredSearchScores } from './stored-search-scores';
import { withTextBound } from './text-bound';
import { textQuery } from './text-query';
import type { RankingRequest } from '../../ranking/score-sql';

export { offerFiltersSchema, radiusKmMax, type OfferFilters, type ResolvedOfferFilters } from './filters';
export { offerOrders, type OfferOrder, type PageRequest, type RankedOffer, type RankedPage, type RankingContext } from './order';
export { type ListedOfferRows, type OfferListCache, unsharedOfferRows } from './listing-cache';
export { createPublicListingCheck } from './public-listing';

/** How many offers of each order a preview compares. */
export const previewSize = 50;

export interface RankingPreview {
  policyVersion: number;
  asOf: Date;
  now: string[];
  proposed: string[];
  /** Km from the filters' place, by offer id; empty without a place. */
  distancesKm: Map<string, number>;
}

/** An offer's explanation with what it was computed under. */
export type OfferRankingExplanation = RankingExplanation & { policyVersion: number; asOf: Date };

export interface OfferSearch {
  /**
   * One page of the active offers that match the filters, in the order asked for (the ranking in
   * force by default), each with its distance when the filters name a place. Throws
   * ValidationError for invalid filters or cursor (a cursor of an older ranking policy version is
   * invalid: the listing starts again from its first page), or for `nearest` without a place, and
   * NotFoundError for an unknown postcode.
   */
  searchOffers(filters: OfferFilters, page: PageRequest, order?: OfferOrder): Promise<RankedPage>;
  /** Each offer's ranking explanation under the ranking of a page. */
  explainRanking(offerIds: readonly string[], ranking: RankingContext): Promise<Map<string, OfferRankingExplanation>>;
  /**
   * Each offer's ranking explanation under the policy in force now, for a viewer at the place of a
   * search's `near` filter (or without a place) and for its text (or browsing). Throws as
   * searchOffers does for an invalid place or text.
   */
  explainRankingNow(offerIds: readonly string[], near?: OfferFilters['near'], query?: string | null): Promise<Map<string, OfferRankingExplanation>>;
  /**
   * The first offers matching the filters (at most previewSize) under the policy in force and under
   * a proposed one, ranked at the same moment for the same place, with each one's distance from the
   * place; nothing is enacted.
   */
  previewRanking(filters: OfferFilters, proposed: RankingPolicy): Promise<RankingPreview>;
  /** The ranking policy in force, as listings use it. */
  rankingPolicyInForce(): Promise<RankingPolicyVersion>;
  /** Listings kept for a few seconds and shared by all visitors, with the offer rows they show. */
  listingCache: OfferListCache;
}

export interface OfferSearchOptions {
  prisma: PrismaClient;
  readQuery: ReadQuery;
  /** How long listings and their offer rows are kept; 0 keeps none. */
  listingCacheSeconds: number;
  /** False runs the plain rankings without accelerators (for tests that compare the two). */
  accelerated?: boolean;
  /** The time of a listing's first page (tests fix it). */
  clock?: () => Date;
  /** How long the ranking policy in force is reused; rankingPolicyAgeMaxMs by default (0 without accelerators). */
  rankingPolicyAgeMaxMs?: number;
}

/** How long the ranking policy in force is reused: an enactment orders listings within this (plus the listing cache's TTL). */
export const rankingPolicyAgeMaxMs = 10_000;
/** How far back a ranked cursor's first page may lie. */
const rankedCursorAgeMaxMs = 24 * 60 * 60_000;
/** How far ahead of this process's clock a first page may lie (another process's clock). */
const clockSkewMaxMs = 60_000;

/** What the ranking's SQL needs to know of a page's ranking. */
function requestOf(ranking: RankingContext): RankingRequest {
  return { asOf: ranking.asOf, place: ranking.place, text: ranking.query ? textQuery(ranking.query) : null };
}

function cursorProblem(reason: string): ValidationError {
  return new ValidationError([{ field: 'after', code: 'invalid', params: { reason }, message: 'not a cursor of this list' }]);
}

/** Built once per process (see createServices), so its caches and memos are shared by all requests. */
export function createOfferSearch(options: OfferSearchOptions): OfferSearch {
  const accelerated = options.accelerated ?? true;
  const clock = options.clock ?? (() => new Date());
  const plain = plainRanking(options.readQuery);
  const newest: Ranking = accelerated ? withNewestWindow(plain, options.readQuery) : plain;
  const source: AggregateSource = accelerated ? 'stored' : 'computed';
  const byScore = accelerated
    ? withStoredScores(
        withRecencyBound(withStoredSearchScores(withTextBound(scoreRanking(options.readQuery, 'stored'), options.readQuery), options.readQuery), options.readQuery),
        options.readQuery,
      )
    : scoreRanking(options.readQuery, 'computed');
  const findPostcode = accelerated ? cachedPostcodes(postcodeLookup(options.prisma)) : postcodeLookup(options.prisma);
  const policies: RankingPolicyMemo = createRankingPolicyMemo(options.prisma, { ageMaxMs: options.rankingPolicyAgeMaxMs ?? (accelerated ? rankingPolicyAgeMaxMs : 0) });

  // The policy of each page's ranking context, for explaining its offers.
  const rankingPolicies = new WeakMap<RankingContext, RankingPolicy>();

  async function ranked(filters: Awaited<ReturnType<typeof resolveOfferFilters>>, after: string | null | undefined, size: number): Promise<RankedPage> {
    const cursor = after ? decodeCursor(after, 'ranked') : null;
    const { version, policy } = await policies.inForce(cursor?.policyVersion);
    const now = clock();
    let asOf = now;
    if (cursor) {
      if (cursor.policyVersion !== version) throw cursorProblem('ranking_changed');
      asOf = new Date(cursor.asOf);
      if (asOf.getTime() > now.getTime() + clockSkewMaxMs || asOf.getTime() < now.getTime() - rankedCursorAgeMaxMs) throw cursorProblem('expired');
    }
    const place = filters.point ? { latitude: filters.point.latitude, longitude: filters.point.longitude } : null;
    const ranking: RankingContext = { policyVersion: version, asOf, place, query: filters.query ?? null };
    const rows = await byScore(filters, policy, requestOf(ranking), cursor, size);
    rankingPolicies.set(ranking, policy);
    return pageOf(rows, size, 'ranked', ranking);
  }

  async function explain(policy: RankingPolicy, ranking: RankingContext, offerIds: readonly string[]): Promise<Map<string, OfferRankingExplanation>> {
    const { asOf, policyVersion } = ranking;
    const values = await featureValuesOf(options.readQuery, source, policy, requestOf(ranking), offerIds);
    return new Map([...values].map(([id, featureValues]) => [id, { ...explainValues(policy, featureValues), policyVersion, asOf }]));
  }

  return {
    async searchOffers(input, page, order = 'ranked') {
      const filters = await resolveOfferFilters(input, findPostcode);
      const size = pageSizeOf(page);
      let result: RankedPage;
      switch (order) {
        case 'ranked':
          result = await ranked(filters, page.after, size);
          break;
        case 'newest': {
          const cursor = page.after ? decodeCursor(page.after, 'newest') : null;
          result = pageOf(await newest(filters, cursor, size), size, 'newest');
          break;
        }
        case 'priceAscending': {
          const cursor = page.after ? decodeCursor(page.after, 'priceAscending') : null;
          result = pageOf(await priceAscending(options.readQuery, filters, cursor, size), size, 'priceAscending');
          break;
        }
        case 'nearest': {
          if (!filters.point) throw new ValidationError([{ field: 'order', code: 'invalid_choice', params: {}, message: 'nearest first needs a place' }]);
          const cursor = page.after ? decodeCursor(page.after, 'nearest') : null;
          result = pageOf(await nearestFirst(options.readQuery, filters, filters.point, cursor, size), size, 'nearest');
          break;
        }
      }
      if (!filters.point || order === 'nearest') return result;
      const distances = await distancesFrom(options.readQuery, filters.point, result.offers.map((offer) => offer.id));
      return { ...result, offers: result.offers.map((offer) => ({ ...offer, distanceMeters: distances.get(offer.id) ?? null })) };
    },
    async explainRanking(offerIds, ranking) {
      const policy = rankingPolicies.get(ranking) ?? (await policies.inForce(ranking.policyVersion)).policy;
      return explain(policy, ranking, offerIds);
    },
    async explainRankingNow(offerIds, near, query) {
      const filters = await resolveOfferFilters({ near, query }, findPostcode);
      const { version, policy } = await policies.inForce();
      const place = filters.point ? { latitude: filters.point.latitude, longitude: filters.point.longitude } : null;
      return explain(policy, { policyVersion: version, asOf: clock(), place, query: filters.query || null }, offerIds);
    },
    async previewRanking(input, proposed) {
      const filters = await resolveOfferFilters(input, findPostcode);
      const { version, policy } = await policies.inForce();
      const asOf = clock();
      const place = filters.point ? { latitude: filters.point.latitude, longitude: filters.point.longitude } : null;
      const request = requestOf({ policyVersion: version, asOf, place, query: filters.query ?? null });
      const now = (await byScore(filters, policy, request, null, previewSize)).slice(0, previewSize).map((row) => row.id);
      const next = (await byScore(filters, proposed, request, null, previewSize)).slice(0, previewSize).map((row) => row.id);
      const distances = filters.point ? await distancesFrom(options.readQuery, filters.point, [...new Set([...now, ...next])]) : new Map<string, number>();
      return { policyVersion: version, asOf, now, proposed: next, distancesKm: new Map([...distances].map(([id, meters]) => [id, meters / 1000])) };
    },
    rankingPolicyInForce: () => policies.inForce(),
    listingCache: createOfferListCache(accelerated ? options.listingCacheSeconds * 1000 : 0, () => String(policies.lastVersion() ?? '')),
  };
}
