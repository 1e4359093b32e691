// The plain path of the newest-first order: one query. It is complete and correct on its own; its
// accelerator (the window of newest offers, the route memo) wraps it behind the same Ranking type
// and must return the same rows for the same arguments (see search-newest-window.test.ts).
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { offerFilterConditions, type ResolvedOfferFilters } from './filters';
import type { RankedRow, RecencyCursor } from './order';

/** The rows of one page, plus one more when there is a next page, newest first. */
export type Ranking = (filters: ResolvedOfferFilters, after: RecencyCursor | null, size: number) => Promise<RankedRow[]>;

export function cursorCondition(after: RecencyCursor | null): Prisma.Sql {
  return after ? Prisma.sql`AND (o."createdAt", o."id") < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : Prisma.empty;
}

/**
 * The statement of a page. Browsing walks the recency index. A search takes every match from the
 * text index and sorts them (MATERIALIZED keeps the planner from walking the recency index instead,
 * which for a rare term tests every offer): 90 ms for the commonest term at 100,000 offers, which
 * the window of newest offers (newest-window.ts) avoids.
 */
export function rankedStatement(filters: ResolvedOfferFilters, after: RecencyCursor | null, size: number): Prisma.Sql {
  const conditions = offerFilterConditions(filters);
  if (!filters.query) {
    return Prisma.sql`
      SELECT o."id", o."createdAt" FROM "Offer" o
      WHERE ${conditions} ${cursorCondition(after)}
      ORDER BY o."createdAt" DESC, o."id" DESC
      LIMIT ${size + 1}`;
  }
  return Prisma.sql`
    WITH matches AS MATERIALIZED (
      SELECT o."id", o."createdAt" FROM "Offer" o
      WHERE ${conditions} ${cursorCondition(after)}
    )
    SELECT "id", "createdAt" FROM matches
    ORDER BY "createdAt" DESC, "id" DESC
    LIMIT ${size + 1}`;
}

export function plainRanking(readQuery: ReadQuery): Ranking {
  return (filters, after, size) => readQuery<RankedRow>(rankedStatement(filters, after, size));
}
