// Every minute: closes proposals past their deadline whose close job was lost, sends "closing soon"
// reminders, and finishes applying a credit policy or a surplus rule (see sweep-proposals.ts).
import { sendDataUseEmails } from '../data-use/send-data-use-emails';
import { sweepProposals } from '../governance/sweep-proposals';
import { defineJob } from './definition';

export type GovernanceSweepPayload = Record<string, never>;

export const governanceSweepEveryMs = 60_000;

export const governanceSweep = defineJob<GovernanceSweepPayload>({
  name: 'governance-sweep',
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, ledger, mailer, logger }) {
    const outcome = await sweepProposals({ prisma, ledger });
    // The access token of a granted request goes out now rather than at the next data-use-emails run.
    if (outcome.dataUseGranted > 0) await sendDataUseEmails(prisma, mailer, { logger });
    if (outcome.closed || outcome.reminded || outcome.creditAccountsChanged || outcome.surplusAccountsApplied) logger.info(outcome, 'governance sweep');
  },
});
