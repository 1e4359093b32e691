// Sends the verification links and access tokens of data-use requests. The API adds a run right after
// a request is filed and the close of a vote right after a grant (one waiting run at a time, by its
// jobKey); it repeats as a safety net.
import { sendDataUseEmails } from '../data-use/send-data-use-emails';
import { defineJob } from './definition';

export type DataUseEmailsPayload = Record<string, never>;

export const dataUseEmailsEveryMs = 60_000;
export const dataUseEmailsJobKey = 'pending';

export const dataUseEmails = defineJob<DataUseEmailsPayload>({
  name: 'data-use-emails',
  attempts: 3,
  backoffMs: 10_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, mailer, logger }) {
    const sent = await sendDataUseEmails(prisma, mailer, { logger });
    if (sent > 0) logger.info({ sent }, 'sent data-use e-mails');
  },
});
