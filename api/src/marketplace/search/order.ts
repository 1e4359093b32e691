// The orders of a listing and their pages. The default is the ranking chosen by member vote
// (`ranked`); the others are not based on any voted weighting: newest first, price ascending, and
// nearest first (only for a search around a place). Each order breaks ties by id, so every page
// continues exactly where the last one stopped. The cursor is opaque to clients; it names its order,
// and a cursor of the ranked order carries the policy version and the moment of the first page
// (`asOf`, so recency is computed against one instant while a visitor pages) with the score.
import { ValidationError } from '../../errors';
import { pageSizeDefault, pageSizeMax } from '../../shared/input';

/** Orders a listing can have; the first is the default. */
export const offerOrders = ['ranked', 'newest', 'priceAscending', 'nearest'] as const;
export type OfferOrder = (typeof offerOrders)[number];

export interface PageRequest {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

export interface RankedOffer {
  id: string;
  cursor: string;
  /** Metres from the place of the search's distance filter; null without one. */
  distanceMeters: number | null;
}

/** What a ranked page was ranked under, so each offer's place can be explained. */
export interface RankingContext {
  policyVersion: number;
  asOf: Date;
  place: { latitude: number; longitude: number } | null;
  /** The search's text, for text relevance; null when browsing. */
  query: string | null;
}

export interface RankedPage {
  offers: RankedOffer[];
  hasNextPage: boolean;
  /** Set for the ranked order only. */
  ranking: RankingContext | null;
}

/** Where a page of the newest-first order continues: below this offer. */
export interface RecencyCursor {
  createdAt: string;
  id: string;
}

/** Where a page of the ranked order continues: below this score, under this policy version and asOf. */
export interface ScoreCursor {
  policyVersion: number;
  asOf: string;
  score: number;
  id: string;
}

/** Where a page of price ascending continues: above this price (decimal text). */
export interface PriceCursor {
  price: string;
  id: string;
}

/** Where a page of nearest first continues: beyond this distance in metres. */
export interface DistanceCursor {
  distanceMeters: number;
  id: string;
}

export type OrderCursor =
  | ({ order: 'newest' } & RecencyCursor)
  | ({ order: 'ranked' } & ScoreCursor)
  | ({ order: 'priceAscending' } & PriceCursor)
  | ({ order: 'nearest' } & DistanceCursor);

/** One offer of a page as the database returns it, with the key it was ordered by. */
export type RankedRow = { id: string; createdAt?: Date; score?: number; price?: string; distanceMeters?: number };

const tags: Record<OfferOrder, string> = { newest: 'n', ranked: 'r', priceAscending: 'p', nearest: 'd' };

export function encodeCursor(cursor: OrderCursor): string {
  const parts =
    cursor.order === 'newest'
      ? [cursor.createdAt, cursor.id]
      : cursor.order === 'ranked'
        ? [String(cursor.policyVersion), cursor.asOf, String(cursor.score), cursor.id]
        : cursor.order === 'priceAscending'
          ? [cursor.price, cursor.id]
          : [String(cursor.distanceMeters), cursor.id];
  return Buffer.from([tags[cursor.order], ...parts].join('|'), 'utf8').toString('base64url');
}

function invalidCursor(reason: string): ValidationError {
  return new ValidationError([{ field: 'after', code: 'invalid', params: { reason }, message: 'not a cursor of this list' }]);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const finite = (text: string) => /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text) && Number.isFinite(Number(text));

/**
 * The cursor of a page of `order`. A cursor of another order, or one that is not a cursor at all, is
 * a ValidationError on `after` (reason `malformed`); the caller checks what a valid cursor carries.
 */
export function decodeCursor<Order extends OfferOrder>(cursor: string, order: Order): Extract<OrderCursor, { order: Order }> {
  return decodeAnyCursor(cursor, order) as Extract<OrderCursor, { order: Order }>;
}

function decodeAnyCursor(cursor: string, order: OfferOrder): OrderCursor {
  if (cursor.length > 200) throw invalidCursor('malformed');
  const [tag, ...parts] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const id = parts.at(-1) ?? '';
  if (tag !== tags[order] || !uuidPattern.test(id)) throw invalidCursor('malformed');
  if (order === 'newest' && parts.length === 2 && !Number.isNaN(Date.parse(parts[0]!))) return { order, createdAt: parts[0]!, id };
  if (order === 'ranked' && parts.length === 4) {
    const [version = '', asOf = '', score = ''] = parts;
    if (/^\d{1,9}$/.test(version) && !Number.isNaN(Date.parse(asOf)) && finite(score)) return { order, policyVersion: Number(version), asOf, score: Number(score), id };
  }
  if (order === 'priceAscending' && parts.length === 2 && /^\d{1,18}(\.\d{1,2})?$/.test(parts[0]!)) return { order, price: parts[0]!, id };
  if (order === 'nearest' && parts.length === 2 && finite(parts[0]!) && Number(parts[0]) >= 0) return { order, distanceMeters: Number(parts[0]), id };
  throw invalidCursor('malformed');
}

/** The page size a request asks for: at least 1; more than pageSizeMax is refused. */
export function pageSizeOf(page: PageRequest): number {
  if (page.first != null && page.first > pageSizeMax) throw new ValidationError([{ field: 'first', code: 'too_large', params: { max: pageSizeMax }, message: `at most ${pageSizeMax}` }]);
  return Math.max(page.first ?? pageSizeDefault, 1);
}

/** The cursor of a row of a page in `order` (the ranked order needs its page's context). */
export function cursorOf(row: RankedRow, order: OfferOrder, ranking: RankingContext | null): string {
  switch (order) {
    case 'newest':
      return encodeCursor({ order, createdAt: new Date(row.createdAt!).toISOString(), id: row.id });
    case 'ranked':
      return encodeCursor({ order, policyVersion: ranking!.policyVersion, asOf: ranking!.asOf.toISOString(), score: Number(row.score), id: row.id });
    case 'priceAscending':
      return encodeCursor({ order, price: String(row.price), id: row.id });
    case 'nearest':
      return encodeCursor({ order, distanceMeters: Number(row.distanceMeters), id: row.id });
  }
}

/** A page from the rows of a ranking, which returns one row more than the page when there is a next page. */
export function pageOf(rows: readonly RankedRow[], size: number, order: OfferOrder = 'newest', ranking: RankingContext | null = null): RankedPage {
  return {
    offers: rows.slice(0, size).map((row) => ({
      id: row.id,
      cursor: cursorOf(row, order, ranking),
      distanceMeters: row.distanceMeters ?? null,
    })),
    hasNextPage: rows.length > size,
    ranking,
  };
}
