// The marketplace search: everything that answers "which offers, in which order". One entry point,
// searchOffers; the plain path is one ranked query (ranked-query.ts), and each accelerator wraps it
// behind the same type and is tested against it: the window of newest offers with its route memo
// (newest-window.ts), the postcode cache (postcodes.ts), and, around whole GraphQL listings, the
// listing cache with its shared offer rows (listing-cache.ts, for public listings: public-listing.ts).
import type { PrismaClient, ReadQuery } from '../../db/client';
import { resolveOfferFilters, type OfferFilters } from './filters';
import { createOfferListCache, type OfferListCache } from './listing-cache';
import { decodeCursor, pageOf, pageSizeOf, type OfferOrder, type PageRequest, type RankedPage } from './order';
import { cachedPostcodes, postcodeLookup } from './postcodes';
import { plainRanking, type Ranking } from './ranked-query';
import { withNewestWindow } from './newest-window';
import { distancesFrom } from './distances';

export { offerFiltersSchema, radiusKmMax, type OfferFilters, type ResolvedOfferFilters } from './filters';
export { offerOrders, type OfferOrder, type PageRequest, type RankedOffer, type RankedPage } from './order';
export { type ListedOfferRows, type OfferListCache, unsharedOfferRows } from './listing-cache';
export { createPublicListingCheck } from './public-listing';

export interface OfferSearch {
  /**
   * One page of the active offers that match the filters, in the order asked for, each with its
   * distance when the filters name a place. Throws
   * ValidationError for invalid filters or cursor and NotFoundError for an unknown postcode.
   */
  searchOffers(filters: OfferFilters, page: PageRequest, order?: OfferOrder): Promise<RankedPage>;
  /** Listings kept for a few seconds and shared by all visitors, with the offer rows they show. */
  listingCache: OfferListCache;
}

export interface OfferSearchOptions {
  prisma: PrismaClient;
  readQuery: ReadQuery;
  /** How long listings and their offer rows are kept; 0 keeps none. */
  listingCacheSeconds: number;
  /** False runs the plain ranking without accelerators (for tests that compare the two). */
  accelerated?: boolean;
}

/** Built once per process (see createServices), so its caches and memos are shared by all requests. */
export function createOfferSearch(options: OfferSearchOptions): OfferSearch {
  const accelerated = options.accelerated ?? true;
  const plain = plainRanking(options.readQuery);
  const rankings: Record<OfferOrder, Ranking> = { newest: accelerated ? withNewestWindow(plain, options.readQuery) : plain };
  const findPostcode = accelerated ? cachedPostcodes(postcodeLookup(options.prisma)) : postcodeLookup(options.prisma);
  return {
    async searchOffers(input, page, order = 'newest') {
      const filters = await resolveOfferFilters(input, findPostcode);
      const size = pageSizeOf(page);
      const after = page.after ? decodeCursor(page.after) : null;
      const ranked = pageOf(await rankings[order](filters, after, size), size);
      if (!filters.point) return ranked;
      const distances = await distancesFrom(options.readQuery, filters.point, ranked.offers.map((offer) => offer.id));
      return { ...ranked, offers: ranked.offers.map((offer) => ({ ...offer, distanceMeters: distances.get(offer.id) ?? null })) };
    },
    listingCache: createOfferListCache(accelerated ? options.listingCacheSeconds * 1000 : 0),
  };
}
