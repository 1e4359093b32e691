// A short-lived cache of marketplace listings. Most visitors open the same first pages of the feed
// and the same popular searches; answering those from memory skips parsing, validation and the
// database. Only public listings (see public-listing.ts: queries of `offers` alone that select no
// field depending on the viewer) are kept, for a few seconds, and shared by every visitor. A change
// to an offer through this process drops every cached listing at once; other API processes see it
// when their entries expire.
//
// The offers public listings show are kept the same way, by id and by the database selection of the
// GraphQL document. A public listing that is not cached still ranks its page in the database, but
// loads only the offers no recent public listing loaded: a search usually shows offers that other
// searches showed seconds before.
//
// This is a small plugin of its own rather than the response cache plugin: that one adds `__typename`
// and id fields to every document and walks and copies every result to track entities, work a
// listing never needs (whole listings are dropped on changes), and it cost more CPU per search than
// the rest of the cache.
import { createHash } from 'node:crypto';
import type { DocumentNode, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Listings kept at most, so popular and rare searches cannot grow the process without bound. */
export const offerListCacheEntriesMax = 5_000;

/**
 * Every mutation of the schema is in exactly one of these two sets (a test checks it), so a new
 * mutation cannot be forgotten: its author decides whether it changes what a listing shows. A listing
 * reaches offers, their images, ratings and reviews, and their producer with the producer's profile.
 */
export const offerChangingMutations: ReadonlySet<string> = new Set([
  'createOffer',
  'updateOffer',
  'setOfferStatus',
  'addOfferImage',
  'removeOfferImage',
  'reorderOfferImages',
  'reviewOrder',
  'answerReview',
  'updateProducerProfile',
  'setProducerLogo',
  'removeProducerLogo',
  'decideAttributeChallenge',
  // Leaving archives the member's offers.
  'leaveCooperative',
]);

/**
 * Mutations that leave listings as they are. Checkout and the order moves change only stock, which
 * checkout itself checks, so a listing's stock may lag by up to the TTL.
 */
export const listingNeutralMutations: ReadonlySet<string> = new Set([
  'register',
  'login',
  'logout',
  'logoutEverywhere',
  'changePassword',
  'requestPasswordReset',
  'resetPassword',
  'updateNotificationSettings',
  'markNotificationsRead',
  'addToCart',
  'setCartQuantity',
  'removeFromCart',
  'checkout',
  'acceptOrder',
  'rejectOrder',
  'fulfilOrder',
  'cancelOrder',
  'disputeOrder',
  'confirmOrder',
  'resolveDispute',
  'sendOrderMessage',
  'markOrderMessagesRead',
  'sendDirectMessage',
  'markConversationRead',
  'sendCredits',
  'postNeed',
  'answerNeed',
  'closeNeed',
  'challengeAttribute',
  'answerAttributeChallenge',
  'requestMyDataExport',
  'startLedgerExport',
  'startLedgerVerification',
  'closeLedgerPeriod',
  'startSurplusRun',
  'withdrawNeedAnswer',
  'admitMember',
  'declineMember',
  'createProposal',
  'updateProposal',
  'startDiscussion',
  'openVoting',
  'withdrawProposal',
  'castVote',
  'commentOnProposal',
  'requestDataUse',
  'verifyDataUseRequest',
  'setDataUseOptOut',
]);

/** Offer rows kept at most per selection, and selections (GraphQL documents' shapes) at most. */
const offerRowsKeptMax = 20_000;
const offerRowSelectionsMax = 50;

/**
 * The rows of the offers with these ids, in no particular order: kept ones, and for the others what
 * `load` returns. `selection` is the Prisma selection the rows
 * were loaded with; rows of one selection are never given for another.
 */
export type ListedOfferRows = <Row extends { id: string }>(selection: object, ids: readonly string[], load: (ids: string[]) => Promise<Row[]>) => Promise<Row[]>;

/** Rows for what is not a public listing: always loaded. */
export const unsharedOfferRows: ListedOfferRows = (_selection, ids, load) => load([...ids]);

export interface OfferListCache {
  /** The Yoga plugins that serve and keep the listings that `isPublicListing` accepts. */
  plugins(isPublicListing: (document: DocumentNode) => boolean): Plugin[];
  rows: ListedOfferRows;
  /** Drops every cached listing and offer row. */
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
 * The key of a listing: generation, ranking policy version, operation name, variables and document. It is only ever compared
 * in memory; the ETag of a kept listing is its SHA-256, computed once when the listing is kept.
 */
type ListingParts = { query?: string; operationName?: string; variables?: unknown };

function listingKey(parts: ListingParts, generation: number, extra: string): string {
  return `${generation}|${extra}|${parts.operationName ?? ''}|${stableJson(parts.variables ?? {})}|${parts.query ?? ''}`;
}

/** What Yoga accepts as a result: one that may bring its own serialisation. */
type ExecutionResultWithSerializer = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/**
 * The result with its JSON kept after the first serialisation (Yoga serialises through `stringify`
 * when a result has one), so a listing served from the cache is not serialised again. A listing has
 * no errors and no HTTP extensions, so what Yoga passes to `stringify` is the result itself.
 */
function withJsonKept(result: ExecutionResult): ExecutionResultWithSerializer {
  let json: string | undefined;
  return { ...result, stringify: (value) => (json ??= JSON.stringify(value)) };
}

interface Entry {
  result: ExecutionResultWithSerializer;
  etag: string;
  expiresAtMs: number;
}

/**
 * `ttlMs` is how long a listing may be served after it was computed; 0 keeps nothing. `keyPart`
 * adds what else a listing's order depends on to its key (the version of the ranking policy in force
 * as the search last read it), so a listing ranked under an older policy is not served once the
 * search has seen a newer one.
 */
export function createOfferListCache(ttlMs: number, keyPart: () => string = () => ''): OfferListCache {
  if (ttlMs <= 0) return { plugins: () => [], rows: unsharedOfferRows, clear: () => undefined };
  // Oldest first (Map keeps insertion order), so the first entry is the one to drop when full.
  const entries = new Map<string, Entry>();
  // Rows by selection (its JSON), then by offer id.
  const rowsBySelection = new Map<string, Map<string, { row: { id: string }; expiresAtMs: number }>>();
  // Every key carries the generation; clearing starts a new one, so a listing computed before a
  // change but finished after it is stored under a key no request asks for any more (and rows
  // loaded before it are not kept).
  let generation = 0;
  const clear = () => {
    generation += 1;
    entries.clear();
    rowsBySelection.clear();
  };

  const rows: ListedOfferRows = async <Row extends { id: string }>(selection: object, ids: readonly string[], load: (ids: string[]) => Promise<Row[]>) => {
    const loadedIn = generation;
    const selectionKey = JSON.stringify(selection);
    const now = Date.now();
    const kept = rowsBySelection.get(selectionKey);
    const found: Row[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const entry = kept?.get(id);
      if (entry && entry.expiresAtMs > now) found.push(entry.row as Row);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const loaded = await load(missing);
    if (loadedIn === generation) {
      let keep = rowsBySelection.get(selectionKey);
      if (!keep) {
        while (rowsBySelection.size >= offerRowSelectionsMax) rowsBySelection.delete(rowsBySelection.keys().next().value!);
        rowsBySelection.set(selectionKey, (keep = new Map()));
      }
      for (const row of loaded) {
        keep.delete(row.id);
        while (keep.size >= offerRowsKeptMax) keep.delete(keep.keys().next().value!);
        keep.set(row.id, { row, expiresAtMs: now + ttlMs });
      }
    }
    return [...found, ...loaded];
  };

  // The key of each request, and the ETag of each response that is a shared listing (so clients and
  // tests can tell).
  const keys = new WeakMap<Request, { parts: ListingParts; generation: number }>();
  const etags = new WeakMap<Request, string>();

  const cachePlugin = (isPublicListing: (document: DocumentNode) => boolean): Plugin => ({
    onParams({ params, request, setResult }) {
      const key = listingKey(params, generation, keyPart());
      keys.set(request, { parts: params, generation });
      const entry = entries.get(key);
      if (!entry) return;
      if (entry.expiresAtMs <= Date.now()) {
        entries.delete(key);
        return;
      }
      etags.set(request, entry.etag);
      setResult(entry.result);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const stamp = request ? keys.get(request) : undefined;
      const cacheable = stamp !== undefined && isPublicListing(args.document);
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in result) || !result.data) return;
          if (Object.keys(result.data).some((field) => offerChangingMutations.has(field))) {
            clear();
            return;
          }
          if (!cacheable || !request || result.errors?.length || result.extensions) return;
          // Keyed with the ranking version as it is now: the listing was just ranked under it (the
          // search reads the version before ranking), and the next request for it asks by that key.
          const key = listingKey(stamp.parts, stamp.generation, keyPart());
          const etag = createHash('sha256').update(key).digest('hex');
          etags.set(request, etag);
          // A key made before a clear belongs to an older generation: keeping it would only waste room.
          if (stamp.generation !== generation) return;
          const shared = withJsonKept(result);
          setResult(shared);
          while (entries.size >= offerListCacheEntriesMax) entries.delete(entries.keys().next().value!);
          entries.set(key, { result: shared, etag, expiresAtMs: Date.now() + ttlMs });
        },
      };
    },
    onResponse({ request, response }) {
      const etag = etags.get(request);
      if (etag) response.headers.set('etag', etag);
    },
  });
  return { plugins: (isPublicListing) => [cachePlugin(isPublicListing)], rows, clear };
}
