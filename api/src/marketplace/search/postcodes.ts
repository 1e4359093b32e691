// Coordinates of postcodes for distance filters. The plain lookup reads the Postcode table; the
// cache wraps it: the table is reference data that migrations write and the application only reads,
// so a postcode once found is kept and a distance search then needs no round trip for it. Unknown
// postcodes are not kept (they are an error, and any string is one).
import type { PrismaClient } from '../../db/client';

export interface Coordinates {
  latitude: number;
  longitude: number;
}

export type FindPostcode = (code: string) => Promise<Coordinates | null>;

/** Postcodes kept in memory; the table holds a few thousand at most. */
export const postcodesCachedMax = 20_000;

export function postcodeLookup(prisma: PrismaClient): FindPostcode {
  return (code) => prisma.postcode.findUnique({ where: { code }, select: { latitude: true, longitude: true } });
}

export function cachedPostcodes(find: FindPostcode, entriesMax = postcodesCachedMax): FindPostcode {
  const cache = new Map<string, Coordinates>();
  return async (code) => {
    const cached = cache.get(code);
    if (cached) return cached;
    const postcode = await find(code);
    if (postcode && cache.size < entriesMax) cache.set(code, postcode);
    return postcode;
  };
}
