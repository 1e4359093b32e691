// What would raise an offer's score under a ranking policy, for its producer: one hint for each
// change the producer can make that a weighted feature rewards, each with its gain in score computed
// by running the definitions (features.ts, explain.ts) again on the changed offer. Features the
// producer cannot change are never hinted: proximity depends on where the viewer is, text relevance
// on what they search for, and the small-producer boost falls only with more sales.
import { Decimal } from 'decimal.js';
import { explainRanking } from './explain';
import { ecologyAttributes, reuseAttributes, type EcologyAttribute, type OfferFacts, type RankingFeature } from './features';
import type { RankingPolicy } from './policy';

export const rankingHintKinds = ['declare_ecology_attribute', 'declare_reuse', 'lower_price', 'collect_reviews', 'restock', 'recency_decays'] as const;
export type RankingHintKind = (typeof rankingHintKinds)[number];

/**
 * A gain below this (a twentieth of a point of 100) is left out: it would show as 0.0 points and
 * change nothing a producer could notice.
 */
export const rankingHintGainMin = 0.0005;

/** Stars of the review the rating hint counts (the best there is). */
const hintReviewStars = 5;

export interface RankingHint {
  kind: RankingHintKind;
  feature: RankingFeature;
  /** The score the offer would gain, 0..1 like the score (×100 for points). */
  gain: number;
  /** For declare_ecology_attribute: the attribute to declare. */
  attribute: EcologyAttribute | null;
  /** For lower_price: the price the gain is computed at, at the currency's scale. */
  targetPrice: Decimal | null;
  /** For lower_price: the category's median price, rounded to the currency's scale. */
  categoryMedianPrice: Decimal | null;
}

/**
 * The hints for one offer, the largest gain first. `facts` are the offer's as the ranking sees them
 * for a viewer without a place who is browsing (distanceKm and textRank null); `priceScale` is the
 * currency's number of fraction digits.
 */
export function rankingHints(policy: RankingPolicy, facts: OfferFacts, now: Date, priceScale = 2): RankingHint[] {
  const score = explainRanking(policy, facts, now).score;
  const gainOf = (changed: Partial<OfferFacts>) => explainRanking(policy, { ...facts, ...changed }, now).score - score;
  const hint = (kind: RankingHintKind, feature: RankingFeature, gain: number, extra: Partial<RankingHint> = {}): RankingHint => ({
    kind,
    feature,
    gain,
    attribute: null,
    targetPrice: null,
    categoryMedianPrice: null,
    ...extra,
  });
  const weighted = (feature: RankingFeature) => policy.weights[feature] > 0;
  const hints: RankingHint[] = [];

  if (weighted('ecology')) {
    for (const attribute of ecologyAttributes) {
      if (policy.ecologyAttributeWeights[attribute] === 0 || facts.attributes.includes(attribute)) continue;
      hints.push(hint('declare_ecology_attribute', 'ecology', gainOf({ attributes: [...facts.attributes, attribute] }), { attribute }));
    }
  }
  if (weighted('reuse') && !facts.attributes.some((attribute) => (reuseAttributes as readonly string[]).includes(attribute))) {
    hints.push(hint('declare_reuse', 'reuse', gainOf({ attributes: [...facts.attributes, reuseAttributes[0]] })));
  }
  if (weighted('price') && facts.categoryMedianPrice !== null && facts.categoryMedianPrice > 0) {
    // At the median the price counts half; at half the median or below it counts fully. The target
    // is the next of the two below the price, rounded down to a price one can ask.
    const median = new Decimal(facts.categoryMedianPrice);
    const price = new Decimal(facts.price);
    const target = (price.greaterThan(median) ? median : median.dividedBy(2)).toDecimalPlaces(priceScale, Decimal.ROUND_DOWN);
    if (target.greaterThan(0) && target.lessThan(price)) {
      hints.push(hint('lower_price', 'price', gainOf({ price: target.toNumber() }), { targetPrice: target, categoryMedianPrice: median.toDecimalPlaces(priceScale) }));
    }
  }
  if (weighted('rating')) {
    hints.push(hint('collect_reviews', 'rating', gainOf({ ratingCount: facts.ratingCount + 1, ratingSum: facts.ratingSum + hintReviewStars })));
  }
  if (weighted('available') && !facts.available) {
    hints.push(hint('restock', 'available', gainOf({ available: true })));
  }
  if (weighted('recency')) {
    hints.push(hint('recency_decays', 'recency', gainOf({ createdAt: now })));
  }
  return hints.filter((entry) => entry.gain >= rankingHintGainMin).sort((a, b) => b.gain - a.gain);
}
