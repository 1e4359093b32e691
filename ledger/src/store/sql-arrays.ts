// Array parameters. The store says what an array holds and each driver sends it in the form its
// database reads fastest: as a text literal ('{a,b,NULL}') built in one pass over the items, or, for
// UUIDs on node-postgres, in PostgreSQL's binary array format (reading 36 hex characters per element
// cost the server about as much as inserting the row's index entries). Statements cast every array
// parameter to its type ($1::uuid[]), which is the type the server reads it as.

/** `uuid`: UUIDs. `text`: any text. `timestamptz`: Dates. `plain`: integers, decimal text, ctids. */
export type SqlArrayKind = 'uuid' | 'text' | 'timestamptz' | 'plain';

type Element = string | number | bigint | Date | null;

export class SqlArray<T = unknown> {
  constructor(
    readonly kind: SqlArrayKind,
    readonly items: readonly T[],
    readonly valueOf: (item: T) => Element,
  ) {}

  get length(): number {
    return this.items.length;
  }

  value(index: number): Element {
    return this.valueOf(this.items[index]!);
  }

  /** The array as PostgreSQL's text input reads it. */
  toLiteral(): string {
    let text = '{';
    for (let index = 0; index < this.items.length; index += 1) {
      const value = this.value(index);
      if (index > 0) text += ',';
      if (value === null || value === undefined) text += 'NULL';
      else if (this.kind === 'text') text += quoted(String(value));
      else if (value instanceof Date) text += value.toISOString();
      // UUIDs, numbers, decimal text and ISO timestamps hold no blanks, commas, braces, quotes or
      // backslashes; ctids ("(0,1)") hold a comma and are quoted.
      else text += typeof value === 'string' && value.includes(',') ? quoted(value) : String(value);
    }
    return `${text}}`;
  }
}

export function uuidArray<T>(items: readonly T[], valueOf: (item: T) => string | null): SqlArray<T> {
  return new SqlArray('uuid', items, valueOf);
}

export function plainArray<T>(items: readonly T[], valueOf: (item: T) => string | number | bigint | null): SqlArray<T> {
  return new SqlArray('plain', items, valueOf);
}

export function textArray<T>(items: readonly T[], valueOf: (item: T) => string | null): SqlArray<T> {
  return new SqlArray('text', items, valueOf);
}

export function timestampArray<T>(items: readonly T[], valueOf: (item: T) => Date | null): SqlArray<T> {
  return new SqlArray('timestamptz', items, valueOf);
}

const needsEscape = /["\\]/;

function quoted(value: string): string {
  return `"${needsEscape.test(value) ? value.replace(/["\\]/g, '\\$&') : value}"`;
}

const UUID_OID = 2950;
const hexValues = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit += 1) {
  hexValues['0123456789abcdef'.charCodeAt(digit)] = digit;
  hexValues['0123456789ABCDEF'.charCodeAt(digit)] = digit;
}
/** Where each byte's two hex digits start in "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
const bytePositions = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** The header of a one-dimensional array in the binary format of array_recv; returns where the elements start. */
function writeArrayHeader(buffer: Buffer, elementOid: number, count: number, nulls: number): number {
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(nulls > 0 ? 1 : 0, 4);
  buffer.writeInt32BE(elementOid, 8);
  buffer.writeInt32BE(count, 12);
  buffer.writeInt32BE(1, 16);
  return 20;
}

/**
 * A UUID array in the binary format of array_recv: dimensions, null flag, element type, length and
 * lower bound, then per element its length (16, or -1 for NULL) and its bytes.
 */
export function uuidArrayBinary<T>(array: SqlArray<T>): Buffer {
  const count = array.length;
  let nulls = 0;
  for (let index = 0; index < count; index += 1) if (array.value(index) === null) nulls += 1;
  const buffer = Buffer.allocUnsafe(20 + 20 * count - 16 * nulls);
  let offset = writeArrayHeader(buffer, UUID_OID, count, nulls);
  for (let index = 0; index < count; index += 1) {
    const value = array.value(index);
    if (value === null) {
      buffer.writeInt32BE(-1, offset);
      offset += 4;
      continue;
    }
    const text = String(value);
    buffer.writeInt32BE(16, offset);
    offset += 4;
    // 45 is "-"; a character outside the table (code 128 or more) counts as invalid too.
    let invalid =
      text.length !== 36 || text.charCodeAt(8) !== 45 || text.charCodeAt(13) !== 45 || text.charCodeAt(18) !== 45 || text.charCodeAt(23) !== 45 ? -1 : 0;
    for (let byte = 0; byte < 16; byte += 1) {
      const position = bytePositions[byte]!;
      const high = hexValues[text.charCodeAt(position)] ?? -1;
      const low = hexValues[text.charCodeAt(position + 1)] ?? -1;
      invalid |= high | low;
      buffer[offset + byte] = (high << 4) | low;
    }
    if (invalid < 0) throw new TypeError(`Not a UUID: ${JSON.stringify(text)}`);
    offset += 16;
  }
  return buffer;
}

const TEXT_OID = 25;
const TIMESTAMPTZ_OID = 1184;
/** PostgreSQL counts timestamps in microseconds from 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

function textBytes(value: Element): Buffer {
  return Buffer.from(String(value), 'utf8');
}

function timestampBytes(value: Element): Buffer {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError(`Not a valid Date: ${String(value)}`);
  const bytes = Buffer.allocUnsafe(8);
  bytes.writeBigInt64BE(BigInt(value.getTime() - POSTGRES_EPOCH_MS) * 1000n);
  return bytes;
}

/**
 * A text or timestamptz array in the binary format of array_recv. Runs of the same value (a batch's
 * transfers share their kind, currency and creation time) are encoded once.
 */
export function binaryArray<T>(array: SqlArray<T>): Buffer {
  const [oid, encode] = array.kind === 'text' ? [TEXT_OID, textBytes] : array.kind === 'timestamptz' ? [TIMESTAMPTZ_OID, timestampBytes] : [0, null];
  if (encode === null) throw new Error(`No binary form for ${array.kind} arrays`);
  const elements: Array<Buffer | null> = new Array<Buffer | null>(array.length);
  let size = 20;
  let nulls = 0;
  let previous: Element | undefined;
  let previousBytes: Buffer | null = null;
  for (let index = 0; index < array.length; index += 1) {
    const value = array.value(index);
    if (value === null) {
      elements[index] = null;
      nulls += 1;
      size += 4;
      continue;
    }
    const same = value === previous || (value instanceof Date && previous instanceof Date && value.getTime() === previous.getTime());
    if (!same || previousBytes === null) previousBytes = encode(value);
    previous = value;
    elements[index] = previousBytes;
    size += 4 + previousBytes.length;
  }
  const buffer = Buffer.allocUnsafe(size);
  let offset = writeArrayHeader(buffer, oid, array.length, nulls);
  for (const element of elements) {
    if (element === null) {
      buffer.writeInt32BE(-1, offset);
      offset += 4;
    } else {
      buffer.writeInt32BE(element.length, offset);
      element.copy(buffer, offset + 4);
      offset += 4 + element.length;
    }
  }
  return buffer;
}

