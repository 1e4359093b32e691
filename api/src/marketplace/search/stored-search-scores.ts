// An accelerator of the ranked order (score-query.ts) for searches with a common term and without a
// place: it reads a page from the stored scores of the policy in force (api/src/ranking/stored-scores.ts)
// instead of scoring every match of the term, so that a term matching a third of the offers does not
// cost ten times as much at ten times the offers, and gives the same rows as the wrapped ranking.
//
// A stored score counts neither text relevance nor proximity (a generation has no term and no place,
// so both are 0 in it). An offer's score now is therefore at most its stored score + Δ (what the rest
// moved since the generation, see stored-scores.ts) + the gain: the text's share (relevance is at most
// 1), plus the proximity's share with a place. In one statement, so with one view of the data:
// 1. walk the stored scores downward from the cursor's score + Δ, at most headMax of them, testing the
//    term and the filters on each offer, for up to walkMatchesMax matches; score them and the changed
//    offers in full: the (size + 1)-th best of those below the cursor, θ, is at most the score of
//    every offer on the page;
// 2. every offer on the page therefore has a stored score of at least θ − Δ − gain: score in full the
//    matches of that band and the changed offers, and take the page from them.
// When the walk reaches the end of the stored scores it has seen every candidate.
//
// The walk costs about the same for any term, a lookup per stored score, while the wrapped ranking
// (the text bound, which reads the matches through the search index, in the order of the table) costs
// in proportion to the matches. So the first probeSize stored scores estimate how many offers match,
// and the wrapped ranking answers when they are fewer than matchesMin, when the walk finds too few
// matches for θ, when the band would cost more than reading the matches, and without a generation of
// the policy in force; a search it answered is remembered for a while (route-memo.ts). With a place
// the proximity's share would widen the band as much again, and the place's cells in the search index
// narrow the matches already, so searches near a place go to the wrapped ranking too.
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { rankingFeatures } from '../../ranking/features';
import type { RankingPolicy } from '../../ranking/policy';
import { storedRankingContextSql, type RankingRequest } from '../../ranking/score-sql';
import { isTermOnly, offerFilterConditions, type ResolvedOfferFilters } from './filters';
import type { RankedRow, ScoreCursor } from './order';
import type { ScoreRanking } from './score-query';
import { createSearchRouteMemo } from './route-memo';
import { candidateScorer, storedScoreBoundsSql } from './stored-scores';


export interface StoredSearchLimits {
  /** So many of the highest stored scores are tested first, to estimate how many offers match. */
  probeSize: number;
  /**
   * The walk is taken only when the probe estimates at least so many matches: it costs about the same
   * for any term, while the text bound's cost grows with the matches, so it only pays for common terms.
   */
  matchesMin: number;
  /** The most stored scores the walk reads before it leaves the search to the wrapped ranking. */
  headMax: number;
  /** How many matches the walk must find to take θ from them, for a page of `size` offers (at least size + 1). */
  walkMatchesMin: (size: number) => number;
  /** The most matches the walk scores in full (more give a higher θ, so a narrower band). */
  walkMatchesMax: number;
  /** The most stored scores a band may hold (each is looked up and tested for the term). */
  bandScoresMax: number;
  /**
   * A band is read only when it holds at most this many stored scores per match the search index
   * would give (estimated from the walk): each stored score of the band is looked up and tested for
   * the term, about as costly as reading a match, which is what the wrapped ranking does for each.
   */
  bandScoresPerMatchMax: number;
  /** How many searches the stored scores did not answer are remembered, to go to the wrapped ranking directly (0: none). */
  routesRemembered: number;
}

export const storedSearchLimits: StoredSearchLimits = { probeSize: 100, matchesMin: 10_000, headMax: 3000, walkMatchesMin: (size) => 2 * (size + 1) + 8, walkMatchesMax: 200, bandScoresMax: 12_000, bandScoresPerMatchMax: 0.5, routesRemembered: 10_000 };

/** The most the text relevance and proximity can add to a stored score: each share times its largest value, 1. */
export function gainMax(policy: RankingPolicy, request: RankingRequest): number {
  const total = rankingFeatures.reduce((sum, feature) => sum + policy.weights[feature], 0);
  return ((request.text ? policy.weights.text : 0) + (request.place ? policy.weights.proximity : 0)) / total;
}

