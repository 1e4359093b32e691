// findTransferBlock: where a transfer sits in the hash chain: its block (number, hash, previous
// hash, when sealed), its position in the block and its digest, checked against the digest the block
// stored. Null while the transfer is not sealed yet.
import { type Block, DIGEST_LENGTH, transferDigest } from '../domain/hash-chain';
import { normaliseId } from '../domain/transfer-checks';
import { type LedgerContext } from './context';

export interface TransferBlock {
  block: Omit<Block, 'transferDigests'>;
  /** 0-based position of the transfer in the block. */
  position: number;
  /** SHA-256 of the transfer's canonical form, hex. */
  digest: string;
  /** The digest the block stored at that position equals the transfer's digest now. */
  digestMatches: boolean;
}

export async function findTransferBlock(context: LedgerContext, transferId: string): Promise<TransferBlock | null> {
  const id = normaliseId(transferId);
  if (id === null) return null;
  return context.store.snapshot(async (reader) => {
    const [transfer] = await reader.findTransfers([id]);
    const block = transfer ? await reader.blockOfTransfer(id) : null;
    if (!transfer || !block) return null;
    const digest = Buffer.from(transferDigest(transfer));
    const members = await reader.listTransfersBetween(
      { xid: block.first.xid, sequence: block.first.sequence - 1n },
      block.last,
      block.transferCount + 1,
    );
    const position = members.findIndex((member) => member.id === id);
    const stored = position < 0 ? null : Buffer.from(block.transferDigests.subarray(position * DIGEST_LENGTH, (position + 1) * DIGEST_LENGTH));
    const { transferDigests: _digests, ...header } = block;
    return { block: header, position, digest: digest.toString('hex'), digestMatches: stored !== null && stored.equals(digest) };
  });
}
