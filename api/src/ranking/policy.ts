// The ranking policy the members vote: a weight for every feature (features.ts), the weight of each
// ecology attribute inside the ecology feature, the half-life of recency and the distance at which
// proximity halves. Weights are whole points from 0 to 100; what counts is each weight's share of
// their sum.
import { z } from 'zod';
import { ecologyAttributes, rankingFeatures, type EcologyAttribute, type RankingFeature } from './features';

export const rankingWeightMax = 100;
export const recencyHalfLifeDaysLimits = { min: 1, max: 365 } as const;
export const proximityHalfDistanceKmLimits = { min: 1, max: 500 } as const;

const weightSchema = z
  .number()
  .int('a whole number')
  .min(0, 'at least 0')
  .max(rankingWeightMax, `at most ${rankingWeightMax}`);

const weightsOf = <Key extends string>(keys: readonly Key[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, weightSchema])) as Record<Key, typeof weightSchema>).strict();

export const rankingSchema = z
  .object({
    weights: weightsOf(rankingFeatures).refine((weights) => Object.values<number>(weights).some((weight) => weight > 0), {
      message: 'at least one weight above 0',
    }),
    ecologyAttributeWeights: weightsOf(ecologyAttributes),
    recencyHalfLifeDays: z
      .number()
      .int('a whole number')
      .min(recencyHalfLifeDaysLimits.min, `at least ${recencyHalfLifeDaysLimits.min}`)
      .max(recencyHalfLifeDaysLimits.max, `at most ${recencyHalfLifeDaysLimits.max}`),
    proximityHalfDistanceKm: z
      .number()
      .int('a whole number')
      .min(proximityHalfDistanceKmLimits.min, `at least ${proximityHalfDistanceKmLimits.min}`)
      .max(proximityHalfDistanceKmLimits.max, `at most ${proximityHalfDistanceKmLimits.max}`),
  })
  .strict();

export type RankingPolicy = z.infer<typeof rankingSchema> & {
  weights: Record<RankingFeature, number>;
  ecologyAttributeWeights: Record<EcologyAttribute, number>;
};

/**
 * The founding version: recency alone, so the marketplace starts in the order it had before the
 * members voted on it (newest first). Written by the migration that added the ranking policy.
 */
export const foundingRanking: RankingPolicy = {
  weights: { ecology: 0, proximity: 0, reuse: 0, price: 0, rating: 0, recency: 100, smallProducer: 0, available: 0, text: 0 },
  ecologyAttributeWeights: { organic_certified: 25, regional: 25, packaging_free: 25, low_co2_transport: 25 },
  recencyHalfLifeDays: 30,
  proximityHalfDistanceKm: 25,
};
