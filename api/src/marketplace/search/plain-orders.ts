// The orders not based on any voted weighting besides newest first (ranked-query.ts): price
// ascending, and nearest first for a search around a place. Each is one statement with the id as
// tie-breaker and a keyset cursor.
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import { offerFilterConditions, type ResolvedOfferFilters, type ResolvedPoint } from './filters';
import type { DistanceCursor, PriceCursor, RankedRow } from './order';

export function priceStatement(filters: ResolvedOfferFilters, after: PriceCursor | null, size: number): Prisma.Sql {
  return Prisma.sql`
    SELECT o."id", o."price"::text AS "price" FROM "Offer" o
    WHERE ${offerFilterConditions(filters)}
      ${after ? Prisma.sql`AND (o."price", o."id") > (${after.price}::numeric, ${after.id}::uuid)` : Prisma.empty}
    ORDER BY o."price" ASC, o."id" ASC
    LIMIT ${size + 1}`;
}

/** Offers without coordinates never match a distance filter, so every row has a distance. */
export function nearestStatement(filters: ResolvedOfferFilters, point: ResolvedPoint, after: DistanceCursor | null, size: number): Prisma.Sql {
  return Prisma.sql`
    WITH near AS (
      SELECT o."id", earth_distance(ll_to_earth(${point.latitude}::float8, ${point.longitude}::float8), o."location") AS "distanceMeters"
      FROM "Offer" o
      WHERE ${offerFilterConditions(filters)}
    )
    SELECT "id", "distanceMeters" FROM near
    ${after ? Prisma.sql`WHERE ("distanceMeters", "id") > (${after.distanceMeters}::float8, ${after.id}::uuid)` : Prisma.empty}
    ORDER BY "distanceMeters" ASC, "id" ASC
    LIMIT ${size + 1}`;
}

export async function priceAscending(readQuery: ReadQuery, filters: ResolvedOfferFilters, after: PriceCursor | null, size: number): Promise<RankedRow[]> {
  return readQuery<RankedRow>(priceStatement(filters, after, size));
}

export async function nearestFirst(readQuery: ReadQuery, filters: ResolvedOfferFilters, point: ResolvedPoint, after: DistanceCursor | null, size: number): Promise<RankedRow[]> {
  const rows = await readQuery<{ id: string; distanceMeters: number }>(nearestStatement(filters, point, after, size));
  return rows.map((row) => ({ id: row.id, distanceMeters: Number(row.distanceMeters) }));
}
