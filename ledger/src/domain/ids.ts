// Ids of new transfers and accounts.
import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix time in milliseconds, the version, then random bits. New keys
 * land at the right edge of a primary-key index instead of on a random leaf page. Built on
 * randomUUID, whose version 4 layout already has the variant bits in place and whose random bytes
 * come from a buffered pool (a fresh random draw per id cost ten times as much).
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  if (now !== prefixTime) {
    const time = now.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    prefixTime = now;
  }
  return prefix + randomUUID().slice(15);
}

/** The time part of the last id, shared by every id made in the same millisecond. */
let prefixTime = -1;
let prefix = '';
