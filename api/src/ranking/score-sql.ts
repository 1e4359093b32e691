// The ranking's features and score computed by the database, the same definitions as features.ts
// (which the tests compare it with, value by value): the plain path of a ranked listing selects
// these columns over the offers its filters let through.
//
// The two aggregates the features need (each category's median price, each producer's recent sales)
// come from one of two sources with the same shape: computed from the offers and orders in the
// statement itself (rankingContextSql, the plain path and the definition), or read from the tables a
// job and the offer use cases keep (storedRankingContextSql, see aggregates.ts), so that a listing
// does not scan every offer and order.
import { Prisma } from '../../../prisma/generated/client/client';
import { ecologyAttributes, featureConstants, rankingFeatures, reuseAttributes, type RankingFeature } from './features';
import type { RankingPolicy } from './policy';

/**
 * What a ranked listing knows besides the offers: when it was asked (recency), the viewer's place,
 * and for a search its text query (a tsquery expression, see text-query.ts), for text relevance.
 */
export interface RankingRequest {
  asOf: Date;
  place: { latitude: number; longitude: number } | null;
  text?: Prisma.Sql | null;
}

/** Order states that count as a producer's recent sale: placed and not refused or cancelled. */
export const salesStates = ['placed', 'accepted', 'fulfilled', 'disputed', 'confirmed', 'resolved'] as const;

/** The median price (float8) of the active offers of each category, or of these categories only. */
export function categoryMediansSql(categoryCodes: readonly string[] | null): Prisma.Sql {
  return Prisma.sql`
      SELECT "categoryCode", percentile_cont(0.5) WITHIN GROUP (ORDER BY "price") AS median
      FROM "Offer" WHERE "status" = 'active' ${categoryCodes ? Prisma.sql`AND "categoryCode" = ANY(${[...categoryCodes]}::text[])` : Prisma.empty}
      GROUP BY "categoryCode"`;
}

/**
 * The common table expressions the feature columns need: the median price of the active offers of
 * each category, and each producer's orders placed in the last recentSalesDays days before asOf.
 */
export function rankingContextSql(request: RankingRequest): Prisma.Sql {
  const since = new Date(request.asOf.getTime() - featureConstants.recentSalesDays * 24 * 60 * 60_000);
  return Prisma.sql`
    ranking_medians AS (${categoryMediansSql(null)}),
    ranking_sales AS (
      SELECT "producerId", count(*)::float8 AS sales FROM "Order"
      WHERE "placedAt" > ${since}::timestamptz AND "placedAt" <= ${request.asOf}::timestamptz
        AND "status"::text IN (${Prisma.join(salesStates.map((state) => Prisma.sql`${state}`))})
      GROUP BY "producerId"
    )`;
}

/** The same common table expressions, read from the stored aggregates (aggregates.ts). */
export const storedRankingContextSql = Prisma.sql`
    ranking_medians AS (SELECT "categoryCode", "median" FROM "RankingCategoryMedian"),
    ranking_sales AS (SELECT "producerId", "sales"::float8 AS sales FROM "RankingProducerSales")`;

/**
 * The joins a query over "Offer" o needs for the feature columns, after FROM "Offer" o.
 */
export const rankingJoinsSql = Prisma.sql`
  LEFT JOIN ranking_medians rm ON rm."categoryCode" = o."categoryCode"
  LEFT JOIN ranking_sales rs ON rs."producerId" = o."producerId"`;

