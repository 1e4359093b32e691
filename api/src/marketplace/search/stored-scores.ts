// An accelerator of the ranked order (score-query.ts) for browsing without a place and without a
// term: it reads a page from the stored scores of the policy in force (api/src/ranking/stored-scores.ts)
// instead of scoring every active offer, and gives the same rows as the wrapped ranking.
//
// Every offer's score now lies within Δ of its stored score, unless the offer changed since the
// generation (the changed ones are scored in full): Δ adds up each feature's share times the largest
// move of its value since the generation (a category's median, a producer's sales, the time; see
// stored-scores.ts in api/src/ranking), plus 1e-9 for rounding. In one statement, so with one view of
// the data:
// 1. walk the stored scores downward from the cursor's score + Δ, through the filters, for a few more
//    offers than the page holds, and score them and the changed offers in full: the (size + 1)-th best
//    of those below the cursor, θ, is at most the score of every offer on the page;
// 2. every offer on the page therefore has a stored score of at least θ − Δ: score in full the offers
//    of that band and the changed ones, and take the page from them.
// When the walk reaches the end of the stored scores it has seen every candidate; when it finds too few
// offers below the cursor, the band reaches down to the lowest score. Without a generation of the policy
// in force (before the job has computed one after an enactment), or when the band holds bandMax offers
// or more, the wrapped ranking answers.
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { featureConstants, rankingFeatures } from '../../ranking/features';
import type { RankingPolicy } from '../../ranking/policy';
import { featureColumnsSql, rankingJoinsSql, scoreSql, storedRankingContextSql, type RankingRequest } from '../../ranking/score-sql';
import { offerFilterConditions, type ResolvedOfferFilters } from './filters';
import type { RankedRow, ScoreCursor } from './order';
import type { ScoreRanking } from './score-query';

/** How many stored scores the first walk reads for a page of `size` offers. */
const walkSizeOf = (size: number) => 2 * (size + 1) + 8;
/**
 * The most offers a band may hold; a wider one (far-moved aggregates, an old generation) is left to the
 * wrapped ranking. The bound also tells the planner the band is small, so it looks its offers up by id.
 */
export const bandMax = 1000;

/**
 * The common table expressions gen (the latest generation of the policy), delta (Δ: how far any
 * unchanged offer's score now may lie from its stored score, see the header) and changed (the offers
 * whose stored score is not used), after the ranking's context.
 */
export function storedScoreBoundsSql(policy: RankingPolicy, request: RankingRequest): Prisma.Sql {
  const total = rankingFeatures.reduce((sum, feature) => sum + policy.weights[feature], 0);
  const share = (feature: (typeof rankingFeatures)[number]) => policy.weights[feature] / total;
  const half = featureConstants.smallProducerHalfSales;
  return Prisma.sql`
    gen AS (
      SELECT "generation", "asOf", "snapshot", "medians", "sales", "offers" FROM "RankingScoreGeneration"
      WHERE "policy" = ${JSON.stringify(policy)}::jsonb ORDER BY "generation" DESC LIMIT 1
    ),
    price_move AS (
      SELECT COALESCE(max(CASE WHEN then_.median IS NULL OR now_."median" IS NULL OR then_.median <= 0 OR now_."median" <= 0 THEN 1
        ELSE LEAST(1, abs(ln(now_."median" / then_.median)) / ln(2) / 2) END), 0)::float8 AS m
      FROM (SELECT e.key AS code, e.value::float8 AS median FROM gen, jsonb_each_text(gen."medians") e) then_
      FULL JOIN "RankingCategoryMedian" now_ ON now_."categoryCode" = then_.code
      WHERE then_.median IS DISTINCT FROM now_."median"
    ),
    sales_move AS (
      SELECT COALESCE(max(abs(1.0 / (1.0 + COALESCE(now_."sales", 0)::float8 / ${half}::float8) - 1.0 / (1.0 + COALESCE(then_.sales, 0) / ${half}::float8))), 0)::float8 AS m
      FROM (SELECT e.key::uuid AS producer, e.value::float8 AS sales FROM gen, jsonb_each_text(gen."sales") e) then_
      FULL JOIN "RankingProducerSales" now_ ON now_."producerId" = then_.producer
      WHERE then_.sales IS DISTINCT FROM now_."sales"::float8
    ),
    delta AS (
      SELECT (${share('price')}::float8 * price_move.m + ${share('smallProducer')}::float8 * sales_move.m
        + ${share('recency')}::float8 * abs(power(0.5, extract(epoch FROM (${request.asOf}::timestamptz - gen."asOf"))::float8 / 86400.0 / ${policy.recencyHalfLifeDays}::float8) - 1)
        + 1e-9)::float8 AS d
      FROM gen, price_move, sales_move
    ),
    changed AS (
      SELECT DISTINCT c."offerId" AS id FROM gen, "RankingOfferChange" c
      WHERE NOT pg_visible_in_snapshot(c."xid"::text::xid8, gen."snapshot"::pg_snapshot)
    )`;
}

