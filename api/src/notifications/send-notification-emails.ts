// Sends the e-mail of each pending notification, at most once. A notification is claimed (pending ->
// sending) by a conditional update before its e-mail goes out, so two runs never both send it; it is
// marked sent afterwards. When sending fails with an error the claim is given back for a later run, up
// to emailAttemptsMax. When the process stops between claiming and marking, the notification stays in
// sending and is not sent again: a lost e-mail is better than a doubled one.
import type { PrismaClient } from '../db/client';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import { notificationEmail } from './email-texts';

export const emailBatchMax = 50;
export const emailAttemptsMax = 5;
/** Older pending notifications are no longer news: they are skipped instead of sent. */
export const emailAgeMaxMs = 3 * 24 * 60 * 60_000;

export interface SendEmailsResult {
  sent: number;
  skipped: number;
  failed: number;
}

export async function sendPendingNotificationEmails(
  prisma: PrismaClient,
  mailer: Mailer,
  options: { logger?: Logger; signal?: AbortSignal; now?: Date } = {},
): Promise<SendEmailsResult> {
  const now = options.now ?? new Date();
  const result: SendEmailsResult = { sent: 0, skipped: 0, failed: 0 };
  const stale = await prisma.notification.updateMany({
    where: { emailStatus: 'pending', createdAt: { lt: new Date(now.getTime() - emailAgeMaxMs) } },
    data: { emailStatus: 'skipped' },
  });
  result.skipped += stale.count;
  const pending = await prisma.notification.findMany({
    where: { emailStatus: 'pending' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: emailBatchMax,
    include: { recipient: { select: { email: true, displayName: true, locale: true, emailNotifications: true } } },
  });
  for (const notification of pending) {
    if (options.signal?.aborted) break;
    const { recipient } = notification;
    if (!recipient.emailNotifications) {
      const { count } = await prisma.notification.updateMany({ where: { id: notification.id, emailStatus: 'pending' }, data: { emailStatus: 'skipped' } });
      result.skipped += count;
      continue;
    }
    const claimed = await prisma.notification.updateMany({
      where: { id: notification.id, emailStatus: 'pending' },
      data: { emailStatus: 'sending', emailAttempts: { increment: 1 } },
    });
    if (claimed.count === 0) continue;
    const email = notificationEmail({ ...notification, recipientName: recipient.displayName, locale: recipient.locale, publicUrl: mailer.publicUrl });
    try {
      await mailer.send({ to: recipient.email, ...email, messageId: `<notification-${notification.id}@allmende>`, reference: notification.id });
    } catch (error) {
      const giveUp = notification.emailAttempts + 1 >= emailAttemptsMax;
      await prisma.notification.update({ where: { id: notification.id }, data: { emailStatus: giveUp ? 'failed' : 'pending' } });
      options.logger?.warn({ err: error, notificationId: notification.id, giveUp }, 'notification e-mail not sent');
      result.failed += 1;
      continue;
    }
    await prisma.notification.update({ where: { id: notification.id }, data: { emailStatus: 'sent', emailSentAt: new Date() } });
    result.sent += 1;
  }
  return result;
}
