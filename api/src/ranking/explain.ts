// Why an offer stands where it does: each feature's value, its weight and share of all weights, and
// its contribution to the score (share × value); the score is their sum, between 0 and 1.
import { featureValues, rankingFeatures, type OfferFacts, type RankingFeature } from './features';
import type { RankingPolicy } from './policy';

export interface FeatureContribution {
  feature: RankingFeature;
  /** 0..1; null where the feature does not apply to this request (counts as 0 for every offer). */
  value: number | null;
  weight: number;
  /** The weight's share of all weights. */
  share: number;
  contribution: number;
}

export interface RankingExplanation {
  features: FeatureContribution[];
  score: number;
}

export function explainRanking(policy: RankingPolicy, facts: OfferFacts, now: Date): RankingExplanation {
  return explainValues(policy, featureValues(facts, policy, now));
}

/** The explanation from each feature's value, as the database or featureValues computed them. */
export function explainValues(policy: RankingPolicy, values: Record<RankingFeature, number | null>): RankingExplanation {
  const totalWeight = rankingFeatures.reduce((sum, feature) => sum + policy.weights[feature], 0);
  const features = rankingFeatures.map((feature) => {
    const weight = policy.weights[feature];
    const share = totalWeight === 0 ? 0 : weight / totalWeight;
    const value = values[feature];
    return { feature, value, weight, share, contribution: share * (value ?? 0) };
  });
  return { features, score: features.reduce((sum, feature) => sum + feature.contribution, 0) };
}