/**
 * The SQL that scores in full each candidate of an id query (`id` column) that passes the filters and
 * lies below the cursor, as rows of "id" and "score". Each candidate is scored by its own lookup (LIMIT 1
 * keeps the planner from joining all offers instead, which it would do whenever it guesses the
 * candidates many).
 */
export function candidateScorer(filters: ResolvedOfferFilters, policy: RankingPolicy, request: RankingRequest, after: ScoreCursor | null): (ids: Prisma.Sql) => Prisma.Sql {
  const score = scoreSql(policy, featureColumnsSql(policy, request));
  const conditions = offerFilterConditions(filters);
  const belowCursor = after ? Prisma.sql`AND ((${score}) < ${after.score}::float8 OR ((${score}) = ${after.score}::float8 AND o."id" < ${after.id}::uuid))` : Prisma.empty;
  return (ids) => Prisma.sql`
      SELECT x."id", x."score" FROM (${ids}) c CROSS JOIN LATERAL (
        SELECT o."id", ${score} AS "score" FROM "Offer" o ${rankingJoinsSql}
        WHERE o."id" = c.id AND ${conditions} ${belowCursor} LIMIT 1
      ) x`;
}

function pageStatement(filters: ResolvedOfferFilters, policy: RankingPolicy, request: RankingRequest, after: ScoreCursor | null, size: number): Prisma.Sql {
  const conditions = offerFilterConditions(filters);
  const upTo = after ? Prisma.sql`AND s."score" <= ${after.score}::float8 + delta.d` : Prisma.empty;
  const walkSize = walkSizeOf(size);
  const scored = candidateScorer(filters, policy, request, after);
  return Prisma.sql`
    WITH ${storedRankingContextSql},
    ${storedScoreBoundsSql(policy, request)},
    walk AS (
      SELECT s."offerId" AS id FROM "RankingOfferScore" s JOIN "Offer" o ON o."id" = s."offerId" CROSS JOIN delta
      WHERE s."generation" = (SELECT "generation" FROM gen) AND ${conditions} ${upTo}
      ORDER BY s."score" DESC, s."offerId" DESC LIMIT ${walkSize}
    ),
    walked AS (${scored(Prisma.sql`SELECT id FROM walk UNION SELECT id FROM changed`)}),
    band AS (
      SELECT CASE WHEN (SELECT count(*) FROM walk) < ${walkSize} THEN 'Infinity'::float8
        ELSE COALESCE((SELECT "score" FROM walked ORDER BY "score" DESC OFFSET ${size} LIMIT 1) - (SELECT d FROM delta), '-Infinity'::float8) END AS lowest
    ),
    banded AS (
      SELECT s."offerId" AS id FROM "RankingOfferScore" s CROSS JOIN band CROSS JOIN delta
      WHERE s."generation" = (SELECT "generation" FROM gen) AND s."score" >= band.lowest ${upTo}
      ORDER BY s."score" DESC, s."offerId" DESC LIMIT ${bandMax}
    ),
    page AS (
      ${scored(Prisma.sql`SELECT id FROM walk UNION SELECT id FROM banded UNION SELECT id FROM changed`)}
      ORDER BY x."score" DESC, x."id" DESC LIMIT ${size + 1}
    )
    SELECT (SELECT "generation" FROM gen) AS "generation", (SELECT count(*) FROM banded)::int AS "banded", page."id", page."score"
    FROM (SELECT 1) one LEFT JOIN page ON true
    ORDER BY page."score" DESC, page."id" DESC`;
}

export function withStoredScores(wrapped: ScoreRanking, readQuery: ReadQuery): ScoreRanking {
  return async (filters, policy, request, after, size) => {
    if (filters.query || request.text || request.place) return wrapped(filters, policy, request, after, size);
    const rows = await readQuery<{ generation: number | null; banded: number; id: string | null; score: number | null }>(pageStatement(filters, policy, request, after, size));
    if (rows[0]?.generation == null || rows[0].banded >= bandMax) return wrapped(filters, policy, request, after, size);
    return rows.filter((row) => row.id !== null).map((row): RankedRow => ({ id: row.id!, score: Number(row.score) }));
  };
}
