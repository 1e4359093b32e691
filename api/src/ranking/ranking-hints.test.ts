import { explainRanking } from './explain';
import type { OfferFacts } from './features';
import { foundingRanking, type RankingPolicy } from './policy';
import { rankingHintGainMin, rankingHints } from './ranking-hints';

const now = new Date('2026-12-07T12:00:00Z');
const dayMs = 24 * 60 * 60_000;

function facts(overrides: Partial<OfferFacts> = {}): OfferFacts {
  return {
    attributes: [],
    price: 10,
    categoryMedianPrice: 10,
    ratingCount: 0,
    ratingSum: 0,
    createdAt: new Date(now.getTime() - 20 * dayMs),
    producerRecentSales: 0,
    available: true,
    distanceKm: null,
    textRank: null,
    ...overrides,
  };
}

const everything: RankingPolicy = {
  ...foundingRanking,
  weights: { ecology: 30, proximity: 10, reuse: 10, price: 10, rating: 10, recency: 10, smallProducer: 10, available: 10, text: 10 },
  ecologyAttributeWeights: { organic_certified: 40, regional: 30, packaging_free: 30, low_co2_transport: 0 },
};

const scoreOf = (policy: RankingPolicy, offer: OfferFacts) => explainRanking(policy, offer, now).score;

describe('ranking hints', () => {
  it('each gain is the score of the changed offer minus its score now', () => {
    const offer = facts({ attributes: ['regional'], price: 14, ratingCount: 2, ratingSum: 8, available: false });
    const hints = rankingHints(everything, offer, now);
    const byKind = (kind: string, attribute: string | null = null) => hints.find((hint) => hint.kind === kind && hint.attribute === attribute);
    const base = scoreOf(everything, offer);
    expect(byKind('declare_ecology_attribute', 'organic_certified')?.gain).toBeCloseTo(scoreOf(everything, { ...offer, attributes: ['regional', 'organic_certified'] }) - base, 12);
    expect(byKind('declare_ecology_attribute', 'packaging_free')?.gain).toBeCloseTo(scoreOf(everything, { ...offer, attributes: ['regional', 'packaging_free'] }) - base, 12);
    expect(byKind('declare_reuse')?.gain).toBeCloseTo(scoreOf(everything, { ...offer, attributes: ['regional', 'second_hand'] }) - base, 12);
    expect(byKind('lower_price')?.gain).toBeCloseTo(scoreOf(everything, { ...offer, price: 10 }) - base, 12);
    expect(byKind('collect_reviews')?.gain).toBeCloseTo(scoreOf(everything, { ...offer, ratingCount: 3, ratingSum: 13 }) - base, 12);
    expect(byKind('restock')?.gain).toBeCloseTo(scoreOf(everything, { ...offer, available: true }) - base, 12);
    expect(byKind('recency_decays')?.gain).toBeCloseTo(scoreOf(everything, { ...offer, createdAt: now }) - base, 12);
    // Every gain is real, the largest first.
    for (const hint of hints) expect(hint.gain).toBeGreaterThanOrEqual(rankingHintGainMin);
    expect(hints.map((hint) => hint.gain)).toEqual([...hints.map((hint) => hint.gain)].sort((a, b) => b - a));
  });

  it('never hints what the producer cannot change, nor a feature or attribute without weight', () => {
    const hints = rankingHints(everything, facts({ distanceKm: 40, textRank: 0.1 }), now);
    const features = new Set(hints.map((hint) => hint.feature));
    for (const feature of ['proximity', 'text', 'smallProducer']) expect(features.has(feature as never)).toBe(false);
    // low_co2_transport has no weight inside ecology.
    expect(hints.filter((hint) => hint.kind === 'declare_ecology_attribute').map((hint) => hint.attribute).sort()).toEqual(['organic_certified', 'packaging_free', 'regional']);

    const recencyOnly = rankingHints(foundingRanking, facts({ attributes: [], price: 30, available: false }), now);
    expect(recencyOnly.map((hint) => hint.kind)).toEqual(['recency_decays']);
  });

  it('leaves out what the offer already has', () => {
    const complete = facts({ attributes: ['organic_certified', 'regional', 'packaging_free', 'repairable'], price: 4, createdAt: now, ratingCount: 5000, ratingSum: 25_000 });
    expect(rankingHints(everything, complete, now)).toEqual([]);
  });

  it('aims the price at the category median, or below it at half the median, rounded down to cents', () => {
    const above = rankingHints(everything, facts({ price: 18, categoryMedianPrice: 12.345 }), now).find((hint) => hint.kind === 'lower_price');
    expect(above?.targetPrice?.toFixed(2)).toBe('12.34');
    expect(above?.categoryMedianPrice?.toFixed(2)).toBe('12.35');
    const below = rankingHints(everything, facts({ price: 9, categoryMedianPrice: 12 }), now).find((hint) => hint.kind === 'lower_price');
    expect(below?.targetPrice?.toFixed(2)).toBe('6.00');
    expect(below?.gain).toBeCloseTo(scoreOf(everything, facts({ price: 6, categoryMedianPrice: 12 })) - scoreOf(everything, facts({ price: 9, categoryMedianPrice: 12 })), 12);
    // Without a median (the only offer of its category) price counts 0.5 whatever it is.
    expect(rankingHints(everything, facts({ price: 18, categoryMedianPrice: null }), now).some((hint) => hint.kind === 'lower_price')).toBe(false);
  });
});
