// Every minute: closes proposals past their deadline whose close job was lost, sends "closing soon"
// reminders, and finishes applying a credit policy or a surplus rule (see sweep-proposals.ts).
import { sweepProposals } from '../governance/sweep-proposals';
import { defineJob } from './definition';

export type GovernanceSweepPayload = Record<string, never>;

export const governanceSweepEveryMs = 60_000;

export const governanceSweep = defineJob<GovernanceSweepPayload>({
  name: 'governance-sweep',
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, ledger, logger }) {
    const outcome = await sweepProposals({ prisma, ledger });
    if (outcome.closed || outcome.reminded || outcome.creditAccountsChanged || outcome.surplusAccountsApplied) logger.info(outcome, 'governance sweep');
  },
});
