// The order of a listing and its pages. For now the only order is recency (newest first, id as
// tie-breaker); the ranking chosen by member vote becomes a second order beside it. The cursor is
// opaque to clients.
import { ValidationError } from '../../errors';
import { pageSizeDefault, pageSizeMax } from '../../shared/input';

/** Orders a listing can have. */
export const offerOrders = ['newest'] as const;
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

export interface RankedPage {
  offers: RankedOffer[];
  hasNextPage: boolean;
}

/** Where a page of the newest-first order continues: below this offer. */
export interface RecencyCursor {
  createdAt: string;
  id: string;
}

/** One offer of a ranked page as the database returns it. */
export type RankedRow = { id: string; createdAt: Date };

export function encodeCursor(cursor: RecencyCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): RecencyCursor {
  const [createdAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new ValidationError([{ field: 'after', code: 'invalid', params: {}, message: 'not a cursor of this list' }]);
  }
  return { createdAt, id };
}

/** The page size a request asks for: at least 1; more than pageSizeMax is refused. */
export function pageSizeOf(page: PageRequest): number {
  if (page.first != null && page.first > pageSizeMax) throw new ValidationError([{ field: 'first', code: 'too_large', params: { max: pageSizeMax }, message: `at most ${pageSizeMax}` }]);
  return Math.max(page.first ?? pageSizeDefault, 1);
}

/** A page from the rows of a ranking, which returns one row more than the page when there is a next page. */
export function pageOf(rows: readonly RankedRow[], size: number): RankedPage {
  return {
    offers: rows.slice(0, size).map((row) => ({
      id: row.id,
      cursor: encodeCursor({ createdAt: new Date(row.createdAt).toISOString(), id: row.id }),
      distanceMeters: null,
    })),
    hasNextPage: rows.length > size,
  };
}
