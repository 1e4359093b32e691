// Seals finished transfers into blocks of the ledger's hash chain. Writers never wait for the sealer;
// the chain only lags behind by up to one interval (plus any transaction still running).
import { defineJob } from './definition';

export type LedgerSealBlocksPayload = Record<string, never>;

/** Short enough that an auditor's export is sealed almost at once; a run with nothing new is one query. */
export const ledgerSealBlocksEveryMs = 10_000;
/** Blocks per run; a backlog (e.g. after downtime) is worked off over the next runs. */
const blocksPerRunMaximum = 100;

export const ledgerSealBlocks = defineJob<LedgerSealBlocksPayload>({
  name: 'ledger-seal-blocks',
  attempts: 3,
  backoffMs: 5_000,
  timeoutMs: 2 * 60_000,
  async handle(_payload, { ledger, logger, signal }) {
    let blocks = 0;
    let transfers = 0;
    // One block per call, so a timeout or shutdown stops between two committed blocks.
    while (blocks < blocksPerRunMaximum && !signal.aborted) {
      const block = await ledger.sealBlock();
      if (!block) break;
      blocks += 1;
      transfers += block.transferCount;
    }
    if (blocks > 0) logger.info({ blocks, transfers }, 'sealed ledger blocks');
  },
});
