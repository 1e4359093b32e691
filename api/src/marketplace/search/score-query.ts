// The ranked order: offers by the score of the ranking policy in force, computed in the database by
// the statements of api/src/ranking/score-sql.ts, highest first, id as tie-breaker. The plain path
// computes the category medians and the producers' recent sales in the statement itself; the stored
// path reads them from the tables aggregates.ts keeps (the accelerator, tested against the plain
// path). Recency is computed against the page's asOf, which the cursor carries, so a visitor paging
// sees every offer once even while time passes.
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { featureColumnsSql, rankingContextSql, rankingJoinsSql, scoreSql, storedRankingContextSql, type RankingRequest } from '../../ranking/score-sql';
import { rankingFeatures, type RankingFeature } from '../../ranking/features';
import type { RankingPolicy } from '../../ranking/policy';
import { offerFilterConditions, type ResolvedOfferFilters } from './filters';
import type { RankedRow, ScoreCursor } from './order';

/** Where the aggregates come from: computed in the statement, or read from the kept tables. */
export type AggregateSource = 'computed' | 'stored';

export type ScoreRanking = (filters: ResolvedOfferFilters, policy: RankingPolicy, request: RankingRequest, after: ScoreCursor | null, size: number) => Promise<RankedRow[]>;

function contextSql(source: AggregateSource, request: RankingRequest): Prisma.Sql {
  return source === 'computed' ? rankingContextSql(request) : storedRankingContextSql;
}

/**
 * The statement of one page: every offer the filters let through, scored, then the page below the
 * cursor. `createdSince` leaves out older offers (for an accelerator that knows they cannot be on the page).
 */
export function scoreStatement(
  source: AggregateSource,
  filters: ResolvedOfferFilters,
  policy: RankingPolicy,
  request: RankingRequest,
  after: ScoreCursor | null,
  size: number,
  createdSince: Date | null = null,
): Prisma.Sql {
  const score = scoreSql(policy, featureColumnsSql(policy, request));
  return Prisma.sql`
    WITH ${contextSql(source, request)},
    scored AS (
      SELECT o."id", ${score} AS "score" FROM "Offer" o ${rankingJoinsSql}
      WHERE ${offerFilterConditions(filters)} ${createdSince ? Prisma.sql`AND o."createdAt" >= ${createdSince}::timestamptz` : Prisma.empty}
    )
    SELECT "id", "score" FROM scored
    ${after ? Prisma.sql`WHERE ("score" < ${after.score}::float8 OR ("score" = ${after.score}::float8 AND "id" < ${after.id}::uuid))` : Prisma.empty}
    ORDER BY "score" DESC, "id" DESC
    LIMIT ${size + 1}`;
}

export function scoreRanking(readQuery: ReadQuery, source: AggregateSource): ScoreRanking {
  return async (filters, policy, request, after, size) => {
    const rows = await readQuery<{ id: string; score: number }>(scoreStatement(source, filters, policy, request, after, size));
    return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  };
}

/** Each feature's value for these offers (null where it does not apply), as the ranking computed them. */
export async function featureValuesOf(
  readQuery: ReadQuery,
  source: AggregateSource,
  policy: RankingPolicy,
  request: RankingRequest,
  offerIds: readonly string[],
): Promise<Map<string, Record<RankingFeature, number | null>>> {
  if (offerIds.length === 0) return new Map();
  const columns = featureColumnsSql(policy, request);
  const rows = await readQuery<Record<string, unknown> & { id: string }>(Prisma.sql`
    WITH ${contextSql(source, request)}
    SELECT o."id", ${Prisma.join(rankingFeatures.map((feature) => Prisma.sql`${columns[feature]} AS ${Prisma.raw(`"${feature}"`)}`))}
    FROM "Offer" o ${rankingJoinsSql}
    WHERE o."id" = ANY(${[...offerIds]}::uuid[])`);
  return new Map(
    rows.map((row) => [
      row.id,
      Object.fromEntries(rankingFeatures.map((feature) => [feature, row[feature] == null ? null : Number(row[feature])])) as Record<RankingFeature, number | null>,
    ]),
  );
}
