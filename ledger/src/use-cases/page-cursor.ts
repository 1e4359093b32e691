// Opaque cursors of the audit reads: a version, the read's name, and the position (and, for a
// statement, the running balance) at the page boundary, as base64url JSON. A cursor of another read
// or order, or one that was tampered with, is refused as cursor_invalid.
import { type Decimal, parseAmount } from '../domain/money';

export interface PagePosition {
  sequence: bigint;
  /** The running balance at the boundary, for statements. */
  balance: Decimal | null;
}

export function encodePageCursor(read: string, position: PagePosition): string {
  return Buffer.from(JSON.stringify([1, read, position.sequence.toString(), position.balance?.toFixed() ?? null]), 'utf8').toString('base64url');
}

export function decodePageCursor(read: string, text: string): PagePosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4 || value[0] !== 1 || value[1] !== read) return null;
    const [, , sequence, balance] = value as [number, string, unknown, unknown];
    if (typeof sequence !== 'string' || !/^\d{1,19}$/.test(sequence)) return null;
    if (balance === null) return { sequence: BigInt(sequence), balance: null };
    if (typeof balance !== 'string') return null;
    const amount = parseAmount(balance);
    return amount === null ? null : { sequence: BigInt(sequence), balance: amount };
  } catch {
    return null;
  }
}

/** A page size within 1..maximum; a missing size gives the default. */
export function pageLimit(limit: number | undefined, fallback: number, maximum: number): number {
  return Math.min(Math.max(Math.trunc(limit ?? fallback), 1), maximum);
}
