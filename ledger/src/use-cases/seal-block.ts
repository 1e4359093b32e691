// sealBlock: seals the next run of finished transfers into a block of the hash chain. Writers never
// wait for it: they only stamp their transaction id on each row. The sealer locks the chain head
// (so two sealers cannot fork the chain) and takes the transfers after the head whose inserting
// transactions are older than every transaction still running, in (xid, sequence) order.
import { type Block, buildBlock } from '../domain/hash-chain';
import { type LedgerContext, assertContract, withConflictRetries } from './context';

export const BLOCK_TRANSFERS_MAXIMUM = 10_000;

export async function sealBlock(context: LedgerContext, options: { transfersMaximum?: number } = {}): Promise<Block | null> {
  const limit = options.transfersMaximum ?? BLOCK_TRANSFERS_MAXIMUM;
  assertContract(Number.isInteger(limit) && limit >= 1 && limit <= BLOCK_TRANSFERS_MAXIMUM, `transfersMaximum must be 1-${BLOCK_TRANSFERS_MAXIMUM}`);
  return withConflictRetries(context, () =>
    context.store.transaction(async (transaction) => {
      const head = await transaction.lockChainHead();
      const transfers = await transaction.readSealableTransfers(head.last, limit);
      if (transfers.length === 0) return null;
      const block = buildBlock(head, transfers, context.clock());
      await transaction.appendBlock(block);
      return block;
    }),
  );
}

/** Seals until nothing sealable is left or `blocksMaximum` blocks were written. */
export async function sealBlocks(context: LedgerContext, options: { transfersMaximum?: number; blocksMaximum?: number } = {}): Promise<Block[]> {
  const blocks: Block[] = [];
  const blocksMaximum = options.blocksMaximum ?? 100;
  while (blocks.length < blocksMaximum) {
    const block = await sealBlock(context, options);
    if (!block) break;
    blocks.push(block);
  }
  return blocks;
}
