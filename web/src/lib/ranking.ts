// The ranking policy's features and limits as the web app lists them; the server's definitions are in
// api/src/ranking (features.ts, policy.ts).
import type { EcologyAttribute, RankingFeature } from '@/generated/graphql';

export const rankingFeatures = ['ecology', 'proximity', 'reuse', 'price', 'rating', 'recency', 'smallProducer', 'available', 'text'] as const satisfies readonly RankingFeature[];
export const ecologyAttributes = ['organic_certified', 'regional', 'packaging_free', 'low_co2_transport'] as const satisfies readonly EcologyAttribute[];

// Every feature and attribute of the schema is listed (a compile error otherwise).
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
export const everyFeatureListed: Missing<RankingFeature, (typeof rankingFeatures)[number]> = true;
export const everyAttributeListed: Missing<EcologyAttribute, (typeof ecologyAttributes)[number]> = true;

export const rankingLimits = { weightMax: 100, halfLifeDaysMin: 1, halfLifeDaysMax: 365, halfDistanceKmMin: 1, halfDistanceKmMax: 500 } as const;

/** A whole number within the limits, from what a member typed; null otherwise. */
export function wholeNumberIn(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}