export function searchPageStatement(
  filters: ResolvedOfferFilters,
  policy: RankingPolicy,
  request: RankingRequest,
  after: ScoreCursor | null,
  size: number,
  limits: StoredSearchLimits,
): Prisma.Sql {
  const conditions = offerFilterConditions(filters);
  const upTo = after ? Prisma.sql`AND s."score" <= ${after.score}::float8 + (SELECT d FROM delta)` : Prisma.empty;
  const generation = Prisma.sql`s."generation" = (SELECT "generation" FROM gen)`;
  const walkSize = Math.max(size + 1, limits.walkMatchesMin(size));
  const { headMax, bandScoresMax } = limits;
  const walkMatchesMax = Math.max(walkSize, limits.walkMatchesMax);
  // The highest stored scores up to the cursor's, in the order of their index.
  const head = (rows: number) =>
    Prisma.sql`SELECT s."offerId" AS id, s."score" FROM "RankingOfferScore" s WHERE ${generation} ${upTo} ORDER BY s."score" DESC, s."offerId" DESC LIMIT ${rows}`;
  // Whether the offer h.id passes the filters, the term included.
  const matches = Prisma.sql`CROSS JOIN LATERAL (SELECT 1 FROM "Offer" o WHERE o."id" = h.id AND ${conditions} LIMIT 1) m`;
  const { probeSize, matchesMin } = limits;
  const scored = candidateScorer(filters, policy, request, after);
  return Prisma.sql`
    WITH ${storedRankingContextSql},
    ${storedScoreBoundsSql(policy, request)},
    -- A term too rare for the walk shows in the first scores already: then the walk is not taken.
    probe AS (
      SELECT (SELECT count(*) FROM (${head(probeSize)}) h ${matches}) * (SELECT "offers" FROM gen)::float8 / ${probeSize} >= ${matchesMin}
        OR (SELECT count(*) FROM (${head(probeSize)}) h) < ${probeSize} AS common
    ),
    walk AS (
      SELECT h.id, h.n FROM (SELECT x.*, row_number() OVER (ORDER BY x."score" DESC, x.id DESC) AS n FROM (${head(headMax)}) x) h ${matches}
      WHERE (SELECT common FROM probe)
      ORDER BY h."score" DESC, h.id DESC LIMIT ${walkMatchesMax}
    ),
    walked AS (${scored(Prisma.sql`SELECT id FROM walk UNION SELECT id FROM changed`)}),
    walk_size AS (SELECT count(*)::int AS matches, COALESCE(max(n), 0)::int AS read FROM walk),
    band AS (
      SELECT CASE
        WHEN NOT (SELECT common FROM probe) THEN NULL
        WHEN walk_size.matches >= ${walkSize}
          THEN COALESCE((SELECT "score" FROM walked ORDER BY "score" DESC OFFSET ${size} LIMIT 1) - (SELECT d FROM delta) - ${gainMax(policy, request)}::float8 - 1e-9, '-Infinity'::float8)
        WHEN (SELECT count(*) FROM (${head(headMax)}) h) < ${headMax} THEN 'Infinity'::float8
      END AS lowest,
      -- The matches the search index would give, estimated from the share of matches among the scores walked.
      (SELECT "offers" FROM gen)::float8 * walk_size.matches / GREATEST(CASE WHEN walk_size.matches >= ${walkMatchesMax} THEN walk_size.read ELSE ${headMax} END, 1) AS matches
      FROM walk_size
    ),
    band_scores AS (
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM "RankingOfferScore" s WHERE ${generation} AND s."score" >= (SELECT lowest FROM band) ${upTo} LIMIT ${bandScoresMax + 1}
      ) b
    ),
    chosen AS (
      SELECT band.lowest IS NOT NULL AND band_scores.n <= ${bandScoresMax} AND band_scores.n <= ${limits.bandScoresPerMatchMax}::float8 * band.matches AS band
      FROM band_scores, band
    ),
    -- The bounds as scalar subqueries, so that they bound the index scan rather than filter every score.
    banded AS (
      SELECT s."offerId" AS id FROM "RankingOfferScore" s
      WHERE (SELECT band FROM chosen) AND ${generation} AND s."score" >= (SELECT lowest FROM band) ${upTo}
      ORDER BY s."score" DESC, s."offerId" DESC LIMIT ${bandScoresMax}
    ),
    page AS (
      ${scored(Prisma.sql`SELECT id FROM walk UNION SELECT id FROM banded UNION SELECT id FROM changed`)}
      ORDER BY x."score" DESC, x."id" DESC LIMIT ${size + 1}
    )
    SELECT (SELECT "generation" FROM gen) AS "generation", (SELECT common FROM probe) AS "common", (SELECT band FROM chosen) AS "answered", (SELECT n FROM band_scores) AS "bandScores", (SELECT matches FROM band)::int AS "matchesEstimate",
      page."id", page."score"
    FROM (SELECT 1) one LEFT JOIN page ON true
    ORDER BY page."score" DESC, page."id" DESC`;
}

export function withStoredSearchScores(wrapped: ScoreRanking, readQuery: ReadQuery, limits: StoredSearchLimits = storedSearchLimits): ScoreRanking {
  // Searches the stored scores did not answer recently (see route-memo.ts); how common a term is changes slowly.
  const routes = createSearchRouteMemo({ entriesMax: limits.routesRemembered, ageMaxMs: 10 * 60_000 });
  return async (filters, policy, request, after, size) => {
    if (!filters.query || !request.text || request.place) return wrapped(filters, policy, request, after, size);
    const routeKey = JSON.stringify(filters);
    // Filters only ever remove matches: a term too rare alone is too rare with any filters.
    const termKey = JSON.stringify({ query: filters.query });
    if (routes.needsTextIndex(routeKey) || routes.needsTextIndex(termKey)) return wrapped(filters, policy, request, after, size);
    const rows = await readQuery<{ generation: number | null; common: boolean | null; answered: boolean | null; id: string | null; score: number | null }>(
      searchPageStatement(filters, policy, request, after, size, limits),
    );
    const first = rows[0];
    if (first?.generation != null) {
      routes.remember(routeKey, !first.answered);
      if (isTermOnly(filters)) routes.remember(termKey, !first.common);
    }
    if (first?.generation == null || !first.answered) return wrapped(filters, policy, request, after, size);
    return rows.filter((row) => row.id !== null).map((row): RankedRow => ({ id: row.id!, score: Number(row.score) }));
  };
}
