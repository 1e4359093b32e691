// The two aggregates the ranking's features need, kept in tables so that a listing reads a few small
// rows instead of scanning every active offer (for the category medians) and every recent order (for
// the producers' recent sales): "RankingCategoryMedian" and "RankingProducerSales". They are computed
// by the same SQL as the plain path's common table expressions (score-sql.ts), so the stored and the
// computed ranking agree whenever the tables are fresh.
//
// Kept current by:
// - the offer use cases (create, update, status change), which recount the medians of the categories
//   they touch in their own transaction, so a producer's change shows in the next listing;
// - the job ranking-refresh-aggregates every minute, which recounts everything. Sales are counted
//   only there: checkout is the marketplace's hottest write, and one more locked row per producer in
//   its transaction would serialise a popular producer's checkouts; the 30-day window also moves with
//   time, so a periodic recount is needed anyway. A producer's small-producer value thus lags its
//   sales by up to a minute.
// Nothing here depends on the policy, so an enactment rewrites no row.
import { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { categoryMediansSql, rankingContextSql } from './score-sql';

type Executor = Pick<PrismaClient, '$executeRaw'> | Prisma.TransactionClient;

/** Recounts the medians of these categories (of all of them with null), at `at`. */
export async function refreshCategoryMedians(db: Executor, categoryCodes: readonly string[] | null, at: Date = new Date()): Promise<void> {

  await db.$executeRaw`
    WITH medians AS (${categoryMediansSql(categoryCodes)}),
    kept AS (
      INSERT INTO "RankingCategoryMedian" ("categoryCode", "median", "countedAt")
      SELECT "categoryCode", median, ${at}::timestamptz FROM medians
      ON CONFLICT ("categoryCode") DO UPDATE SET "median" = EXCLUDED."median", "countedAt" = EXCLUDED."countedAt"
      RETURNING "categoryCode"
    )
    DELETE FROM "RankingCategoryMedian" WHERE "categoryCode" NOT IN (SELECT "categoryCode" FROM kept) ${categoryCodes ? Prisma.sql`AND "categoryCode" = ANY(${[...categoryCodes]}::text[])` : Prisma.empty}`;

}

/** Recounts every producer's recent sales as of `at`. */
export async function refreshProducerSales(db: Executor, at: Date = new Date()): Promise<void> {
  await db.$executeRaw`
    WITH ${rankingContextSql({ asOf: at, place: null })},
    kept AS (
      INSERT INTO "RankingProducerSales" ("producerId", "sales", "countedAt")
      SELECT "producerId", sales::int, ${at}::timestamptz FROM ranking_sales
      ON CONFLICT ("producerId") DO UPDATE SET "sales" = EXCLUDED."sales", "countedAt" = EXCLUDED."countedAt"
      RETURNING "producerId"
    )
    DELETE FROM "RankingProducerSales" WHERE "producerId" NOT IN (SELECT "producerId" FROM kept)`;
}

/** Both aggregates, as the job keeps them. */
export async function refreshRankingAggregates(db: Executor, at: Date = new Date()): Promise<void> {
  await refreshCategoryMedians(db, null, at);
  await refreshProducerSales(db, at);
}
