// Sends the e-mails of password reset requests. The API adds a run right after a request (one waiting
// run at a time, by its jobKey), and it repeats as a safety net. Each reset is claimed before its
// e-mail goes out, so an overlapping run never sends one twice.
import { sendPasswordResetEmails } from '../members/password-reset';
import { defineJob } from './definition';

export type PasswordResetEmailsPayload = Record<string, never>;

export const passwordResetEmailsEveryMs = 60_000;
export const passwordResetEmailsJobKey = 'pending';

export const passwordResetEmails = defineJob<PasswordResetEmailsPayload>({
  name: 'password-reset-emails',
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, mailer, logger }) {
    const sent = await sendPasswordResetEmails(prisma, mailer, { logger });
    if (sent > 0) logger.info({ sent }, 'sent password reset e-mails');
  },
});
