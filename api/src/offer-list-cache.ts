// A short-lived cache of marketplace listings (`offers` queries). Most visitors open the same first
// pages of the feed and the same popular searches; answering those from memory skips parsing, the
// session lookup and the database. Only responses whose one root field is `offers` are kept, per
// session (anonymous visitors share one), for a few seconds; a change to an offer through this
// process drops every cached listing at once, and other API processes see it when their entries
// expire.
import { createHash } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Plugin } from 'graphql-yoga';
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { sessionCookieName } from './members/sessions';

/** Listings kept at most, so popular and rare searches cannot grow the process without bound. */
export const offerListCacheEntriesMax = 5_000;

/**
 * Mutations that change what a listing shows. Checkout is not among them: it changes only stock,
 * which checkout itself checks, so a listing's stock may lag by up to the TTL.
 */
const offerChangingMutations = new Set(['createOffer', 'updateOffer', 'setOfferStatus', 'addOfferImage', 'removeOfferImage', 'reorderOfferImages', 'reviewOrder']);

export interface OfferListCache {
  plugins: Plugin[];
  /** Drops every cached listing. */
  clear(): void;
}

/** `ttlMs` is how long a listing may be served after it was computed; 0 keeps nothing. */
export function createOfferListCache(ttlMs: number): OfferListCache {
  if (ttlMs <= 0) return { plugins: [], clear: () => undefined };
  const cache: Cache = createInMemoryCache({ max: offerListCacheEntriesMax });
  // Every key carries the generation; clearing starts a new one, so older entries (empty result
  // lists too, which name no offer to invalidate them by) are never served again and age out.
  let generation = 0;
  const clear = () => {
    generation += 1;
  };
  const responseCache = useResponseCache({
    // Per session, since some fields (a member's e-mail) depend on who asks. The session is read
    // from the cookie before the request reaches the database; an unknown token only gets a key of
    // its own, and what it can be served is what that token was answered before.
    session: (request) => {
      const token = parseCookies(request.headers.get('cookie') ?? '')[sessionCookieName];
      return `${generation}:${token ? createHash('sha256').update(token).digest('base64url') : 'anonymous'}`;
    },
    cache,
    ttl: 0,
    ttlPerSchemaCoordinate: { 'Query.offers': ttlMs },
    // A document that also selects something else (under an alias, too) is never cached.
    shouldCacheResult: ({ result }) => !result.errors?.length && Object.keys(result.data ?? {}).join() === 'offers',
    invalidateViaMutation: true,
  });
  const invalidateOnOfferChanges: Plugin = {
    onExecute() {
      return {
        onExecuteDone({ result }) {
          if (!('data' in result) || !result.data) return;
          if (Object.keys(result.data).some((field) => offerChangingMutations.has(field))) clear();
        },
      };
    },
  };
  return { plugins: [responseCache, invalidateOnOfferChanges], clear };
}
