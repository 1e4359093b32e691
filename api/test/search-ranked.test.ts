// The ranked order of the marketplace: the database's order, paged through cursors, equals a
// reference ranking computed in TypeScript from the explanations (explain.ts), over random policies,
// filters and page sizes on random offers (fast-check); the stored aggregates give the same pages as
// the plain path that computes them (and with the bound on recency, which leaves out old offers); the explanation of each listed offer is the reference's; and
// cursors of an older policy, of another order or of nothing are refused. Price ascending and
// nearest first page through their own keys.
import fc from 'fast-check';
import { refreshRankingAggregates } from '../src/ranking/aggregates';
import { explainRanking } from '../src/ranking/explain';
import { ecologyAttributes, featureConstants, rankingFeatures, reuseAttributes, type OfferFacts } from '../src/ranking/features';
import { foundingRanking, type RankingPolicy } from '../src/ranking/policy';
import { salesStates } from '../src/ranking/score-sql';
import { createOfferSearch, type OfferFilters, type OfferOrder, type OfferSearch, type RankedPage } from '../src/marketplace/search';
import { ValidationError } from '../src/errors';
import { textQuery } from '../src/marketplace/search/text-query';
import { Prisma } from '../../prisma/generated/client/client';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer } from './support/builders';

const dayMs = 24 * 60 * 60_000;
const asOf = new Date('2026-12-07T12:00:00Z');
const earthRadiusKm = 6378.168; // earthdistance's earth()
const place = { latitude: 51.3, longitude: 9.5 };

