// The one place that decides the order of the marketplace. For now the order is recency (newest
// first, id as tie-breaker); the vote-driven ranking engine will replace rankOffers' body and keep
// its signature. The cursor is opaque to clients.
import { Prisma } from '../../../prisma/generated/client/client';
import { readQueryOf, type PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { categoryCodesOf } from './categories';
import { createSearchRouteMemo } from './search-route-memo';
import { categoryCondition, offerFilterConditions, type ResolvedOfferFilters } from './offer-filters';

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
  const afterCondition = after
    ? Prisma.sql`AND (o."createdAt", o."id") < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  const rows = filters.query ? await searchPage(prisma, filters, afterCondition, size) : await browsePage(prisma, filters, afterCondition, size);
  return {
    offers: rows.slice(0, size).map((row) => ({
      id: row.id,
      cursor: encodeCursor({ createdAt: new Date(row.createdAt).toISOString(), id: row.id }),
    })),
    hasNextPage: rows.length > size,
  };
}

type Row = { id: string; createdAt: Date };

async function browsePage(prisma: PrismaClient, filters: ResolvedOfferFilters, afterCondition: Prisma.Sql, size: number): Promise<Row[]> {
  return readQueryOf(prisma)<Row>(Prisma.sql`
    SELECT o."id", o."createdAt" FROM "Offer" o
    WHERE ${offerFilterConditions(filters)} ${afterCondition}
    ORDER BY o."createdAt" DESC, o."id" DESC
    LIMIT ${size + 1}`);
}

/** How many of the newest offers a search tests before it asks the text index instead. */
export const searchWindowSize = 2000;

/** Searches that recently needed the text index; a term's frequency changes slowly, hence minutes. */
const searchRoutes = createSearchRouteMemo({ entriesMax: 10_000, ageMaxMs: 10 * 60_000 });

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
 * A common term is found among the newest offers quickly; a rare term is found through the GIN
 * index. Left to itself the planner sometimes walks the recency index for a rare term and tests
 * every offer (200 ms at 100,000 offers), or reads every match of a common term before sorting
 * (90 ms). So: first test a bounded window of the newest offers; when that does not fill the page,
 * take all matches from the text index and sort them. Both steps are one statement (one round trip):
 * the text index part runs only when the window came back short. A search that needed the text
 * index recently goes there directly (the window of a rare term costs more than the index lookup).
 */
async function searchPage(prisma: PrismaClient, filters: ResolvedOfferFilters, afterCondition: Prisma.Sql, size: number): Promise<Row[]> {
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
  // With one category the window holds that category's newest offers, which its index gives in
  // order; a window of all categories would mostly hold offers the filter drops. (A group's several
  // categories have no common order in the index, so its window stays the newest of all.)
  const category = filters.category && categoryCodesOf(filters.category).length === 1 ? categoryCondition(filters) : null;
  const rows = await readQueryOf(prisma)<Row & { fromTextIndex: boolean }>(Prisma.sql`
    WITH recent AS MATERIALIZED (
      SELECT o."id", o."createdAt" FROM (
        SELECT * FROM "Offer" o WHERE o."status" = 'active' ${category ? Prisma.sql`AND ${category}` : Prisma.empty} ${afterCondition}
        ORDER BY o."createdAt" DESC, o."id" DESC
        LIMIT ${searchWindowSize}
      ) o
      WHERE ${conditions}
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