/** Each feature's value as a float8 expression over o, rm and rs; NULL where it does not apply. */
export function featureColumnsSql(policy: RankingPolicy, request: RankingRequest): Record<RankingFeature, Prisma.Sql> {
  const attributeTotal = ecologyAttributes.reduce((sum, attribute) => sum + policy.ecologyAttributeWeights[attribute], 0);
  // The attribute as the enum, not the array as text: casting every row's array costs more than the rest of its score.
  const declared = (attribute: string) => Prisma.sql`(${attribute}::"EcologicalAttribute" = ANY (o."ecologicalAttributes"))`;
  const ecology =
    attributeTotal === 0
      ? Prisma.sql`0::float8`
      : Prisma.sql`((${Prisma.join(
          ecologyAttributes.map((attribute) => Prisma.sql`(CASE WHEN ${declared(attribute)} THEN ${policy.ecologyAttributeWeights[attribute]}::float8 ELSE 0 END)`),
          ' + ',
        )}) / ${attributeTotal}::float8)`;
  const { ratingPriorCount, ratingPriorStars, smallProducerHalfSales } = featureConstants;
  return {
    ecology,
    proximity: request.place
      ? Prisma.sql`COALESCE(power(0.5, earth_distance(ll_to_earth(${request.place.latitude}::float8, ${request.place.longitude}::float8), o."location") / 1000.0 / ${policy.proximityHalfDistanceKm}::float8), 0)`
      : Prisma.sql`NULL::float8`,
    reuse: Prisma.sql`(CASE WHEN ${Prisma.join(reuseAttributes.map(declared), ' OR ')} THEN 1 ELSE 0 END)::float8`,
    price: Prisma.sql`(CASE WHEN rm.median IS NULL OR rm.median <= 0 OR o."price" <= 0 THEN 0.5
      ELSE LEAST(1, GREATEST(0, 0.5 - ln((o."price" / rm.median::numeric)::float8) / ln(2) / 2)) END)::float8`,
    rating: Prisma.sql`LEAST(1, GREATEST(0, ((${ratingPriorCount * ratingPriorStars}::float8 + o."ratingSum") / (${ratingPriorCount}::float8 + o."ratingCount") - 1) / 4))::float8`,
    // date_part, not extract: extract's numeric result costs a third of a row's score.
    recency: Prisma.sql`power(0.5, GREATEST(0, date_part('epoch', ${request.asOf}::timestamptz - o."createdAt")) / 86400.0 / ${policy.recencyHalfLifeDays}::float8)`,
    smallProducer: Prisma.sql`(1.0 / (1.0 + COALESCE(rs.sales, 0) / ${smallProducerHalfSales}::float8))::float8`,
    available: Prisma.sql`(CASE WHEN o."status" = 'active' AND (o."stock" IS NULL OR o."stock" > 0) THEN 1 ELSE 0 END)::float8`,
    // ts_rank_cd with normalisation 32 is rank / (rank + 1), so 0..1 already; real, hence the cast.
    text: request.text ? Prisma.sql`LEAST(1, GREATEST(0, ts_rank_cd(o."searchVector", (${request.text}), 32)::float8))` : Prisma.sql`NULL::float8`,
  };
}

/** Each weighed feature's term of the score, in the order of rankingFeatures: its share of all weights times its value (NULL counts as 0). */
export function scoreTermsSql(policy: RankingPolicy, columns: Record<RankingFeature, Prisma.Sql>): { feature: RankingFeature; term: Prisma.Sql }[] {
  const total = rankingFeatures.reduce((sum, feature) => sum + policy.weights[feature], 0);
  return rankingFeatures
    .filter((feature) => policy.weights[feature] > 0)
    .map((feature) => ({ feature, term: Prisma.sql`${policy.weights[feature] / total}::float8 * COALESCE(${columns[feature]}, 0)` }));
}

/**
 * The sum of terms, added from the first to the last: a sum of the first terms plus the rest, added
 * in the same order, is the same number to the last bit.
 */
export function sumSql(terms: readonly Prisma.Sql[]): Prisma.Sql {
  return terms.length === 0 ? Prisma.sql`0::float8` : Prisma.sql`(${Prisma.join(terms, ' + ')})`;
}

/** The score: each feature's share of all weights times its value (NULL counts as 0); 0..1. */
export function scoreSql(policy: RankingPolicy, columns: Record<RankingFeature, Prisma.Sql>): Prisma.Sql {
  return sumSql(scoreTermsSql(policy, columns).map(({ term }) => term));
}
