// Stored scores: every active offer's score under the policy in force, computed now and then by the
// job that keeps the ranking's aggregates, so that browsing reads the neighbourhood of a page in one
// index (api/src/marketplace/search/stored-scores.ts) instead of scoring every active offer.
//
// A generation is computed in one REPEATABLE READ transaction at a moment asOf: each active offer's
// score without proximity and text (browsing has neither), with the stored aggregates of that moment,
// which the generation keeps beside the scores. What makes a stored score differ from the score at a
// later moment is then known and bounded:
// - the offer itself changed (price, attributes, rating, stock running out, ...) or is new: a trigger
//   lists it in "RankingOfferChange" with the id of the changing transaction, and an entry that the
//   generation's snapshot does not see names an offer whose stored score is not used;
// - the aggregates moved: a category's median from m0 to m1 moves its offers' price value by at most
//   |log2(m1 / m0)| / 2, a producer's recent sales from s0 to s1 its small-producer value by
//   |1 / (1 + s1 / h) − 1 / (1 + s0 / h)|;
// - time passed: recency at a listing's asOf is the stored value times 0.5^((asOf − generation's
//   asOf) / half-life), which moves it by at most |that factor − 1|.
// A generation is computed again when the policy changed, when it is older than regenerateAfterMs,
// or when many offers changed since, so the bounds stay narrow.
import { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import type { RankingPolicy } from './policy';
import { featureColumnsSql, rankingJoinsSql, scoreSql, storedRankingContextSql } from './score-sql';

/** A generation older than this is computed again. */
export const regenerateAfterMs = 10 * 60_000;
/** So many changed offers since a generation make the next one due. */
export const regenerateAfterChanges = 10_000;
/** Only one computation at a time (a transaction-level advisory lock of this key). */
const computingLockKey = 74_200_117;

export interface ScoreGeneration {
  generation: number;
  offers: number;
}

/**
 * Computes a new generation of scores under this policy as of `asOf`, and removes the older ones and
 * the change entries the new one has seen. Null when another computation is running.
 */
export async function computeScoreGeneration(
  prisma: PrismaClient,
  ranking: { version: number; policy: RankingPolicy },
  asOf: Date = new Date(),
): Promise<ScoreGeneration | null> {
  const { policy } = ranking;
  const computed = await prisma.$transaction(
    async (transaction) => {
      // The first statement fixes the transaction's snapshot, which every statement below reads.
      const [state] = await transaction.$queryRaw<{ snapshot: string; locked: boolean; next: number }[]>`
        SELECT pg_current_snapshot()::text AS snapshot, pg_try_advisory_xact_lock(${computingLockKey}) AS locked,
          (SELECT COALESCE(max("generation"), 0) + 1 FROM "RankingScoreGeneration")::int AS next`;
      if (!state?.locked) return null;
      const generation = state.next;
      const score = scoreSql(policy, featureColumnsSql(policy, { asOf, place: null, text: null }));
      const offers = await transaction.$executeRaw`
        WITH ${storedRankingContextSql}
        INSERT INTO "RankingOfferScore" ("generation", "offerId", "score")
        SELECT ${generation}::int, o."id", ${score} FROM "Offer" o ${rankingJoinsSql} WHERE o."status" = 'active'`;
      await transaction.$executeRaw`
        INSERT INTO "RankingScoreGeneration" ("generation", "policyVersion", "policy", "asOf", "snapshot", "medians", "sales", "offers")
        VALUES (${generation}::int, ${ranking.version}::int, ${JSON.stringify(policy)}::jsonb, ${asOf}::timestamptz, ${state.snapshot},
          (SELECT COALESCE(jsonb_object_agg("categoryCode", "median"::text), '{}'::jsonb) FROM "RankingCategoryMedian"),
          (SELECT COALESCE(jsonb_object_agg("producerId"::text, "sales"), '{}'::jsonb) FROM "RankingProducerSales"),
          ${offers}::int)`;
      await transaction.$executeRaw`DELETE FROM "RankingOfferScore" WHERE "generation" < ${generation}::int`;
      await transaction.$executeRaw`DELETE FROM "RankingScoreGeneration" WHERE "generation" < ${generation}::int`;
      await transaction.$executeRaw`DELETE FROM "RankingOfferChange" WHERE pg_visible_in_snapshot("xid"::text::xid8, ${state.snapshot}::pg_snapshot)`;
      // Listings walk the new generation by score and look up the few changed offers; with statistics
      // of the tables before (none, or a change list of every offer) the planner would read them whole.
      await transaction.$executeRaw`ANALYZE "RankingOfferScore", "RankingOfferChange"`;
      return { generation, offers };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 60_000, timeout: 15 * 60_000 },
  );
  // The older generation's rows and the seen changes are dead now; listings would step over them.
  if (computed) await prisma.$executeRaw`VACUUM "RankingOfferScore", "RankingOfferChange"`;
  return computed;
}

/** Computes a generation under the policy in force when none serves it, or the latest is old or far behind. */
export async function computeScoreGenerationIfDue(prisma: PrismaClient, now: Date = new Date()): Promise<ScoreGeneration | null> {
  const inForce = await policyInForce(prisma, 'ranking', now);
  const policy = inForce.payload as RankingPolicy;
  const [latest] = await prisma.$queryRaw<{ asOf: Date; same: boolean; changes: number }[]>`
    SELECT "asOf", "policy" = ${JSON.stringify(policy)}::jsonb AS same,
      (SELECT count(*) FROM (SELECT 1 FROM "RankingOfferChange" LIMIT ${regenerateAfterChanges}) c)::int AS changes
    FROM "RankingScoreGeneration" ORDER BY "generation" DESC LIMIT 1`;
  const due = !latest || !latest.same || now.getTime() - latest.asOf.getTime() >= regenerateAfterMs || latest.changes >= regenerateAfterChanges;
  return due ? computeScoreGeneration(prisma, { version: inForce.version, policy }, now) : null;
}
