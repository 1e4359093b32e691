// An accelerator of the plain ranking (ranked-query.ts) for searches with a term. Reading every
// match of a common term before sorting costs 90 ms at 100,000 offers; left to itself the planner
// sometimes walks the recency index for a rare term and tests every offer (200 ms). So a search first
// looks only at the window of the newest offers (those created since the window's start): for a
// common term the planner walks the recency index and stops at the page's last match, for a rare one
// it intersects the text index's matches with the window's part of the recency index and reads only
// those rows. When the window does not fill the page, the plain statement runs in the same round
// trip. The results are the same wherever the window starts: when it holds a full page of matches,
// no match outside it (all older) can belong on the page. A search that needed the text index
// recently goes to the plain ranking directly (route-memo.ts).
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { categoryCodesOf } from '../categories';
import { isTermOnly, offerFilterConditions } from './filters';
import type { RankedRow, RecencyCursor } from './order';
import { cursorCondition, rankedStatement, type Ranking } from './ranked-query';
import { createSearchRouteMemo } from './route-memo';

/** How many of the newest active offers (of the category, with a one-category filter) a search tests first. */
export const searchWindowSize = 2000;

/** How long the start of a window is reused. New offers only make a kept window larger. */
const windowStartAgeMaxMs = 60_000;

interface WindowStart {
  /** The creation time of the window's oldest offer; null while there are no more offers than the window holds. */
  startsAt: Date | null;
  /** From the oldest to the newest offer's creation: a window below a cursor spans as long. */
  spanMs: number;
}

/**
 * Where the window of the newest offers (of one category) starts, read once a minute and shared by
 * all searches (the read itself walks the window). Any start gives the same search results, so one
 * that has become a little old only costs a little more work.
 */
function windowStarts(readQuery: ReadQuery): (categoryCode: string | null) => Promise<WindowStart> {
  const starts = new Map<string, { value: Promise<WindowStart>; until: number }>();
  return (categoryCode) => {
    const key = categoryCode ?? '';
    const kept = starts.get(key);
    const now = Date.now();
    if (kept && kept.until > now) return kept.value;
    const value = readQuery<{ startsAt: Date | null; newestAt: Date | null; count: number }>(Prisma.sql`
      SELECT min(w."createdAt") AS "startsAt", max(w."createdAt") AS "newestAt", count(*)::int AS "count" FROM (
        SELECT o."createdAt" FROM "Offer" o
        WHERE o."status" = 'active' ${categoryCode ? Prisma.sql`AND o."categoryCode" = ${categoryCode}` : Prisma.empty}
        ORDER BY o."createdAt" DESC, o."id" DESC
        LIMIT ${searchWindowSize}
      ) w`).then(([row]) => {
      if (!row || row.count < searchWindowSize || !row.startsAt || !row.newestAt) return { startsAt: null, spanMs: 0 };
      const startsAt = new Date(row.startsAt);
      return { startsAt, spanMs: new Date(row.newestAt).getTime() - startsAt.getTime() };
    });
    starts.set(key, { value, until: now + windowStartAgeMaxMs });
    // A failed read is not kept: the next search asks again.
    value.catch(() => {
      if (starts.get(key)?.value === value) starts.delete(key);
    });
    return value;
  };
}

/** The window below the cursor, or of the newest offers: its oldest creation time, or null for no bound. */
function windowBound(start: WindowStart, after: RecencyCursor | null): Date | null {
  if (!start.startsAt) return null;
  return after ? new Date(Date.parse(after.createdAt) - start.spanMs) : start.startsAt;
}

/** Wraps the plain ranking: browsing goes to it unchanged, searches look at the window first. */
export function withNewestWindow(plain: Ranking, readQuery: ReadQuery): Ranking {
  const startOf = windowStarts(readQuery);
  // Searches that recently needed the text index; a term's frequency changes slowly, hence minutes.
  const routes = createSearchRouteMemo({ entriesMax: 10_000, ageMaxMs: 10 * 60_000 });
  return async (filters, after, size) => {
    if (!filters.query) return plain(filters, after, size);
    const routeKey = JSON.stringify(filters);
    // Filters only ever remove matches: when the term alone did not fill a page from the window, the
    // term with filters will not either, so a rare term goes to the text index with any filters.
    const termKey = JSON.stringify({ query: filters.query });
    if (routes.needsTextIndex(routeKey) || routes.needsTextIndex(termKey)) return plain(filters, after, size);
    // With one category the window holds that category's newest offers; a window of all categories
    // would mostly hold offers the filter drops. (A group's several categories share the window of all.)
    const codes = filters.category ? categoryCodesOf(filters.category) : [];
    const bound = windowBound(await startOf(codes.length === 1 ? codes[0]! : null), after);
    const rows = await readQuery<RankedRow & { fromTextIndex: boolean }>(Prisma.sql`
      WITH recent AS MATERIALIZED (
        SELECT o."id", o."createdAt" FROM "Offer" o
        WHERE ${offerFilterConditions(filters)} ${cursorCondition(after)} ${bound ? Prisma.sql`AND o."createdAt" >= ${bound.toISOString()}::timestamptz` : Prisma.empty}
        ORDER BY o."createdAt" DESC, o."id" DESC
        LIMIT ${size + 1}
      )
      SELECT "id", "createdAt", "fromTextIndex" FROM (
        SELECT "id", "createdAt", false AS "fromTextIndex" FROM recent
        WHERE (SELECT count(*) FROM recent) > ${size}
        UNION ALL
        SELECT "id", "createdAt", true AS "fromTextIndex" FROM (${rankedStatement(filters, after, size)}) found
        WHERE (SELECT count(*) FROM recent) <= ${size}
      ) page
      ORDER BY "createdAt" DESC, "id" DESC`);
    const neededTextIndex = rows.length === 0 || rows[0]!.fromTextIndex;
    routes.remember(routeKey, neededTextIndex);
    if (isTermOnly(filters)) routes.remember(termKey, neededTextIndex);
    return rows.map(({ id, createdAt }) => ({ id, createdAt }));
  };
}
