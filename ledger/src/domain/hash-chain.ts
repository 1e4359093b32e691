// Tamper evidence. Every transfer has a canonical form and a SHA-256 digest; a block holds the
// digests of its transfers in block order and a hash over the previous block's hash, its number and
// those digests. Changing, removing or inserting a sealed transfer changes a digest or a count, and
// changing a block breaks every later block's previous-hash link.
import { createHash } from 'node:crypto';
import { canonicalAmount } from './money';
import { type Transfer } from './transfer';

/** The previous hash of block 1. */
export const GENESIS_HASH = '0'.repeat(64);

export const DIGEST_LENGTH = 32;

/** Position of a transfer in sealing order: inserting transaction id, then sequence. */
export interface ChainPosition {
  /** The inserting transaction's id (PostgreSQL xid8) as decimal text. */
  xid: string;
  sequence: bigint;
}

export interface Block {
  number: bigint;
  previousHash: string;
  hash: string;
  first: ChainPosition;
  last: ChainPosition;
  transferCount: number;
  /** DIGEST_LENGTH bytes per transfer, in block order. */
  transferDigests: Uint8Array;
  sealedAt: Date;
}

/** The chain head: the last sealed block (number 0 and the genesis hash before the first). */
export interface ChainHead {
  lastBlockNumber: bigint;
  lastHash: string;
  last: ChainPosition;
}

/**
 * The canonical form of a transfer: a JSON array of its fields in a fixed order, with the amount in
 * canonical decimal notation and instants in ISO 8601 (UTC, milliseconds). Version 1.
 */
export function canonicalTransfer(transfer: Transfer): string {
  return JSON.stringify([
    1,
    transfer.id,
    transfer.sequence.toString(),
    transfer.idempotencyKey,
    transfer.type,
    transfer.debitAccountId,
    transfer.creditAccountId,
    transfer.currency,
    canonicalAmount(transfer.amount),
    transfer.pendingId,
    transfer.reversalOfId,
    transfer.timeoutSeconds,
    transfer.expiresAt?.toISOString() ?? null,
    transfer.kind,
    transfer.memo,
    transfer.reference,
    transfer.createdAt.toISOString(),
  ]);
}

export function transferDigest(transfer: Transfer): Buffer {
  return createHash('sha256').update(canonicalTransfer(transfer), 'utf8').digest();
}

export function concatDigests(transfers: readonly Transfer[]): Buffer {
  return Buffer.concat(transfers.map(transferDigest));
}

export function blockHash(number: bigint, previousHash: string, transferDigests: Uint8Array): string {
  return createHash('sha256')
    .update(`allmende-ledger-block-v1\n${number.toString()}\n${previousHash}\n`, 'utf8')
    .update(transferDigests)
    .digest('hex');
}

/** Builds the block that seals `transfers` (non-empty, in sealing order) after `head`. */
export function buildBlock(head: ChainHead, transfers: ReadonlyArray<Transfer & { xid: string }>, sealedAt: Date): Block {
  const first = transfers[0];
  const last = transfers[transfers.length - 1];
  if (!first || !last) throw new Error('A block needs at least one transfer');
  const number = head.lastBlockNumber + 1n;
  const transferDigests = concatDigests(transfers);
  return {
    number,
    previousHash: head.lastHash,
    hash: blockHash(number, head.lastHash, transferDigests),
    first: { xid: first.xid, sequence: first.sequence },
    last: { xid: last.xid, sequence: last.sequence },
    transferCount: transfers.length,
    transferDigests,
    sealedAt,
  };
}

/** Compares (xid, sequence) positions numerically. */
export function comparePositions(left: ChainPosition, right: ChainPosition): number {
  const leftXid = BigInt(left.xid);
  const rightXid = BigInt(right.xid);
  if (leftXid !== rightXid) return leftXid < rightXid ? -1 : 1;
  if (left.sequence !== right.sequence) return left.sequence < right.sequence ? -1 : 1;
  return 0;
}
