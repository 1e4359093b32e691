// The accelerators of the ranked order give the pages of the ranking they wrap, which scores every
// offer in full, with every page reached through the cursor of the one before: browsing from the stored
// scores (api/src/marketplace/search/stored-scores.ts) over random policies, filters and page sizes,
// right after a generation is computed and after offers change, new ones appear, others go, the
// aggregates move and time passes; and searches with a term whose relevance is computed only where it
// can reach the page (text-bound.ts), and from the stored scores (stored-search-scores.ts), for common
// and rare terms, right after a generation, after offers changed, and after a category's median moved
// the scores of offers that did not change (where only Δ keeps the band wide enough).
import fc from 'fast-check';
import { refreshRankingAggregates } from '../src/ranking/aggregates';
import { computeScoreGeneration, computeScoreGenerationIfDue } from '../src/ranking/stored-scores';
import { ecologyAttributes, rankingFeatures, reuseAttributes } from '../src/ranking/features';
import { type RankingPolicy } from '../src/ranking/policy';
import { resolveOfferFilters, type OfferFilters } from '../src/marketplace/search/filters';
import type { RankedRow, ScoreCursor } from '../src/marketplace/search/order';
import { scoreRanking, type ScoreRanking } from '../src/marketplace/search/score-query';
import { withStoredScores } from '../src/marketplace/search/stored-scores';
import { withStoredSearchScores } from '../src/marketplace/search/stored-search-scores';
import { withTextBound } from '../src/marketplace/search/text-bound';
import type { ReadQuery } from '../src/db/client';
import { textQuery } from '../src/marketplace/search/text-query';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer } from './support/builders';

const dayMs = 24 * 60 * 60_000;

