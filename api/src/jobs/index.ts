// Every job both processes know. A feature adds its definition to jobDefinitions, and a repeating job
// its schedule to scheduleRepeatingJobs.
import { orderAutoConfirmDaysDefault } from '../config';
import type { JobDefinition } from './definition';
import type { JobQueue } from './queue';
import { governanceCloseProposal } from './governance-close-proposal';
import { governanceSweep, governanceSweepEveryMs } from './governance-sweep';
import { ledgerExpireHolds, ledgerExpireHoldsEveryMs } from './ledger-expire-holds';
import { ledgerSealBlocks, ledgerSealBlocksEveryMs } from './ledger-seal-blocks';
import { notificationEmails, notificationEmailsEveryMs } from './notification-emails';
import { ordersAutoConfirm, ordersAutoConfirmEveryMs } from './orders-auto-confirm';
import { sessionCleanup, sessionCleanupEveryMs } from './session-cleanup';

export { defineJob, type JobContext, type JobDefinition } from './definition';
export { createJobQueue, type AddJobOptions, type JobQueue, type JobQueueOptions } from './queue';
export { governanceCloseProposal } from './governance-close-proposal';
export { governanceSweep } from './governance-sweep';
export { ledgerExpireHolds } from './ledger-expire-holds';
export { ledgerSealBlocks } from './ledger-seal-blocks';
export { notificationEmails, notificationEmailsJobKey } from './notification-emails';
export { ordersAutoConfirm } from './orders-auto-confirm';
export { sessionCleanup } from './session-cleanup';

export const jobDefinitions: JobDefinition<unknown>[] = [
  sessionCleanup,
  ledgerSealBlocks,
  ledgerExpireHolds,
  ordersAutoConfirm,
  notificationEmails,
  governanceCloseProposal,
  governanceSweep,
];

/**
 * Registers the repeating jobs; safe on every start, since a repeat is stored once per job name. Once
 * its workers run, the queue registers them again whenever the backend lost them (schedule-keeper.ts).
 */
export async function scheduleRepeatingJobs(queue: JobQueue, options: { orderAutoConfirmDays?: number } = {}): Promise<void> {
  await queue.repeat(sessionCleanup, {}, sessionCleanupEveryMs);
  await queue.repeat(ledgerSealBlocks, {}, ledgerSealBlocksEveryMs);
  await queue.repeat(ledgerExpireHolds, {}, ledgerExpireHoldsEveryMs);
  await queue.repeat(ordersAutoConfirm, { afterDays: options.orderAutoConfirmDays ?? orderAutoConfirmDaysDefault }, ordersAutoConfirmEveryMs);
  await queue.repeat(notificationEmails, {}, notificationEmailsEveryMs);
  await queue.repeat(governanceSweep, {}, governanceSweepEveryMs);
}
