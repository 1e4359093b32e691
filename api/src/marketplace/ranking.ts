// The one place that decides the order of the marketplace. For now the order is recency (newest
// first, id as tie-breaker); the vote-driven ranking engine will replace rankOffers' body and keep
// its signature. The cursor is opaque to clients.
import { Prisma } from '../../../prisma/generated/client/client';
import { readQueryOf, type PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { categoryCodesOf } from './categories';
import { createSearchRouteMemo } from './search-route-memo';
import { offerFilterConditions, type ResolvedOfferFilters } from './offer-filters';

export const pageSizeDefault = 20;
export const pageSizeMax = 50;

export interface PageRequest {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

export interface RankedOffer {
  id: string;
  cursor: string;
}

export interface RankedPage {
  offers: RankedOffer[];
  hasNextPage: boolean;
}

interface RecencyCursor {
  createdAt: string;
  id: string;
}

function encodeCursor(cursor: RecencyCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): RecencyCursor {
  const [createdAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new ValidationError([{ field: 'after', message: 'not a cursor of this list' }]);
  }
  return { createdAt, id };
}

/** Ids of one page of active offers matching the filters, in ranking order. */
export async function rankOffers(prisma: PrismaClient, filters: ResolvedOfferFilters, page: PageRequest): Promise<RankedPage> {
  const size = Math.min(Math.max(page.first ?? pageSizeDefault, 1), pageSizeMax);
  const after = page.after ? decodeCursor(page.after) : null;
  const rows = filters.query ? await searchPage(prisma, filters, after, size) : await browsePage(prisma, filters, after, size);
  return {
    offers: rows.slice(0, size).map((row) => ({
      id: row.id,
      cursor: encodeCursor({ createdAt: new Date(row.createdAt).toISOString(), id: row.id }),
    })),
    hasNextPage: rows.length > size,
  };
}

type Row = { id: string; createdAt: Date };

function cursorCondition(after: RecencyCursor | null): Prisma.Sql {
  return after ? Prisma.sql`AND (o."createdAt", o."id") < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : Prisma.empty;
}

async function browsePage(prisma: PrismaClient, filters: ResolvedOfferFilters, after: RecencyCursor | null, size: number): Promise<Row[]> {
  return readQueryOf(prisma)<Row>(Prisma.sql`
    SELECT o."id", o."createdAt" FROM "Offer" o
    WHERE ${offerFilterConditions(filters)} ${cursorCondition(after)}
    ORDER BY o."createdAt" DESC, o."id" DESC
    LIMIT ${size + 1}`);
}

/** How many of the newest active offers (of the category, with a one-category filter) a search tests first. */
export const searchWindowSize = 2000;

/** How long the start of a window is reused. New offers only make a kept window larger. */
const windowStartAgeMaxMs = 60_000;

/** Searches that recently needed the text index; a term's frequency changes slowly, hence minutes. */
const searchRoutes = createSearchRouteMemo({ entriesMax: 10_000, ageMaxMs: 10 * 60_000 });

interface WindowStart {
  /** The creation time of the window's oldest offer; null while there are no more offers than the window holds. */
  startsAt: Date | null;
  /** From the oldest to the newest offer's creation: a window below a cursor spans as long. */
  spanMs: number;
}

const windowStarts = new WeakMap<PrismaClient, Map<string, { value: Promise<WindowStart>; until: number }>>();

/**
 * Where the window of the newest offers (of one category) starts, read once a minute and shared by
 * all searches (the read itself walks the window). Any start gives the same search results (see
 * searchPage), so one that has become a little old only costs a little more work.
 */
function windowStartOf(prisma: PrismaClient, categoryCode: string | null): Promise<WindowStart> {
  let starts = windowStarts.get(prisma);
  if (!starts) {
    starts = new Map();
    windowStarts.set(prisma, starts);
  }
  const key = categoryCode ?? '';
  const kept = starts.get(key);
  const now = Date.now();
  if (kept && kept.until > now) return kept.value;
  const value = readQueryOf(prisma)<{ startsAt: Date | null; newestAt: Date | null; count: number }>(Prisma.sql`
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
}

/** The window below the cursor, or of the newest offers: its oldest creation time, or null for no bound. */
function windowBound(start: WindowStart, after: RecencyCursor | null): Date | null {
  if (!start.startsAt) return null;
  return after ? new Date(Date.parse(after.createdAt) - start.spanMs) : start.startsAt;
}

function isTermOnly(filters: ResolvedOfferFilters): boolean {
  return (
    !filters.category &&
    !filters.kind &&
    !filters.priceMin &&
    !filters.priceMax &&
    filters.ecologicalAttributes.length === 0 &&
    filters.deliveryOptions.length === 0 &&
    !filters.producerId &&
    !filters.point
  );
}

/**
 * Reading every match of a common term before sorting costs 90 ms at 100,000 offers; left to itself
 * the planner sometimes walks the recency index for a rare term and tests every offer (200 ms). So a
 * search first looks only at the window of the newest offers (those created since the window's
 * start): for a common term the planner walks the recency index and stops at the page's last match,
 * for a rare one it intersects the text index's matches with the window's part of the recency index
 * and reads only those rows. When the window does not fill the page, all matches are taken from the
 * text index and sorted. Both steps are one statement (one round trip): the second runs only when the
 * window came back short. The results are the same wherever the window starts: when it holds a full
 * page of matches, no match outside it (all older) can belong on the page. A search that needed the
 * text index recently goes there directly.
 */
async function searchPage(prisma: PrismaClient, filters: ResolvedOfferFilters, after: RecencyCursor | null, size: number): Promise<Row[]> {
  const afterCondition = cursorCondition(after);
  const routeKey = JSON.stringify(filters);
  // Filters only ever remove matches: when the term alone did not fill a page from the window, the
  // term with filters will not either, so a rare term goes to the text index with any filters.
  const termKey = JSON.stringify({ query: filters.query });
  const conditions = offerFilterConditions(filters);
  const allMatches = Prisma.sql`
    WITH matches AS MATERIALIZED (
      SELECT o."id", o."createdAt" FROM "Offer" o
      WHERE ${conditions} ${afterCondition}
    )
    SELECT "id", "createdAt" FROM matches
    ORDER BY "createdAt" DESC, "id" DESC
    LIMIT ${size + 1}`;
  if (searchRoutes.needsTextIndex(routeKey) || searchRoutes.needsTextIndex(termKey)) return readQueryOf(prisma)<Row>(allMatches);
  // With one category the window holds that category's newest offers; a window of all categories
  // would mostly hold offers the filter drops. (A group's several categories share the window of all.)
  const codes = filters.category ? categoryCodesOf(filters.category) : [];
  const bound = windowBound(await windowStartOf(prisma, codes.length === 1 ? codes[0]! : null), after);
  const rows = await readQueryOf(prisma)<Row & { fromTextIndex: boolean }>(Prisma.sql`
    WITH recent AS MATERIALIZED (
      SELECT o."id", o."createdAt" FROM "Offer" o
      WHERE ${conditions} ${afterCondition} ${bound ? Prisma.sql`AND o."createdAt" >= ${bound.toISOString()}::timestamptz` : Prisma.empty}
      ORDER BY o."createdAt" DESC, o."id" DESC
      LIMIT ${size + 1}
    )
    SELECT "id", "createdAt", "fromTextIndex" FROM (
      SELECT "id", "createdAt", false AS "fromTextIndex" FROM recent
      WHERE (SELECT count(*) FROM recent) > ${size}
      UNION ALL
      SELECT "id", "createdAt", true AS "fromTextIndex" FROM (${allMatches}) found
      WHERE (SELECT count(*) FROM recent) <= ${size}
    ) page
    ORDER BY "createdAt" DESC, "id" DESC`);
  const neededTextIndex = rows.length === 0 || rows[0]!.fromTextIndex;
  searchRoutes.remember(routeKey, neededTextIndex);
  if (isTermOnly(filters)) searchRoutes.remember(termKey, neededTextIndex);
  return rows.map(({ id, createdAt }) => ({ id, createdAt }));
}
