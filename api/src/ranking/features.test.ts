import { explainRanking } from './explain';
import { ecologyValue, featureValues, priceValue, ratingValue, type OfferFacts } from './features';
import { foundingRanking, rankingSchema, type RankingPolicy } from './policy';

const now = new Date('2026-12-07T12:00:00Z');
const dayMs = 24 * 60 * 60_000;

function facts(overrides: Partial<OfferFacts> = {}): OfferFacts {
  return {
    attributes: [],
    price: 10,
    categoryMedianPrice: 10,
    ratingCount: 0,
    ratingSum: 0,
    createdAt: now,
    producerRecentSales: 0,
    available: true,
    distanceKm: null,
    textRank: null,
    ...overrides,
  };
}

describe('ranking features', () => {
  it('ecology is the weighted share of the declared ecology attributes', () => {
    const weights = { organic_certified: 50, regional: 30, packaging_free: 20, low_co2_transport: 0 };
    expect(ecologyValue([], weights)).toBe(0);
    expect(ecologyValue(['organic_certified', 'regional', 'packaging_free', 'low_co2_transport'], weights)).toBe(1);
    expect(ecologyValue(['regional', 'second_hand'], weights)).toBeCloseTo(0.3);
    expect(ecologyValue(['low_co2_transport'], weights)).toBe(0);
    expect(ecologyValue(['regional'], { organic_certified: 0, regional: 0, packaging_free: 0, low_co2_transport: 0 })).toBe(0);
  });

  it('price is 0.5 at the category median, 1 at half of it or less, 0 at twice it or more', () => {
    expect(priceValue(10, 10)).toBe(0.5);
    expect(priceValue(5, 10)).toBe(1);
    expect(priceValue(1, 10)).toBe(1);
    expect(priceValue(20, 10)).toBe(0);
    expect(priceValue(10 * Math.SQRT2, 10)).toBeCloseTo(0.25);
    expect(priceValue(7, null)).toBe(0.5);
  });

  it('rating is a Bayesian average: one 5-star review does not beat forty of 4.8', () => {
    expect(ratingValue(0, 0)).toBeCloseTo((3.5 - 1) / 4);
    expect(ratingValue(1, 5)).toBeLessThan(ratingValue(40, 192));
    expect(ratingValue(1000, 5000)).toBeGreaterThan(0.99);
    expect(ratingValue(1000, 1000)).toBeLessThan(0.01);
  });

  it('recency and proximity halve at their half-life and half distance; inapplicable features are null', () => {
    const settings = { ...foundingRanking, recencyHalfLifeDays: 10, proximityHalfDistanceKm: 4 };
    const values = featureValues(facts({ createdAt: new Date(now.getTime() - 10 * dayMs), distanceKm: 8 }), settings, now);
    expect(values.recency).toBeCloseTo(0.5);
    expect(values.proximity).toBeCloseTo(0.25);
    expect(values.text).toBeNull();
    expect(featureValues(facts(), settings, now).proximity).toBeNull();
  });

  it('small producers and availability', () => {
    expect(featureValues(facts({ producerRecentSales: 0 }), foundingRanking, now).smallProducer).toBe(1);
    expect(featureValues(facts({ producerRecentSales: 10 }), foundingRanking, now).smallProducer).toBe(0.5);
    expect(featureValues(facts({ available: false }), foundingRanking, now).available).toBe(0);
    expect(featureValues(facts({ attributes: ['repairable'] }), foundingRanking, now).reuse).toBe(1);
  });
});

describe('ranking explanation', () => {
  const policy: RankingPolicy = {
    ...foundingRanking,
    weights: { ecology: 40, proximity: 10, reuse: 5, price: 5, rating: 10, recency: 20, smallProducer: 5, available: 5, text: 0 },
  };

  it('contributions are share × value and sum to the score', () => {
    const explanation = explainRanking(policy, facts({ attributes: ['organic_certified', 'regional'], ratingCount: 3, ratingSum: 14, distanceKm: 12 }), now);
    expect(explanation.features.reduce((sum, feature) => sum + feature.share, 0)).toBeCloseTo(1);
    for (const feature of explanation.features) expect(feature.contribution).toBeCloseTo(feature.share * (feature.value ?? 0));
    expect(explanation.score).toBeCloseTo(explanation.features.reduce((sum, feature) => sum + feature.contribution, 0));
    expect(explanation.score).toBeGreaterThan(0);
    expect(explanation.score).toBeLessThanOrEqual(1);
  });

  it('the founding policy orders offers newest first, whatever else they have', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const offers = Array.from({ length: 200 }, () =>
      facts({
        createdAt: new Date(now.getTime() - Math.floor(random() * 400 * dayMs)),
        attributes: random() < 0.5 ? ['organic_certified'] : [],
        ratingCount: Math.floor(random() * 20),
        ratingSum: Math.floor(random() * 100),
        price: 1 + random() * 50,
      }),
    );
    const byScore = [...offers].sort((a, b) => explainRanking(foundingRanking, b, now).score - explainRanking(foundingRanking, a, now).score);
    const byAge = [...offers].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(byScore.map((offer) => offer.createdAt.getTime())).toEqual(byAge.map((offer) => offer.createdAt.getTime()));
  });
});

describe('ranking policy', () => {
  it('accepts the founding version and refuses all-zero, unknown, negative and fractional weights', () => {
    expect(rankingSchema.safeParse(foundingRanking).success).toBe(true);
    const zero = Object.fromEntries(Object.keys(foundingRanking.weights).map((feature) => [feature, 0]));
    expect(rankingSchema.safeParse({ ...foundingRanking, weights: zero }).error?.issues[0]).toMatchObject({ path: ['weights'], message: 'at least one weight above 0' });
    expect(rankingSchema.safeParse({ ...foundingRanking, weights: { ...foundingRanking.weights, sponsored: 10 } }).success).toBe(false);
    expect(rankingSchema.safeParse({ ...foundingRanking, weights: { ...foundingRanking.weights, price: -1 } }).success).toBe(false);
    expect(rankingSchema.safeParse({ ...foundingRanking, weights: { ...foundingRanking.weights, price: 1.5 } }).success).toBe(false);
    expect(rankingSchema.safeParse({ ...foundingRanking, recencyHalfLifeDays: 0 }).success).toBe(false);
    const { text: _text, ...missing } = foundingRanking.weights;
    expect(rankingSchema.safeParse({ ...foundingRanking, weights: missing }).success).toBe(false);
  });
});
