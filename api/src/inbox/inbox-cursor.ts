// The cursor of the inbox lists: the newest message's time and the id of the thread (an order or a
// conversation). Every list of the inbox is ordered by (time, id) descending, and ids are uuids of
// one ordering, so a cursor of the merged inbox pages each list alike.
import { ValidationError } from '../errors';
import { isUuid } from '../shared/global-id';

export interface InboxCursor {
  lastMessageAt: string;
  id: string;
}

export const inboxPageSizeDefault = 20;
export const inboxPageSizeMax = 50;

export function encodeInboxCursor(cursor: InboxCursor): string {
  return Buffer.from(`${cursor.lastMessageAt}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeInboxCursor(cursor: string): InboxCursor {
  const [lastMessageAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (Number.isNaN(Date.parse(lastMessageAt)) || !isUuid(id)) {
    throw new ValidationError([{ field: 'after', code: 'invalid', params: {}, message: 'not a cursor of this list' }]);
  }
  return { lastMessageAt, id };
}

/** The page size asked for, checked; the default when none. */
export function inboxPageSize(first: number | null | undefined): number {
  if (first != null && (first < 1 || first > inboxPageSizeMax)) {
    throw new ValidationError([{ field: 'first', code: 'out_of_range', params: { min: 1, max: inboxPageSizeMax }, message: `from 1 to ${inboxPageSizeMax}` }]);
  }
  return first ?? inboxPageSizeDefault;
}
