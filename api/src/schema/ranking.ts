// The ranking policy in GraphQL: its settings as a policy version shows them, and as a proposal sends
// them. The features and what they mean are in api/src/ranking/features.ts.
import { builder } from '../builder';
import type { PolicyPayload } from '../governance/policy-kinds';
import { ecologyAttributes, rankingFeatures, type EcologyAttribute, type RankingFeature } from '../ranking/features';
import type { FeatureContribution } from '../ranking/explain';
import type { OfferRankingExplanation } from '../marketplace/search';

export const RankingFeatureEnum = builder.enumType('RankingFeature', {
  values: rankingFeatures,
  description: 'A feature of an offer the ranking weighs; each is a value between 0 and 1 (see the disclosure page).',
});

export const EcologyAttributeEnum = builder.enumType('EcologyAttribute', {
  values: ecologyAttributes,
  description: 'The declared attributes that count towards the ecology feature.',
});

type RankingPayload = PolicyPayload<'ranking'>;

const RankingWeight = builder.objectRef<{ feature: RankingFeature; weight: number }>('RankingWeight').implement({
  fields: (t) => ({
    feature: t.field({ type: RankingFeatureEnum, resolve: (entry) => entry.feature }),
    weight: t.exposeInt('weight', { description: 'Points from 0 to 100; what counts is the share of all points.' }),
  }),
});

const EcologyAttributeWeight = builder.objectRef<{ attribute: EcologyAttribute; weight: number }>('EcologyAttributeWeight').implement({
  fields: (t) => ({
    attribute: t.field({ type: EcologyAttributeEnum, resolve: (entry) => entry.attribute }),
    weight: t.exposeInt('weight', { description: 'Points from 0 to 100 inside the ecology feature.' }),
  }),
});

export const RankingPolicy = builder.objectRef<RankingPayload & { kind: 'ranking' }>('RankingPolicy').implement({
  description: 'How the marketplace orders offers: a weight for every feature, decided by vote.',
  fields: (t) => ({
    weights: t.field({ type: [RankingWeight], resolve: (policy) => rankingFeatures.map((feature) => ({ feature, weight: policy.weights[feature] })) }),
    ecologyAttributeWeights: t.field({
      type: [EcologyAttributeWeight],
      resolve: (policy) => ecologyAttributes.map((attribute) => ({ attribute, weight: policy.ecologyAttributeWeights[attribute] })),
    }),
    recencyHalfLifeDays: t.exposeInt('recencyHalfLifeDays', { description: 'After this many days an offer has half its recency value.' }),
    proximityHalfDistanceKm: t.exposeInt('proximityHalfDistanceKm', { description: 'At this distance from the place a visitor gave an offer has half its proximity value.' }),
  }),
});

const RankingWeightInput = builder.inputType('RankingWeightInput', {
  fields: (t) => ({ feature: t.field({ type: RankingFeatureEnum, required: true }), weight: t.int({ required: true }) }),
});

const EcologyAttributeWeightInput = builder.inputType('EcologyAttributeWeightInput', {
  fields: (t) => ({ attribute: t.field({ type: EcologyAttributeEnum, required: true }), weight: t.int({ required: true }) }),
});

export const RankingInput = builder.inputType('RankingInput', {
  description: 'A ranking policy: every feature and every ecology attribute with its weight.',
  fields: (t) => ({
    weights: t.field({ type: [RankingWeightInput], required: true }),
    ecologyAttributeWeights: t.field({ type: [EcologyAttributeWeightInput], required: true }),
    recencyHalfLifeDays: t.int({ required: true }),
    proximityHalfDistanceKm: t.int({ required: true }),
  }),
});

/** The payload the policy's schema checks; a feature or attribute left out is reported by it. */
export function rankingPayloadOf(input: typeof RankingInput.$inferInput): unknown {
  return {
    weights: Object.fromEntries(input.weights.map((entry) => [entry.feature, entry.weight])),
    ecologyAttributeWeights: Object.fromEntries(input.ecologyAttributeWeights.map((entry) => [entry.attribute, entry.weight])),
    recencyHalfLifeDays: input.recencyHalfLifeDays,
    proximityHalfDistanceKm: input.proximityHalfDistanceKm,
  };
}

const RankingFeatureContribution = builder.objectRef<FeatureContribution>('RankingFeatureContribution').implement({
  description: "One feature's part in an offer's score.",
  fields: (t) => ({
    feature: t.field({ type: RankingFeatureEnum, resolve: (entry) => entry.feature }),
    value: t.float({ nullable: true, description: 'The feature\'s value for the offer, 0 to 1; null where it does not apply (proximity without a place, text relevance when browsing).', resolve: (entry) => entry.value }),
    weight: t.exposeInt('weight', { description: 'The points the policy gives the feature.' }),
    share: t.exposeFloat('share', { description: "The weight's share of all points, 0 to 1." }),
    contribution: t.exposeFloat('contribution', { description: 'Share times value: what the feature adds to the score.' }),
  }),
});

export const RankingExplanationType = builder.objectRef<OfferRankingExplanation>('RankingExplanation').implement({
  description: 'Why an offer stands where it does: every feature with its value, weight and contribution under one version of the ranking policy.',
  fields: (t) => ({
    policyVersion: t.exposeInt('policyVersion', { description: 'The version of the ranking policy the score is computed under.' }),
    asOf: t.field({ type: 'DateTime', description: 'The moment recency is computed against.', resolve: (explanation) => explanation.asOf }),
    score: t.exposeFloat('score', { description: 'The sum of the contributions, 0 to 1; offers are listed by it, highest first.' }),
    features: t.field({ type: [RankingFeatureContribution], resolve: (explanation) => explanation.features }),
  }),
});
