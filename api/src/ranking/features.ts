// The features the cooperative's ranking weighs, each normalised to 0..1 with its definition written
// next to it. The members vote the weights (policy.ts); this file is what every weight means. The
// database computes the same values (see the ranking statements); explain.ts and the tests compute
// them here, and the two must agree.

/** Ecological attributes a producer declares that count towards the ecology feature. */
export const ecologyAttributes = ['organic_certified', 'regional', 'packaging_free', 'low_co2_transport'] as const;
export type EcologyAttribute = (typeof ecologyAttributes)[number];

/** Declared attributes that make an offer second-hand or repair. */
export const reuseAttributes = ['second_hand', 'repairable'] as const;

export const rankingFeatures = ['ecology', 'proximity', 'reuse', 'price', 'rating', 'recency', 'smallProducer', 'available', 'text'] as const;
export type RankingFeature = (typeof rankingFeatures)[number];

/** Constants of the definitions that are not voted. */
export const featureConstants = {
  /** The Bayesian rating's prior: as if every offer had this many reviews of this many stars. */
  ratingPriorCount: 5,
  ratingPriorStars: 3.5,
  /** Recent sales of a producer: settled or open orders placed in this many days. */
  recentSalesDays: 30,
  /** A producer with this many recent sales gets half the small-producer value. */
  smallProducerHalfSales: 10,
} as const;

/** What the definitions need to know about one offer, and about the viewer's request. */
export interface OfferFacts {
  /** Declared ecological attributes (any of the enum's values). */
  attributes: readonly string[];
  price: number;
  /** Median price of the active offers of the offer's category; null when it has none. */
  categoryMedianPrice: number | null;
  ratingCount: number;
  ratingSum: number;
  createdAt: Date;
  /** The producer's orders placed in the last recentSalesDays days. */
  producerRecentSales: number;
  /** Active, and in stock (goods) or without a stock count. */
  available: boolean;
  /** Distance to the place the viewer gave, in km; null when no place was given. */
  distanceKm: number | null;
  /** The text search's relevance (PostgreSQL's ts_rank_cd with normalisation 32: 0..1); null when browsing. */
  textRank: number | null;
}

export interface FeatureSettings {
  /** Weight of each ecology attribute inside the ecology feature. */
  ecologyAttributeWeights: Record<EcologyAttribute, number>;
  recencyHalfLifeDays: number;
  proximityHalfDistanceKm: number;
}

const dayMs = 24 * 60 * 60_000;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Each feature's value for one offer at time `now`; null where the feature does not apply to the
 * request (proximity without a place, text relevance when browsing), which counts as 0 for every
 * offer alike and so does not change their order.
 */
export function featureValues(facts: OfferFacts, settings: FeatureSettings, now: Date): Record<RankingFeature, number | null> {
  return {
    ecology: ecologyValue(facts.attributes, settings.ecologyAttributeWeights),
    proximity: facts.distanceKm === null ? null : 0.5 ** (Math.max(0, facts.distanceKm) / settings.proximityHalfDistanceKm),
    reuse: facts.attributes.some((attribute) => (reuseAttributes as readonly string[]).includes(attribute)) ? 1 : 0,
    price: priceValue(facts.price, facts.categoryMedianPrice),
    rating: ratingValue(facts.ratingCount, facts.ratingSum),
    recency: 0.5 ** (Math.max(0, now.getTime() - facts.createdAt.getTime()) / dayMs / settings.recencyHalfLifeDays),
    smallProducer: 1 / (1 + facts.producerRecentSales / featureConstants.smallProducerHalfSales),
    available: facts.available ? 1 : 0,
    text: facts.textRank === null ? null : clamp01(facts.textRank),
  };
}

/** Ecology: the weighted share of the ecology attributes the offer declares (0 when no attribute has weight). */
export function ecologyValue(attributes: readonly string[], weights: Record<EcologyAttribute, number>): number {
  const total = ecologyAttributes.reduce((sum, attribute) => sum + weights[attribute], 0);
  if (total === 0) return 0;
  const declared = ecologyAttributes.filter((attribute) => attributes.includes(attribute)).reduce((sum, attribute) => sum + weights[attribute], 0);
  return declared / total;
}

/**
 * Price against the median of the offer's category, on a log scale: at the median 0.5, at half of
 * it or less 1, at twice it or more 0. 0.5 when the category has no median (or a price is 0).
 */
export function priceValue(price: number, median: number | null): number {
  if (median === null || median <= 0 || price <= 0) return 0.5;
  return clamp01(0.5 - Math.log2(price / median) / 2);
}

/**
 * Rating: the Bayesian average of the stars, as if every offer also had ratingPriorCount reviews of
 * ratingPriorStars stars, so a single 5-star review does not beat forty of 4.8; 1 star is 0, 5 are 1.
 */
export function ratingValue(count: number, sum: number): number {
  const { ratingPriorCount: priorCount, ratingPriorStars: priorStars } = featureConstants;
  const average = (priorCount * priorStars + sum) / (priorCount + count);
  return clamp01((average - 1) / 4);
}
