// verifyChain: recomputes the hash chain from the stored transfers and reports the first block or
// transfer that does not match what was sealed.
import { type Block, type ChainHead, DIGEST_LENGTH, GENESIS_HASH, blockHash, comparePositions, transferDigest } from '../domain/hash-chain';
import { type LedgerStoreReader } from '../store';
import { type LedgerContext } from './context';

export type ChainProblemKind =
  | 'block_number_gap'
  | 'previous_hash_mismatch'
  | 'block_range_invalid'
  | 'transfer_digest_mismatch'
  | 'transfer_count_mismatch'
  | 'block_hash_mismatch'
  | 'head_mismatch';

export interface ChainProblem {
  kind: ChainProblemKind;
  blockNumber: bigint;
  /** The transfer whose content no longer matches its sealed digest, when one can be named. */
  transferId?: string;
  sequence?: bigint;
  message: string;
}

export type ChainVerification =
  | { ok: true; blocks: number; transfers: number; head: ChainHead }
  | { ok: false; problem: ChainProblem };

const BLOCK_PAGE = 100;
const TRANSFER_PAGE = 5_000;

export function verifyChain(context: LedgerContext): Promise<ChainVerification> {
  return context.store.snapshot((reader) => verifyChainWith(reader));
}

/** Also used by verifyLedger inside its own snapshot. */
export async function verifyChainWith(reader: LedgerStoreReader): Promise<ChainVerification> {
  let previous: ChainHead = { lastBlockNumber: 0n, lastHash: GENESIS_HASH, last: { xid: '0', sequence: 0n } };
  let blockCount = 0;
  let transferCount = 0;
  for (;;) {
    const blocks = await reader.listBlocks({ afterNumber: previous.lastBlockNumber, limit: BLOCK_PAGE });
    if (blocks.length === 0) break;
    for (const block of blocks) {
      const problem = await verifyBlock(reader, previous, block);
      if (problem) return { ok: false, problem };
      previous = { lastBlockNumber: block.number, lastHash: block.hash, last: block.last };
      blockCount += 1;
      transferCount += block.transferCount;
    }
  }
  const head = await reader.chainHead();
  if (head.lastBlockNumber !== previous.lastBlockNumber || head.lastHash !== previous.lastHash || comparePositions(head.last, previous.last) !== 0) {
    return {
      ok: false,
      problem: { kind: 'head_mismatch', blockNumber: head.lastBlockNumber, message: `The chain head does not point at the last block ${previous.lastBlockNumber}` },
    };
  }
  return { ok: true, blocks: blockCount, transfers: transferCount, head };
}

async function verifyBlock(reader: LedgerStoreReader, previous: ChainHead, block: Block): Promise<ChainProblem | null> {
  const number = block.number;
  if (number !== previous.lastBlockNumber + 1n) {
    return { kind: 'block_number_gap', blockNumber: number, message: `Block ${number} follows block ${previous.lastBlockNumber}` };
  }
  if (block.previousHash !== previous.lastHash) {
    return { kind: 'previous_hash_mismatch', blockNumber: number, message: `Block ${number} does not link to the hash of block ${previous.lastBlockNumber}` };
  }
  if (comparePositions(block.first, previous.last) <= 0 || comparePositions(block.last, block.first) < 0) {
    return { kind: 'block_range_invalid', blockNumber: number, message: `Block ${number} covers an invalid range` };
  }
  let after = previous.last;
  let position = 0;
  for (;;) {
    const transfers = await reader.listTransfersBetween(after, block.last, TRANSFER_PAGE);
    for (const transfer of transfers) {
      const sealed = block.transferDigests.subarray(position * DIGEST_LENGTH, (position + 1) * DIGEST_LENGTH);
      if (position >= block.transferCount || !transferDigest(transfer).equals(sealed)) {
        return {
          kind: 'transfer_digest_mismatch',
          blockNumber: number,
          transferId: transfer.id,
          sequence: transfer.sequence,
          message: `Transfer ${transfer.id} (sequence ${transfer.sequence}) at position ${position} of block ${number} does not match its sealed digest`,
        };
      }
      position += 1;
    }
    if (transfers.length < TRANSFER_PAGE) break;
    after = transfers[transfers.length - 1]!;
  }
  if (position !== block.transferCount) {
    return { kind: 'transfer_count_mismatch', blockNumber: number, message: `Block ${number} sealed ${block.transferCount} transfers; ${position} are stored` };
  }
  if (blockHash(number, block.previousHash, block.transferDigests) !== block.hash) {
    return { kind: 'block_hash_mismatch', blockNumber: number, message: `Block ${number} does not match its hash` };
  }
  return null;
}
