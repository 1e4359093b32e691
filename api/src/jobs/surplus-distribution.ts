// The money rules of a period end: every 15 minutes the scheduled run sends the demurrage notices that
// are due and books the demurrage and then the surplus of the last ended periods that are not booked
// yet (scheduled-distribution.ts); the board's "run" adds a run of one period with the admin who
// started it (its demurrage first, when that rule is on for the same period). Every step is
// idempotent per period, so overlapping or repeated runs book each period once.
import { chargeDemurrageOf, runPeriodEnd } from '../surplus/scheduled-distribution';
import { periodOrError, runSurplusDistribution } from '../surplus/run-distribution';
import { defineJob } from './definition';

export interface SurplusDistributionPayload {
  /** The period to distribute; omitted for the scheduled run, which takes the last ended one. */
  period?: string;
  /** The admin who started it; omitted for the scheduled run. */
  startedById?: string;
}

export const surplusDistributionEveryMs = 15 * 60_000;

/** One queued or running job per period: the board pressing "run" twice adds it once. */
export function surplusDistributionJobKey(period: string): string {
  return `surplus-distribution:${period}`;
}

export const surplusDistribution = defineJob<SurplusDistributionPayload>({
  name: 'surplus-distribution',
  attempts: 5,
  backoffMs: 30_000,
  timeoutMs: 15 * 60_000,
  async handle(payload, { prisma, ledger, logger }) {
    const services = { prisma, ledger };
    if (payload.period) {
      await chargeDemurrageOf(services, periodOrError(payload.period));
      const outcome = await runSurplusDistribution(services, { period: payload.period, startedById: payload.startedById ?? null });
      if (outcome.booked) logger.info({ period: outcome.run.period, distributed: outcome.run.distributed.toString(), shares: outcome.run.shareCount }, 'surplus distributed');
      return;
    }
    const outcome = await runPeriodEnd(services);
    if (outcome.announced > 0) logger.info({ members: outcome.announced }, 'demurrage announced');
    if (outcome.demurrage?.booked) logger.info({ period: outcome.demurrage.run.period, total: outcome.demurrage.run.total.toString() }, 'demurrage charged');
    if (outcome.surplus?.booked) logger.info({ period: outcome.surplus.run.period, distributed: outcome.surplus.run.distributed.toString(), shares: outcome.surplus.run.shareCount }, 'surplus distributed');
  },
});