function seeded(seed: number) {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

describe('stored scores', () => {
  let api: TestApi;
  let wrapped: ScoreRanking;
  let accelerated: ScoreRanking;
  let textBound: ScoreRanking;
  const titles = ['Äpfel', 'Äpfel und Birnen', 'Birnen vom Hof', 'Honig', 'Äpfel, Äpfel, Apfelsaft', 'Brot mit Honig', 'Birnen und Honig'];
  const random = seeded(2026);
  const attributes = [...ecologyAttributes, ...reuseAttributes];
  const categories = ['food.fruit', 'food.bakery', 'crafts.wood'];
  const offerIds: string[] = [];
  const producerIds: string[] = [];
  let nextVersion = 2;

  async function addOffer(createdAt: Date): Promise<string> {
    const producerId = producerIds[offerIds.length % producerIds.length]!;
    const created = await buildOffer(api, producerId, {
      title: titles[Math.floor(random() * titles.length)]!,
      price: (Math.round((0.5 + random() * 40) * 100) / 100).toFixed(2),
      categoryCode: categories[offerIds.length % categories.length]!,
      stock: random() < 0.3 ? null : Math.floor(random() * 4),
      createdAt,
    });
    const ratingCount = Math.floor(random() * 20);
    await api.database.prisma.offer.update({
      where: { id: created.id },
      data: { ecologicalAttributes: attributes.filter(() => random() < 0.35) as never, ratingCount, ratingSum: Math.round(ratingCount * (1 + random() * 4)) },
    });
    offerIds.push(created.id);
    return created.id;
  }

  beforeAll(async () => {
    api = await createTestApi();
    for (let index = 0; index < 3; index += 1) producerIds.push((await buildMember(api, { displayName: `Hof ${index}`, roles: ['member', 'producer'] })).id);
    const now = Date.now();
    for (let index = 0; index < 36; index += 1) await addOffer(new Date(now - (index % 9 === 0 ? 2 * dayMs : Math.floor(random() * 120 * dayMs))));
    await refreshRankingAggregates(api.database.prisma);
    const { readQuery } = api.database;
    wrapped = scoreRanking(readQuery, 'stored');
    accelerated = withStoredScores(wrapped, readQuery);
    textBound = withTextBound(wrapped, readQuery);
  });
  afterAll(() => api.close());

  async function enact(policy: RankingPolicy): Promise<number> {
    const version = nextVersion++;
    await api.database.prisma.policyVersion.create({ data: { kind: 'ranking', version, payload: policy as never, enactedAt: new Date(Date.now() - 1000) } });
    return version;
  }

  async function allPages(ranking: ScoreRanking, filters: OfferFilters, policy: RankingPolicy, asOf: Date, size: number): Promise<string[][]> {
    const resolved = await resolveOfferFilters(filters, async () => null);
    const text = filters.query ? textQuery(filters.query) : null;
    const pages: string[][] = [];
    let after: ScoreCursor | null = null;
    for (let page = 0; page < 100; page += 1) {
      const rows: RankedRow[] = await ranking(resolved, policy, { asOf, place: null, text }, after, size);
      pages.push(rows.slice(0, size).map((row) => row.id));
      if (rows.length <= size) return pages;
      const last = rows[size - 1]!;
      after = { policyVersion: 0, asOf: asOf.toISOString(), score: last.score!, id: last.id };
    }
    throw new Error('more pages than offers');
  }

  const weight = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 }));
  const policyArbitrary: fc.Arbitrary<RankingPolicy> = fc
    .record({
      weights: fc.record(Object.fromEntries(rankingFeatures.map((feature) => [feature, weight])) as Record<(typeof rankingFeatures)[number], fc.Arbitrary<number>>),
      ecologyAttributeWeights: fc.record(Object.fromEntries(ecologyAttributes.map((attribute) => [attribute, weight])) as Record<(typeof ecologyAttributes)[number], fc.Arbitrary<number>>),
      recencyHalfLifeDays: fc.integer({ min: 1, max: 60 }),
      proximityHalfDistanceKm: fc.integer({ min: 1, max: 500 }),
    })
    .map((policy) => (Object.values(policy.weights).some((value) => value > 0) ? policy : { ...policy, weights: { ...policy.weights, ecology: 1 } }));
  const filterArbitrary: fc.Arbitrary<OfferFilters> = fc.record({
    category: fc.constantFrom(undefined, ...categories),
    ecologicalAttributes: fc.constantFrom([], [], ['regional' as never], ['second_hand' as never]),
  });

  it('pages as the wrapped ranking does, from a fresh generation and after offers, aggregates and time moved', async () => {
    const { prisma } = api.database;
    await fc.assert(
      fc.asyncProperty(policyArbitrary, filterArbitrary, fc.integer({ min: 1, max: 7 }), fc.integer({ min: -3, max: 30 }), async (policy, filters, size, daysLater) => {
        const version = await enact(policy);
        const generatedAt = new Date();
        expect(await computeScoreGeneration(prisma, { version, policy }, generatedAt)).toMatchObject({ offers: expect.any(Number) });
        const expectSamePages = async (asOf: Date) =>
          expect(await allPages(accelerated, filters, policy, asOf, size)).toEqual(await allPages(wrapped, filters, policy, asOf, size));
        await expectSamePages(generatedAt);

        // Offers change in what their scores depend on, one is new, one sold out, one withdrawn; the
        // aggregates are recounted (the medians move); later (or, for a visitor's older first page, earlier).
        const [changed, soldOut, withdrawn] = [0, 1, 2].map(() => offerIds[Math.floor(random() * offerIds.length)]!);
        await prisma.offer.update({ where: { id: changed }, data: { price: (1 + random() * 60).toFixed(2), ecologicalAttributes: ['regional', 'packaging_free'] as never, ratingCount: { increment: 3 }, ratingSum: { increment: 15 } } });
        await prisma.offer.update({ where: { id: soldOut }, data: { stock: 0 } });
        await prisma.offer.update({ where: { id: withdrawn }, data: { status: 'paused' } });
        await addOffer(new Date());
        await refreshRankingAggregates(prisma);
        await expectSamePages(new Date(generatedAt.getTime() + daysLater * dayMs));
        await prisma.offer.update({ where: { id: withdrawn }, data: { status: 'active' } });
      }),
      { numRuns: 12 },
    );
  });

  it('searches with a term as the wrapped ranking does, the relevance computed only where it can reach the page', async () => {
    await fc.assert(
      fc.asyncProperty(
        policyArbitrary.map((policy) => ({ ...policy, weights: { ...policy.weights, text: Math.max(1, policy.weights.text) } })),
        filterArbitrary,
        fc.constantFrom('Äpfel', 'Birnen', 'Honig', 'Äpfel or Honig', 'Saft'),
        fc.integer({ min: 1, max: 7 }),
        async (policy, filters, query, size) => {
          const asOf = new Date();
          expect(await allPages(textBound, { ...filters, query }, policy, asOf, size)).toEqual(await allPages(wrapped, { ...filters, query }, policy, asOf, size));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('searches with a term from the stored scores as the wrapped ranking does, for common and rare terms, after offers changed', async () => {
    const { prisma, readQuery } = api.database;
    // Limits small enough for 40 offers: the walk reads at most 24 stored scores and takes θ from as few
    // matches as the page needs (so the band decides), so a rare term is left to the text bound, and a band of more than 30
    // too; later pages walk to the end of the scores.
    let answered = 0;
    const counting: ReadQuery = async <Row,>(statement: Parameters<ReadQuery>[0]) => {
      const rows = await readQuery<Row>(statement);
      const first = rows[0] as { answered?: boolean; bandScores?: number } | undefined;
      if (first?.answered && first.bandScores) answered += 1;
      return rows;
    };
    const stored = withStoredSearchScores(textBound, counting, { probeSize: 6, matchesMin: 10, headMax: 24, walkMatchesMin: (size) => size + 1, walkMatchesMax: 1, bandScoresMax: 30, bandScoresPerMatchMax: 1e9, routesRemembered: 0 });
    await fc.assert(
      fc.asyncProperty(
        policyArbitrary,
        filterArbitrary,
        fc.constantFrom('Äpfel', 'Birnen', 'Honig', 'Äpfel or Honig', 'Honig -Brot', 'Saft'),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: -3, max: 30 }),
        async (policy, filters, query, size, daysLater) => {
          const version = await enact(policy);
          const generatedAt = new Date();
          await computeScoreGeneration(prisma, { version, policy }, generatedAt);
          const expectSamePages = async (asOf: Date) =>
            expect(await allPages(stored, { ...filters, query }, policy, asOf, size)).toEqual(await allPages(wrapped, { ...filters, query }, policy, asOf, size));
          await expectSamePages(generatedAt);
          // A visitor's first page from before the generation: every offer's recency is higher now.
          await expectSamePages(new Date(generatedAt.getTime() - 2 * dayMs));

          // A matching offer gains what raises its score most, another is new, one sold out; the aggregates
          // move; later (or, for a visitor's older first page, earlier, when every score is higher).
          const [changed, soldOut] = [0, 1].map(() => offerIds[Math.floor(random() * offerIds.length)]!);
          await prisma.offer.update({ where: { id: changed }, data: { title: 'Äpfel und Honig', price: '0.50', ecologicalAttributes: [...ecologyAttributes, 'second_hand'] as never, ratingCount: { increment: 9 }, ratingSum: { increment: 45 } } });
          await prisma.offer.update({ where: { id: soldOut }, data: { stock: 0 } });
          await addOffer(new Date());
          await refreshRankingAggregates(prisma);
          await expectSamePages(new Date(generatedAt.getTime() + daysLater * dayMs));
        },
      ),
      { numRuns: 20 },
    );
    // The stored scores answered many pages from a band themselves (the others went to the wrapped ranking).
    expect(answered).toBeGreaterThan(10);
  });

  it('searches from the stored scores as the wrapped ranking does after a median rose, which raised the scores of offers that did not change', async () => {
    const { prisma, readQuery } = api.database;
    const stored = withStoredSearchScores(textBound, readQuery, { probeSize: 6, matchesMin: 4, headMax: 24, walkMatchesMin: (size) => size + 1, walkMatchesMax: 1, bandScoresMax: 30, bandScoresPerMatchMax: 1e9, routesRemembered: 0 });
    // Price alone, and text with so little weight that only Δ, the median's move, keeps the band wide enough.
    const policy: RankingPolicy = {
      weights: { ecology: 0, proximity: 0, reuse: 0, price: 100, rating: 0, recency: 0, smallProducer: 0, available: 0, text: 1 },
      ecologyAttributeWeights: { organic_certified: 0, regional: 0, packaging_free: 0, low_co2_transport: 0 },
      recencyHalfLifeDays: 30,
      proximityHalfDistanceKm: 25,
    };
    const version = await enact(policy);
    const generatedAt = new Date();
    await computeScoreGeneration(prisma, { version, policy }, generatedAt);
    // Dear offers of one category (matching none of the terms) lift its median: its cheaper offers,
    // unchanged themselves, now score higher than their stored scores.
    for (let index = 0; index < 40; index += 1) await buildOffer(api, producerIds[0]!, { title: 'Zwetschgen', price: '95.00', categoryCode: categories[0]!, stock: null });
    await refreshRankingAggregates(prisma);
    for (const query of ['Äpfel', 'Birnen', 'Honig', 'Äpfel or Honig']) {
      for (const size of [1, 2, 3]) {
        expect(await allPages(stored, { query }, policy, generatedAt, size)).toEqual(await allPages(wrapped, { query }, policy, generatedAt, size));
      }
    }
  });

  it('leaves listings of a policy without a generation to the wrapped ranking, and computes one when due', async () => {
    const { prisma } = api.database;
    const policy: RankingPolicy = {
      weights: { ecology: 40, proximity: 0, reuse: 10, price: 10, rating: 10, recency: 20, smallProducer: 10, available: 10, text: 0 },
      ecologyAttributeWeights: { organic_certified: 40, regional: 30, packaging_free: 20, low_co2_transport: 10 },
      recencyHalfLifeDays: 30,
      proximityHalfDistanceKm: 25,
    };
    await enact(policy);
    const asOf = new Date();
    expect(await allPages(accelerated, {}, policy, asOf, 5)).toEqual(await allPages(wrapped, {}, policy, asOf, 5));
    const computed = await computeScoreGenerationIfDue(prisma);
    expect(computed).not.toBeNull();
    const generations = await prisma.rankingScoreGeneration.findMany();
    expect(generations).toHaveLength(1);
    expect(generations[0]).toMatchObject({ generation: computed!.generation, offers: computed!.offers });
    // The changes the generation saw are gone; nothing is due again at once.
    expect(await prisma.rankingOfferChange.count()).toBe(0);
    expect(await computeScoreGenerationIfDue(prisma)).toBeNull();
    expect(await allPages(accelerated, {}, policy, asOf, 5)).toEqual(await allPages(wrapped, {}, policy, asOf, 5));
  });
});
