// Every job both processes know. A feature adds its definition to jobDefinitions, and a repeating job
// its schedule to scheduleRepeatingJobs.
import { orderAutoConfirmDaysDefault } from '../config';
import type { JobDefinition } from './definition';
import type { JobQueue } from './queue';
import type { RepeatSchedule } from './schedule-keeper';
import { auditExport } from './audit-export';
import { auditVerification } from './audit-verification';
import { dataRetention, dataRetentionEveryMs } from './data-retention';
import { dataUseEmails, dataUseEmailsEveryMs } from './data-use-emails';
import { creditEarnedLimits, creditEarnedLimitsEveryMs } from './credit-earned-limits';
import { governanceCloseProposal } from './governance-close-proposal';
import { governanceSweep, governanceSweepEveryMs } from './governance-sweep';
import { leavingCloseAccounts, leavingCloseAccountsEveryMs } from './leaving-close-accounts';
import { ledgerExpireHolds, ledgerExpireHoldsEveryMs } from './ledger-expire-holds';
import { ledgerSealBlocks, ledgerSealBlocksEveryMs } from './ledger-seal-blocks';
import { myDataExport } from './my-data-export';
import { myDataExportsExpire, myDataExportsExpireEveryMs } from './my-data-exports-expire';
import { notificationEmails, notificationEmailsEveryMs } from './notification-emails';
import { ordersAutoConfirm, ordersAutoConfirmEveryMs } from './orders-auto-confirm';
import { ordersUndoAbandonedCheckouts, ordersUndoAbandonedCheckoutsEveryMs } from './orders-undo-abandoned-checkouts';
import { passwordResetEmails, passwordResetEmailsEveryMs } from './password-reset-emails';
import { rankingRefreshAggregates, rankingRefreshAggregatesEveryMs } from './ranking-refresh-aggregates';
import { sessionCleanup, sessionCleanupEveryMs } from './session-cleanup';
import { surplusDistribution, surplusDistributionEveryMs } from './surplus-distribution';

export { defineJob, type JobContext, type JobDefinition } from './definition';
export { createJobQueue, type AddJobOptions, type JobQueue, type JobQueueOptions } from './queue';
export { auditExport } from './audit-export';
export { auditVerification } from './audit-verification';
export { dataRetention } from './data-retention';
export { dataUseEmails, dataUseEmailsJobKey } from './data-use-emails';
export { creditEarnedLimits } from './credit-earned-limits';
export { governanceCloseProposal } from './governance-close-proposal';
export { governanceSweep } from './governance-sweep';
export { leavingCloseAccounts } from './leaving-close-accounts';
export { ledgerExpireHolds } from './ledger-expire-holds';
export { ledgerSealBlocks } from './ledger-seal-blocks';
export { myDataExport } from './my-data-export';
export { myDataExportsExpire } from './my-data-exports-expire';
export { notificationEmails, notificationEmailsJobKey } from './notification-emails';
export { ordersAutoConfirm } from './orders-auto-confirm';
export { ordersUndoAbandonedCheckouts } from './orders-undo-abandoned-checkouts';
export { passwordResetEmails, passwordResetEmailsJobKey } from './password-reset-emails';
export { rankingRefreshAggregates } from './ranking-refresh-aggregates';
export { sessionCleanup } from './session-cleanup';
export { surplusDistribution, surplusDistributionJobKey } from './surplus-distribution';

export const jobDefinitions: JobDefinition<unknown>[] = [
  sessionCleanup,
  ledgerSealBlocks,
  ledgerExpireHolds,
  ordersAutoConfirm,
  ordersUndoAbandonedCheckouts,
  notificationEmails,
  passwordResetEmails,
  dataUseEmails,
  governanceCloseProposal,
  governanceSweep,
  auditExport,
  auditVerification,
  myDataExport,
  myDataExportsExpire,
  dataRetention,
  leavingCloseAccounts,
  surplusDistribution,
  creditEarnedLimits,
  rankingRefreshAggregates,
];

/** The repeating jobs of the cooperative, with their payloads and intervals. */
export function repeatingSchedules(options: { orderAutoConfirmDays?: number } = {}): RepeatSchedule[] {
  return [
    { job: sessionCleanup, payload: {}, everyMs: sessionCleanupEveryMs },
    { job: ledgerSealBlocks, payload: {}, everyMs: ledgerSealBlocksEveryMs },
    { job: ledgerExpireHolds, payload: {}, everyMs: ledgerExpireHoldsEveryMs },
    { job: ordersAutoConfirm, payload: { afterDays: options.orderAutoConfirmDays ?? orderAutoConfirmDaysDefault }, everyMs: ordersAutoConfirmEveryMs },
    { job: ordersUndoAbandonedCheckouts, payload: {}, everyMs: ordersUndoAbandonedCheckoutsEveryMs },
    { job: notificationEmails, payload: {}, everyMs: notificationEmailsEveryMs },
    { job: passwordResetEmails, payload: {}, everyMs: passwordResetEmailsEveryMs },
    { job: dataUseEmails, payload: {}, everyMs: dataUseEmailsEveryMs },
    { job: governanceSweep, payload: {}, everyMs: governanceSweepEveryMs },
    { job: myDataExportsExpire, payload: {}, everyMs: myDataExportsExpireEveryMs },
    { job: dataRetention, payload: {}, everyMs: dataRetentionEveryMs },
    { job: leavingCloseAccounts, payload: {}, everyMs: leavingCloseAccountsEveryMs },
    { job: surplusDistribution, payload: {}, everyMs: surplusDistributionEveryMs },
    { job: creditEarnedLimits, payload: {}, everyMs: creditEarnedLimitsEveryMs },
    { job: rankingRefreshAggregates, payload: {}, everyMs: rankingRefreshAggregatesEveryMs },
  ];
}

/**
 * Registers the repeating jobs; safe on every start, since a repeat is stored once per job name. Once
 * its workers run, the queue registers them again whenever the backend lost them (schedule-keeper.ts).
 */
export async function scheduleRepeatingJobs(queue: JobQueue, options: { orderAutoConfirmDays?: number } = {}): Promise<void> {
  for (const { job, payload, everyMs } of repeatingSchedules(options)) await queue.repeat(job, payload, everyMs);
}
