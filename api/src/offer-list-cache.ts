// A short-lived cache of marketplace listings (`offers` queries). Most visitors open the same first
// pages of the feed and the same popular searches; answering those from memory skips parsing, the
// session lookup and the database. Only responses whose one root field is `offers` are kept, for a
// few seconds, and shared by every visitor: a listing is public. Fields whose value depends on who
// asks are marked private, and a response containing one is never kept. A change to an offer through
// this process drops every cached listing at once; other API processes see it when their entries
// expire.
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';

/** Listings kept at most, so popular and rare searches cannot grow the process without bound. */
export const offerListCacheEntriesMax = 5_000;

/**
 * Mutations that change what a listing shows. Checkout is not among them: it changes only stock,
 * which checkout itself checks, so a listing's stock may lag by up to the TTL.
 */
const offerChangingMutations = new Set(['createOffer', 'updateOffer', 'setOfferStatus', 'addOfferImage', 'removeOfferImage', 'reorderOfferImages', 'reviewOrder']);

/** Fields that answer differently depending on the viewer. Keep this list complete. */
export const viewerDependentFields = ['Member.email', 'Member.emailNotifications'] as const;

export interface OfferListCache {
  plugins: Plugin[];
  /** Drops every cached listing. */
  clear(): void;
}

/** JSON with object keys sorted, so that the same variables in another order give the same key. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The key of a listing: SHA-256 of document, operation name, variables and generation, as the
 * plugin's default builds it, but hashed synchronously with node:crypto (the default goes through
 * WebCrypto, a promise and a DOMException check per request: 5 % of the server's CPU in a search).
 */
function listingKey(parts: { documentString: string; operationName?: string | null; variableValues?: unknown }, generation: number): string {
  return createHash('sha256')
    .update([parts.documentString, parts.operationName ?? '', stableJson(parts.variableValues ?? {}), String(generation)].join('|'))
    .digest('hex');
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
    // No session: listings are shared, and a response with a private field is not kept at all.
    session: () => null,
    scopePerSchemaCoordinate: Object.fromEntries(viewerDependentFields.map((coordinate) => [coordinate, 'PRIVATE' as const])),
    buildResponseCacheKey: (params) => listingKey(params, generation),
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
