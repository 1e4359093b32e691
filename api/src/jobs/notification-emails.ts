// Sends the e-mails of new notifications. It repeats every few seconds, and the API adds a run right
// after a change that notifies (one waiting run at a time, by its jobKey). Each notification is claimed
// before its e-mail goes out, so a retried or overlapping run never sends one twice.
import { sendPendingNotificationEmails } from '../notifications/send-notification-emails';
import { defineJob } from './definition';

export type NotificationEmailsPayload = Record<string, never>;

export const notificationEmailsEveryMs = 30_000;
export const notificationEmailsJobKey = 'pending';

export const notificationEmails = defineJob<NotificationEmailsPayload>({
  name: 'notification-emails',
  attempts: 3,
  backoffMs: 30_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, mailer, logger, signal }) {
    const result = await sendPendingNotificationEmails(prisma, mailer, { logger, signal });
    if (result.sent > 0 || result.failed > 0) logger.info(result, 'sent notification e-mails');
    if (result.failed > 0) throw new Error(`${result.failed} notification e-mails could not be sent`);
  },
});
