// The database computes the ranking's features and score exactly as features.ts and explain.ts
// define them: random offers (attributes, prices in several categories, ratings, ages, stock, places),
// producers with and without recent sales, random policies, with and without a viewer's place; every
// feature value, every score and the order they give agree with the TypeScript reference.
import { Prisma } from '../../prisma/generated/client/client';
import { explainRanking } from '../src/ranking/explain';
import { ecologyAttributes, featureConstants, rankingFeatures, reuseAttributes, type OfferFacts } from '../src/ranking/features';
import { foundingRanking, type RankingPolicy } from '../src/ranking/policy';
import { featureColumnsSql, rankingContextSql, rankingJoinsSql, salesStates, scoreSql, type RankingRequest } from '../src/ranking/score-sql';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer } from './support/builders';

const dayMs = 24 * 60 * 60_000;
const asOf = new Date('2026-12-07T12:00:00Z');
const earthRadiusKm = 6378.168; // earthdistance's earth()

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

describe('ranking scores in the database', () => {
  let api: TestApi;
  const random = seeded(2026);
  const attributes = [...ecologyAttributes, ...reuseAttributes];
  const categories = ['food.fruit', 'food.bakery', 'crafts.wood'];
  type Row = { id: string; producerId: string; categoryCode: string; price: number; attributes: string[]; ratingCount: number; ratingSum: number; createdAt: Date; stock: number | null; latitude: number | null; longitude: number | null };
  const offers: Row[] = [];
  const salesOf = new Map<string, number>();

  beforeAll(async () => {
    api = await createTestApi();
    const producers = await Promise.all([0, 1, 2].map((index) => buildMember(api, { displayName: `Hof ${index}`, roles: ['member', 'producer'] })));
    const buyer = await buildMember(api, { displayName: 'Käuferin' });
    for (let index = 0; index < 45; index += 1) {
      const producer = producers[index % producers.length]!;
      const row = {
        producerId: producer.id,
        categoryCode: categories[index % categories.length]!,
        price: Math.round((0.5 + random() * 40) * 100) / 100,
        attributes: attributes.filter(() => random() < 0.35),
        ratingCount: Math.floor(random() * 30),
        ratingSum: 0,
        createdAt: new Date(asOf.getTime() - Math.floor(random() * 200 * dayMs)),
        stock: random() < 0.3 ? null : Math.floor(random() * 4),
        latitude: random() < 0.9 ? 50 + random() * 3 : null,
        longitude: 8 + random() * 4,
      };
      row.ratingSum = Math.round(row.ratingCount * (1 + random() * 4));
      const created = await buildOffer(api, producer.id, {
        price: row.price.toFixed(2),
        categoryCode: row.categoryCode,
        stock: row.stock,
        createdAt: row.createdAt,
        ...(row.latitude === null ? {} : { latitude: row.latitude, longitude: row.longitude }),
      });
      await api.database.prisma.offer.update({
        where: { id: created.id },
        data: { ecologicalAttributes: row.attributes as never, ratingCount: row.ratingCount, ratingSum: row.ratingSum },
      });
      offers.push({ ...row, id: created.id, latitude: row.latitude, longitude: row.latitude === null ? null : row.longitude });
    }
    // Producer 0 sold a lot lately, producer 1 a little (one order too old, one cancelled), producer 2 nothing.
    const orders: { producerId: string; daysAgo: number; status: string }[] = [
      ...Array.from({ length: 12 }, () => ({ producerId: producers[0]!.id, daysAgo: 3, status: 'confirmed' })),
      { producerId: producers[1]!.id, daysAgo: 10, status: 'placed' },
      { producerId: producers[1]!.id, daysAgo: 40, status: 'confirmed' },
      { producerId: producers[1]!.id, daysAgo: 5, status: 'cancelled' },
    ];
    for (const [index, order] of orders.entries()) {
      const placedAt = new Date(asOf.getTime() - order.daysAgo * dayMs);
      await api.database.prisma.order.create({
        data: { buyerId: buyer.id, producerId: order.producerId, checkoutKey: `ranking-${index}`, status: order.status as never, total: '5.00', placedAt, createdAt: placedAt },
      });
      const counts = order.daysAgo <= featureConstants.recentSalesDays && (salesStates as readonly string[]).includes(order.status);
      if (counts) salesOf.set(order.producerId, (salesOf.get(order.producerId) ?? 0) + 1);
    }
  });
  afterAll(() => api.close());

  function factsOf(offer: Row, request: RankingRequest): OfferFacts {
    const medianPrice = median(offers.filter((other) => other.categoryCode === offer.categoryCode).map((other) => other.price));
    return {
      attributes: offer.attributes,
      price: offer.price,
      categoryMedianPrice: medianPrice,
      ratingCount: offer.ratingCount,
      ratingSum: offer.ratingSum,
      createdAt: offer.createdAt,
      producerRecentSales: salesOf.get(offer.producerId) ?? 0,
      available: offer.stock === null || offer.stock > 0,
      // An offer without a place is as far as can be from the viewer's.
      distanceKm: request.place ? (offer.latitude === null ? Number.POSITIVE_INFINITY : distanceKm(request.place, { latitude: offer.latitude, longitude: offer.longitude! })) : null,
      textRank: null,
    };
  }

  function randomPolicy(): RankingPolicy {
    const weight = () => (random() < 0.3 ? 0 : Math.floor(random() * 101));
    const weights = Object.fromEntries(rankingFeatures.map((feature) => [feature, feature === 'text' ? 0 : weight()])) as RankingPolicy['weights'];
    if (Object.values(weights).every((value) => value === 0)) weights.ecology = 1;
    return {
      weights,
      ecologyAttributeWeights: Object.fromEntries(ecologyAttributes.map((attribute) => [attribute, weight()])) as RankingPolicy['ecologyAttributeWeights'],
      recencyHalfLifeDays: 1 + Math.floor(random() * 120),
      proximityHalfDistanceKm: 1 + Math.floor(random() * 100),
    };
  }

  it('agrees with the TypeScript definitions feature by feature, score by score and in order', async () => {
    const policies = [foundingRanking, ...Array.from({ length: 8 }, randomPolicy)];
    for (const [index, policy] of policies.entries()) {
      const request: RankingRequest = { asOf, place: index % 2 === 0 ? { latitude: 51.3, longitude: 9.5 } : null };
      const columns = featureColumnsSql(policy, request);
      const rows = await api.database.prisma.$queryRaw<Record<string, number | null | string>[]>(Prisma.sql`
        WITH ${rankingContextSql(request)}
        SELECT o."id", ${Prisma.join(rankingFeatures.map((feature) => Prisma.sql`${columns[feature]} AS ${Prisma.raw(`"${feature}"`)}`))},
          ${scoreSql(policy, columns)} AS "score"
        FROM "Offer" o ${rankingJoinsSql}
        WHERE o."status" = 'active'
        ORDER BY "score" DESC, o."id" DESC`);
      expect(rows).toHaveLength(offers.length);
      const reference = offers
        .map((offer) => ({ id: offer.id, explanation: explainRanking(policy, factsOf(offer, request), asOf) }))
        .sort((a, b) => b.explanation.score - a.explanation.score || (a.id < b.id ? 1 : -1));
      for (const row of rows) {
        const expected = reference.find((entry) => entry.id === row.id)!.explanation;
        for (const feature of expected.features) {
          const actual = row[feature.feature] as number | null;
          if (feature.value === null) expect({ feature: feature.feature, actual }).toEqual({ feature: feature.feature, actual: null });
          else expect({ feature: feature.feature, close: Math.abs(Number(actual) - feature.value) < 1e-9 }).toEqual({ feature: feature.feature, close: true });
        }
        expect(Math.abs(Number(row.score) - expected.score)).toBeLessThan(1e-9);
      }
      expect(rows.map((row) => row.id)).toEqual(reference.map((entry) => entry.id));
    }
  });
});
