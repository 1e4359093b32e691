// An accelerator of the ranked order (score-query.ts) for searches with a term: it computes the text
// relevance (ts_rank_cd, the costliest part of a row's score) only for the matches that can reach the
// page, and gives the same rows as the wrapped ranking.
//
// A match's score is the rest of its score (every other feature) plus the text's share times its
// relevance, which is at most 1; text is the last feature, so rest + text term is the same number as
// the wrapped ranking's sum. In one statement: the rest is computed for every match; the matches with
// the highest rest below the cursor are scored in full, and the (size + 1)-th best of those below the
// cursor, θ, is at most the score of every offer on the page; so every offer on the page has a rest
// of at least θ − the text's share, and only those matches are scored in full for the page. An offer
// below the cursor has a rest at most the cursor's score (relevance is never negative). The search
// vector of each scored match is looked up by its id (LIMIT 1 keeps the planner from joining all offers).
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { rankingFeatures } from '../../ranking/features';
import { featureColumnsSql, rankingJoinsSql, scoreTermsSql, storedRankingContextSql, sumSql } from '../../ranking/score-sql';
import { offerFilterConditions } from './filters';
import type { RankedRow } from './order';
import type { ScoreRanking } from './score-query';

/** How many matches with the highest rest are scored in full to find θ, for a page of `size`. */
const walkSizeOf = (size: number) => 2 * (size + 1) + 8;

export function withTextBound(wrapped: ScoreRanking, readQuery: ReadQuery): ScoreRanking {
  return async (filters, policy, request, after, size) => {
    if (!request.text || policy.weights.text === 0) return wrapped(filters, policy, request, after, size);
    const terms = scoreTermsSql(policy, featureColumnsSql(policy, request));
    const rest = sumSql(terms.filter(({ feature }) => feature !== 'text').map(({ term }) => term));
    const textTerm = terms.find(({ feature }) => feature === 'text')!.term;
    const textShare = policy.weights.text / rankingFeatures.reduce((sum, feature) => sum + policy.weights[feature], 0);
    const score = Prisma.sql`(m."rest" + ${textTerm})`;
    const belowCursor = after ? Prisma.sql`AND (${score} < ${after.score}::float8 OR (${score} = ${after.score}::float8 AND m."id" < ${after.id}::uuid))` : Prisma.empty;
    const restUpTo = after ? Prisma.sql`AND m."rest" <= ${after.score}::float8 + 1e-9` : Prisma.empty;
    const walkSize = walkSizeOf(size);
    const rows = await readQuery<{ id: string; score: number }>(Prisma.sql`
      WITH ${storedRankingContextSql},
      matches AS MATERIALIZED (
        SELECT o."id", ${rest} AS "rest" FROM "Offer" o ${rankingJoinsSql} WHERE ${offerFilterConditions(filters)}
      ),
      top AS (
        SELECT m."id", m."rest" FROM matches m WHERE true ${restUpTo} ORDER BY m."rest" DESC, m."id" DESC LIMIT ${walkSize}
      ),
      walked AS (
        SELECT ${score} AS "score" FROM top m CROSS JOIN LATERAL (SELECT o."searchVector" FROM "Offer" o WHERE o."id" = m."id" LIMIT 1) o
        WHERE true ${belowCursor}
      ),
      bound AS (
        SELECT COALESCE((SELECT "score" FROM walked ORDER BY "score" DESC OFFSET ${size} LIMIT 1) - ${textShare}::float8 - 1e-9, '-Infinity'::float8) AS lowest
      )
      SELECT m."id", ${score} AS "score" FROM matches m CROSS JOIN bound
        CROSS JOIN LATERAL (SELECT o."searchVector" FROM "Offer" o WHERE o."id" = m."id" LIMIT 1) o
      WHERE m."rest" >= bound.lowest ${restUpTo} ${belowCursor}
      ORDER BY "score" DESC, m."id" DESC LIMIT ${size + 1}`);
    return rows.map((row): RankedRow => ({ id: row.id, score: Number(row.score) }));
  };
}
