// An accelerator of the ranked order (score-query.ts) for browsing: it leaves out the offers too old
// to reach the page, so that a policy that weighs recency heavily (the founding one weighs nothing
// else) does not score every active offer for each page.
//
// An offer's score is its recency part, share(recency) × 0.5^(age / half-life), plus the rest, which
// is at most the sum of the other applicable features' shares (every value is at most 1). The newest
// size + 1 offers below the cursor, walked along the recency index, are size + 1 offers that could be
// on the page; the lowest of their scores, θ, is therefore at most the score of every offer that is
// on it. An offer whose recency part plus the largest possible rest is below θ cannot be on the page,
// and the recency part falls with age, so every offer older than the age where it equals θ minus
// the rest can be left out: the page is then scored over the offers since that moment, in the same
// statement as the plain path's with one more condition, and gives the same rows. With a margin of
// 1e-9 on θ and a second on the age, rounding cannot leave out an offer that belongs.
//
// Searches with a term go to the wrapped ranking unchanged: for a rare term the walk along the
// recency index would test every offer (see newest-window.ts).
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { rankingFeatures } from '../../ranking/features';
import type { RankingPolicy } from '../../ranking/policy';
import { featureColumnsSql, rankingJoinsSql, scoreSql, storedRankingContextSql, type RankingRequest } from '../../ranking/score-sql';
import { offerFilterConditions, type ResolvedOfferFilters } from './filters';
import type { RankedRow, ScoreCursor } from './order';
import { scoreStatement, type ScoreRanking } from './score-query';

const dayMs = 24 * 60 * 60_000;

/** The oldest creation time an offer on the page can have; null when no offer can be left out. */
export function oldestOnPage(policy: RankingPolicy, request: RankingRequest, threshold: number): Date | null {
  const total = rankingFeatures.reduce((sum, feature) => sum + policy.weights[feature], 0);
  const recencyShare = policy.weights.recency / total;
  if (recencyShare <= 0) return null;
  // Proximity counts only with a place, text relevance only in a search: both are 0 otherwise.
  const applies = (feature: (typeof rankingFeatures)[number]) =>
    feature !== 'recency' && (feature !== 'text' || Boolean(request.text)) && (feature !== 'proximity' || request.place !== null);
  const restMax = rankingFeatures.filter(applies).reduce((sum, feature) => sum + policy.weights[feature] / total, 0);
  const recencyMin = threshold - 1e-9 - restMax;
  // recencyMin < recencyShare holds for every offer that reaches θ; rounding aside, so no bound then.
  if (recencyMin <= 0 || recencyMin >= recencyShare) return null;
  const ageMaxMs = Math.log2(recencyShare / recencyMin) * policy.recencyHalfLifeDays * dayMs + 1000;
  return new Date(request.asOf.getTime() - ageMaxMs);
}

/** The newest size + 1 offers below the cursor, with their scores. */
function newestBelowCursor(filters: ResolvedOfferFilters, policy: RankingPolicy, request: RankingRequest, after: ScoreCursor | null, size: number): Prisma.Sql {
  const score = scoreSql(policy, featureColumnsSql(policy, request));
  return Prisma.sql`
    WITH ${storedRankingContextSql}
    SELECT o."id", ${score} AS "score" FROM "Offer" o ${rankingJoinsSql}
    WHERE ${offerFilterConditions(filters)}
      ${after ? Prisma.sql`AND ((${score}) < ${after.score}::float8 OR ((${score}) = ${after.score}::float8 AND o."id" < ${after.id}::uuid))` : Prisma.empty}
    ORDER BY o."createdAt" DESC, o."id" DESC
    LIMIT ${size + 1}`;
}

export function withRecencyBound(stored: ScoreRanking, readQuery: ReadQuery): ScoreRanking {
  return async (filters, policy, request, after, size) => {
    if (filters.query || policy.weights.recency === 0) return stored(filters, policy, request, after, size);
    const newest = (await readQuery<{ id: string; score: number }>(newestBelowCursor(filters, policy, request, after, size))).map((row) => ({ id: row.id, score: Number(row.score) }));
    const byScore = (a: { id: string; score: number }, b: { id: string; score: number }) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    // Fewer than size + 1 offers below the cursor: these are all of them.
    if (newest.length <= size) return newest.sort(byScore);
    const threshold = Math.min(...newest.map((row) => row.score));
    const since = oldestOnPage(policy, request, threshold);
    const rows = await readQuery<{ id: string; score: number }>(scoreStatement('stored', filters, policy, request, after, size, since));
    return rows.map((row): RankedRow => ({ id: row.id, score: Number(row.score) }));
  };
}
