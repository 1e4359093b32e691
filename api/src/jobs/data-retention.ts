// Deletes data whose purpose has ended: old notifications, old outbox e-mails and unverified data-use
// requests (see my-data/expire-ended-data.ts for what and why).
import { expireEndedData } from '../my-data/expire-ended-data';
import { defineJob } from './definition';

export type DataRetentionPayload = Record<string, never>;

export const dataRetentionEveryMs = 60 * 60_000;

export const dataRetention = defineJob<DataRetentionPayload>({
  name: 'data-retention',
  attempts: 3,
  backoffMs: 60_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, config, logger, signal }) {
    const deleted = await expireEndedData(
      prisma,
      {
        notificationRetentionDays: config.notificationRetentionDays,
        outboxDir: config.mail.smtpUrl === undefined ? config.mail.outboxDir : undefined,
        outboxRetentionDays: config.mailOutboxRetentionDays,
      },
      { signal },
    );
    if (deleted.notifications + deleted.outboxFiles + deleted.unverifiedDataUseRequests > 0) logger.info(deleted, 'deleted data whose retention ended');
  },
});
