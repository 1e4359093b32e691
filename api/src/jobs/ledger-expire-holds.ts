// Voids pending transfers (holds) whose expiry time has passed, releasing the held credit. Each void's
// idempotency key is derived from the hold, so overlapping or repeated runs void every hold once.
import { defineJob } from './definition';

export type LedgerExpireHoldsPayload = Record<string, never>;

/** Holds are set for hours or days (checkout escrow), so a minute's delay in releasing them is fine. */
export const ledgerExpireHoldsEveryMs = 60_000;
/** Batches of up to 1,000 voids per run; what is left goes in the next run. */
const batchesPerRunMaximum = 20;

export const ledgerExpireHolds = defineJob<LedgerExpireHoldsPayload>({
  name: 'ledger-expire-holds',
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 2 * 60_000,
  async handle(_payload, { ledger, logger, signal }) {
    let voided = 0;
    let alreadyResolved = 0;
    for (let batch = 0; batch < batchesPerRunMaximum && !signal.aborted; batch++) {
      const result = await ledger.voidExpiredPendingTransfers();
      voided += result.voided;
      alreadyResolved += result.alreadyResolved;
      if (!result.more) break;
    }
    if (voided > 0 || alreadyResolved > 0) logger.info({ voided, alreadyResolved }, 'voided expired ledger holds');
  },
});