function seeded(seed: number) {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type Row = {
  id: string;
  producerId: string;
  categoryCode: string;
  price: number;
  attributes: string[];
  ratingCount: number;
  ratingSum: number;
  createdAt: Date;
  stock: number | null;
  latitude: number | null;
  longitude: number | null;
};

interface Filter {
  category: string | null;
  attribute: string | null;
  near: boolean;
}

describe('ranked search', () => {
  let api: TestApi;
  let plain: OfferSearch;
  let stored: OfferSearch;
  const random = seeded(1207);
  const attributes = [...ecologyAttributes, ...reuseAttributes];
  const categories = ['food.fruit', 'food.bakery', 'crafts.wood'];
  const offers: Row[] = [];
  const salesOf = new Map<string, number>();
  let nextVersion = 2;

  beforeAll(async () => {
    api = await createTestApi();
    const producers = await Promise.all([0, 1, 2].map((index) => buildMember(api, { displayName: `Hof ${index}`, roles: ['member', 'producer'] })));
    const buyer = await buildMember(api, { displayName: 'Käuferin' });
    for (let index = 0; index < 40; index += 1) {
      const producer = producers[index % producers.length]!;
      const latitude = random() < 0.85 ? 50 + random() * 3 : null;
      const row = {
        producerId: producer.id,
        categoryCode: categories[index % categories.length]!,
        // A few equal prices and creation times, so that ties are broken by id.
        price: index % 7 === 0 ? 5 : Math.round((0.5 + random() * 40) * 100) / 100,
        attributes: attributes.filter(() => random() < 0.35),
        ratingCount: Math.floor(random() * 30),
        ratingSum: 0,
        createdAt: new Date(asOf.getTime() - (index % 9 === 0 ? 3 * dayMs : Math.floor(random() * 200 * dayMs))),
        stock: random() < 0.3 ? null : Math.floor(random() * 4),
        latitude,
        longitude: latitude === null ? null : 8 + random() * 4,
      };
      row.ratingSum = Math.round(row.ratingCount * (1 + random() * 4));
      const created = await buildOffer(api, producer.id, {
        price: row.price.toFixed(2),
        categoryCode: row.categoryCode,
        stock: row.stock,
        createdAt: row.createdAt,
        ...(row.latitude === null ? {} : { latitude: row.latitude, longitude: row.longitude! }),
      });
      await api.database.prisma.offer.update({
        where: { id: created.id },
        data: { ecologicalAttributes: row.attributes as never, ratingCount: row.ratingCount, ratingSum: row.ratingSum },
      });
      offers.push({ ...row, id: created.id });
    }
    const orders = [
      ...Array.from({ length: 12 }, () => ({ producerId: producers[0]!.id, daysAgo: 3, status: 'confirmed' })),
      { producerId: producers[1]!.id, daysAgo: 10, status: 'placed' },
      { producerId: producers[1]!.id, daysAgo: 40, status: 'confirmed' },
      { producerId: producers[1]!.id, daysAgo: 5, status: 'cancelled' },
    ];
    for (const [index, order] of orders.entries()) {
      const placedAt = new Date(asOf.getTime() - order.daysAgo * dayMs);
      await api.database.prisma.order.create({
        data: { buyerId: buyer.id, producerId: order.producerId, checkoutKey: `ranked-${index}`, status: order.status as never, total: '5.00', placedAt, createdAt: placedAt },
      });
      if (order.daysAgo <= featureConstants.recentSalesDays && (salesStates as readonly string[]).includes(order.status)) {
        salesOf.set(order.producerId, (salesOf.get(order.producerId) ?? 0) + 1);
      }
    }
    await refreshRankingAggregates(api.database.prisma, asOf);
    const { prisma, readQuery } = api.database;
    plain = createOfferSearch({ prisma, readQuery, listingCacheSeconds: 0, accelerated: false, clock: () => asOf });
    stored = createOfferSearch({ prisma, readQuery, listingCacheSeconds: 0, clock: () => asOf, rankingPolicyAgeMaxMs: 0 });
  });
  afterAll(() => api.close());

  /** Enacts a ranking policy as the next version (as closing a passed proposal would). */
  async function enact(policy: RankingPolicy): Promise<number> {
    const version = nextVersion++;
    await api.database.prisma.policyVersion.create({ data: { kind: 'ranking', version, payload: policy as never, enactedAt: new Date(Date.now() - 1000) } });
    return version;
  }

  function matches(offer: Row, filter: Filter): boolean {
    if (filter.category && offer.categoryCode !== filter.category) return false;
    if (filter.attribute && !offer.attributes.includes(filter.attribute)) return false;
    if (filter.near && offer.latitude === null) return false;
    return true;
  }

  function factsOf(offer: Row, near: boolean): OfferFacts {
    const active = offers.filter((other) => other.categoryCode === offer.categoryCode).map((other) => other.price);
    return {
      attributes: offer.attributes,
      price: offer.price,
      categoryMedianPrice: median(active),
      ratingCount: offer.ratingCount,
      ratingSum: offer.ratingSum,
      createdAt: offer.createdAt,
      producerRecentSales: salesOf.get(offer.producerId) ?? 0,
      available: offer.stock === null || offer.stock > 0,
      distanceKm: near ? distanceKm(place, { latitude: offer.latitude!, longitude: offer.longitude! }) : null,
      textRank: null,
    };
  }

  function filtersOf(filter: Filter): OfferFilters {
    return {
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.attribute ? { ecologicalAttributes: [filter.attribute as never] } : {}),
      // Every offer with a place lies within 400 km of this one.
      ...(filter.near ? { near: { latitude: place.latitude, longitude: place.longitude, radiusKm: 400 } } : {}),
    };
  }

  async function allPages(search: OfferSearch, filters: OfferFilters, first: number, order?: OfferOrder): Promise<RankedPage[]> {
    const pages: RankedPage[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const result = await search.searchOffers(filters, { first, after }, order);
      pages.push(result);
      if (!result.hasNextPage) return pages;
      after = result.offers.at(-1)!.cursor;
    }
    throw new Error('more pages than offers');
  }

  /**
   * The listed ids are the reference's, in its order: by score, highest first, and by id (descending)
   * among equal scores. Scores closer than 1e-9 may stand either way, since the database and
   * JavaScript may round the last bit of a power differently.
   */
  function expectReferenceOrder(ids: string[], reference: { id: string; score: number }[]): void {
    expect([...ids].sort()).toEqual(reference.map((entry) => entry.id).sort());
    const scoreOf = new Map(reference.map((entry) => [entry.id, entry.score]));
    for (let index = 0; index + 1 < ids.length; index += 1) {
      const [higher, lower] = [ids[index]!, ids[index + 1]!];
      const [a, b] = [scoreOf.get(higher)!, scoreOf.get(lower)!];
      if (Math.abs(a - b) > 1e-9) expect({ higher, lower, inOrder: a > b }).toEqual({ higher, lower, inOrder: true });
      else if (a === b) expect({ higher, lower, byId: higher > lower }).toEqual({ higher, lower, byId: true });
    }
  }

  const weight = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 }));
  const policyArbitrary: fc.Arbitrary<RankingPolicy> = fc
    .record({
      weights: fc.record(Object.fromEntries(rankingFeatures.map((feature) => [feature, feature === 'text' ? fc.constant(0) : weight])) as Record<(typeof rankingFeatures)[number], fc.Arbitrary<number>>),
      ecologyAttributeWeights: fc.record(Object.fromEntries(ecologyAttributes.map((attribute) => [attribute, weight])) as Record<(typeof ecologyAttributes)[number], fc.Arbitrary<number>>),
      recencyHalfLifeDays: fc.integer({ min: 1, max: 365 }),
      proximityHalfDistanceKm: fc.integer({ min: 1, max: 500 }),
    })
    .map((policy) => (Object.values(policy.weights).some((value) => value > 0) ? policy : { ...policy, weights: { ...policy.weights, reuse: 1 } }));
  // Policies where the bound on recency (recency-bound.ts) leaves out offers.
  const recencyHeavyArbitrary = policyArbitrary.chain((policy) =>
    fc.integer({ min: 0, max: 6 }).map((small) => ({
      ...policy,
      weights: Object.fromEntries(rankingFeatures.map((feature) => [feature, feature === 'recency' ? 100 : feature === 'text' ? 0 : Math.min(small, policy.weights[feature])])) as RankingPolicy['weights'],
    })),
  );
  const filterArbitrary: fc.Arbitrary<Filter> = fc.record({
    category: fc.constantFrom(null, ...categories),
    attribute: fc.constantFrom(null, null, ...attributes),
    near: fc.boolean(),
  });

  it('pages through the offers in the order of the TypeScript reference, stored aggregates and plain path alike, with the reference explanations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(foundingRanking), recencyHeavyArbitrary, policyArbitrary), filterArbitrary, fc.integer({ min: 1, max: 12 }), async (policy, filter, first) => {
        const version = await enact(policy);
        const reference = offers
          .filter((offer) => matches(offer, filter))
          .map((offer) => ({ id: offer.id, explanation: explainRanking(policy, factsOf(offer, filter.near), asOf) }));
        const filters = filtersOf(filter);
        const plainPages = await allPages(plain, filters, first);
        const ids = plainPages.flatMap((page) => page.offers.map((offer) => offer.id));
        expectReferenceOrder(ids, reference.map((entry) => ({ id: entry.id, score: entry.explanation.score })));
        const storedPages = await allPages(stored, filters, first);
        expect(storedPages.map((page) => page.offers.map((offer) => offer.id))).toEqual(plainPages.map((page) => page.offers.map((offer) => offer.id)));
        // Every listed offer is explained as the reference explains it, under the page's version.
        for (const page of storedPages.slice(0, 2)) {
          expect(page.ranking).toMatchObject({ policyVersion: version, asOf });
          const explanations = await stored.explainRanking(page.offers.map((offer) => offer.id), page.ranking!);
          for (const offer of page.offers) {
            const actual = explanations.get(offer.id)!;
            const expected = reference.find((entry) => entry.id === offer.id)!.explanation;
            expect(actual.policyVersion).toBe(version);
            expect(Math.abs(actual.score - expected.score)).toBeLessThan(1e-9);
            expect(Math.abs(actual.features.reduce((sum, feature) => sum + feature.contribution, 0) - actual.score)).toBeLessThan(1e-12);
            for (const [index, feature] of actual.features.entries()) {
              const want = expected.features[index]!;
              expect({ feature: feature.feature, weight: feature.weight, isNull: feature.value === null }).toEqual({ feature: want.feature, weight: want.weight, isNull: want.value === null });
              expect(Math.abs((feature.value ?? 0) - (want.value ?? 0))).toBeLessThan(1e-9);
            }
          }
        }
      }),
      { numRuns: 30, seed: 20261207 },
    );
  });

  it('weighs text relevance in a search as the database ranks the words, explained alike', async () => {
    // Some offers name honey once, some often; relevance is PostgreSQL's ts_rank_cd (normalised).
    const honey = offers.filter((_, index) => index % 3 === 0);
    for (const [index, offer] of honey.entries()) {
      await api.database.prisma.offer.update({
        where: { id: offer.id },
        data: { title: index % 2 === 0 ? 'Honig' : 'Waldhonig vom Hof', description: 'Honig '.repeat(1 + (index % 4)) },
      });
    }
    const version = await enact({ ...foundingRanking, weights: { ...foundingRanking.weights, recency: 30, text: 70 }, recencyHalfLifeDays: 20 });
    const ranks = await api.database.readQuery<{ id: string; rank: number }>(
      Prisma.sql`SELECT o."id", ts_rank_cd(o."searchVector", (${textQuery('Honig')!}), 32)::float8 AS "rank" FROM "Offer" o WHERE o."id" = ANY(${honey.map((offer) => offer.id)}::uuid[])`,
    );
    const rankOf = new Map(ranks.map((row) => [row.id, Number(row.rank)]));
    expect(new Set(rankOf.values()).size).toBeGreaterThan(1);
    const policy = (await stored.rankingPolicyInForce()).policy;
    const reference = honey.map((offer) => ({ id: offer.id, explanation: explainRanking(policy, { ...factsOf(offer, false), textRank: rankOf.get(offer.id)! }, asOf) }));
    for (const first of [2, 5]) {
      const plainPages = await allPages(plain, { query: 'Honig' }, first);
      expectReferenceOrder(
        plainPages.flatMap((page) => page.offers.map((offer) => offer.id)),
        reference.map((entry) => ({ id: entry.id, score: entry.explanation.score })),
      );
      const storedPages = await allPages(stored, { query: 'Honig' }, first);
      expect(storedPages.map((page) => page.offers.map((offer) => offer.id))).toEqual(plainPages.map((page) => page.offers.map((offer) => offer.id)));
      const page = storedPages[0]!;
      expect(page.ranking).toMatchObject({ policyVersion: version, query: 'Honig' });
      const explanations = await stored.explainRanking(page.offers.map((offer) => offer.id), page.ranking!);
      for (const offer of page.offers) {
        const text = explanations.get(offer.id)!.features.find((feature) => feature.feature === 'text')!;
        expect(Math.abs(text.value! - rankOf.get(offer.id)!)).toBeLessThan(1e-9);
      }
    }
  });

  it('computes recency against the first page while a visitor pages, however much time passes', async () => {
    await enact({ ...foundingRanking, weights: { ...foundingRanking.weights, recency: 50, ecology: 50 }, recencyHalfLifeDays: 1 });
    let now = asOf;
    const moving = createOfferSearch({ prisma: api.database.prisma, readQuery: api.database.readQuery, listingCacheSeconds: 0, clock: () => now, rankingPolicyAgeMaxMs: 0 });
    const expected = (await allPages(stored, {}, 40))[0]!.offers.map((offer) => offer.id);
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: RankedPage = await moving.searchOffers({}, { first: 3, after });
      ids.push(...page.offers.map((offer) => offer.id));
      after = page.hasNextPage ? page.offers.at(-1)!.cursor : null;
      now = new Date(now.getTime() + 60 * 60_000);
    } while (after);
    expect(ids).toEqual(expected);
  });

  it('refuses a cursor from before an enactment, of another order, or of nothing', async () => {
    await enact(foundingRanking);
    const first = await stored.searchOffers({}, { first: 2 });
    const cursor = first.offers.at(-1)!.cursor;
    const reason = async (after: string, order?: OfferOrder) => {
      const error = await stored.searchOffers({}, { first: 2, after }, order).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors.map((problem) => [problem.field, problem.code, problem.params.reason]);
    };
    expect((await stored.searchOffers({}, { first: 2, after: cursor })).offers).toHaveLength(2);
    await enact(foundingRanking);
    expect(await reason(cursor)).toEqual([['after', 'invalid', 'ranking_changed']]);
    const newest = await stored.searchOffers({}, { first: 2 }, 'newest');
    expect(await reason(newest.offers.at(-1)!.cursor)).toEqual([['after', 'invalid', 'malformed']]);
    expect(await reason(cursor, 'newest')).toEqual([['after', 'invalid', 'malformed']]);
    expect(await reason('bm90IGEgY3Vyc29y')).toEqual([['after', 'invalid', 'malformed']]);
    const fresh = (await stored.searchOffers({}, { first: 2 })).offers.at(-1)!.cursor;
    const later = createOfferSearch({ prisma: api.database.prisma, readQuery: api.database.readQuery, listingCacheSeconds: 0, clock: () => new Date(asOf.getTime() + 2 * dayMs) });
    await expect(later.searchOffers({}, { first: 2, after: fresh })).rejects.toBeInstanceOf(ValidationError);
  });

  it('previews a proposed policy as the order it gives once enacted, beside the order in force', async () => {
    const inForce = { ...foundingRanking };
    await enact(inForce);
    const proposed: RankingPolicy = { ...foundingRanking, weights: { ...foundingRanking.weights, recency: 20, ecology: 60, proximity: 20 }, recencyHalfLifeDays: 10 };
    for (const filter of [{ category: null, attribute: null, near: false }, { category: 'food.fruit', attribute: null, near: true }] satisfies Filter[]) {
      const filters = filtersOf(filter);
      const preview = await stored.previewRanking(filters, proposed);
      const listed = async () => (await allPages(stored, filters, 50))[0]!.offers.map((offer) => offer.id);
      expect(preview.now).toEqual(await listed());
      await enact(proposed);
      expect(preview.proposed).toEqual(await listed());
      expect(preview.proposed).not.toEqual(preview.now);
      expect(preview.distancesKm.size > 0).toBe(filter.near);
      await enact(inForce);
    }
  });

  it('pages by price ascending and by distance, ties broken by id', async () => {
    for (const first of [1, 4, 40]) {
      const byPrice = (await allPages(stored, {}, first, 'priceAscending')).flatMap((page) => page.offers.map((offer) => offer.id));
      const expectedPrice = [...offers].sort((a, b) => a.price - b.price || (a.id < b.id ? -1 : 1)).map((offer) => offer.id);
      expect(byPrice).toEqual(expectedPrice);
      const near = filtersOf({ category: null, attribute: null, near: true });
      const pages = await allPages(stored, near, first, 'nearest');
      const located = offers.filter((offer) => offer.latitude !== null);
      const distances = new Map(located.map((offer) => [offer.id, distanceKm(place, { latitude: offer.latitude!, longitude: offer.longitude! })]));
      const byDistance = pages.flatMap((page) => page.offers);
      expect(byDistance.map((offer) => offer.id).sort()).toEqual(located.map((offer) => offer.id).sort());
      for (let index = 0; index + 1 < byDistance.length; index += 1) {
        expect(byDistance[index]!.distanceMeters!).toBeLessThanOrEqual(byDistance[index + 1]!.distanceMeters!);
        expect(Math.abs(byDistance[index]!.distanceMeters! / 1000 - distances.get(byDistance[index]!.id)!)).toBeLessThan(0.01);
      }
    }
    await expect(stored.searchOffers({}, { first: 2 }, 'nearest')).rejects.toBeInstanceOf(ValidationError);
  });
});
