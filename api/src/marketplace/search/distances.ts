// How far each offer of a page lies from the place of the search's distance filter. It is a step
// after the ranking rather than a column of it, so the ranking's statements (and the accelerators
// that must return the same rows) stay as they are; it reads the page's rows by primary key, and
// only for searches around a place. The distance is the one the filter keeps offers by:
// earth_distance on the stored "location".
import { Prisma } from '../../../../prisma/generated/client/client';
import type { ReadQuery } from '../../db/client';
import type { ResolvedPoint } from './filters';

/** Metres from the point to each offer, by offer id; offers without coordinates are left out. */
export async function distancesFrom(readQuery: ReadQuery, point: ResolvedPoint, offerIds: readonly string[]): Promise<Map<string, number>> {
  if (offerIds.length === 0) return new Map();
  const rows = await readQuery<{ id: string; distanceMeters: number }>(Prisma.sql`
    SELECT o."id", earth_distance(ll_to_earth(${point.latitude}::float8, ${point.longitude}::float8), o."location") AS "distanceMeters"
    FROM "Offer" o
    WHERE o."id" = ANY(${offerIds}::uuid[]) AND o."location" IS NOT NULL`);
  return new Map(rows.map((row) => [row.id, Number(row.distanceMeters)]));
}
