// Asks for the e-mails of new notifications to go out now rather than at the job's next repeat.
import type { Context } from '../context';
import { notificationEmails, notificationEmailsJobKey } from '../jobs';

/** Never fails the request: the repeating job sends the e-mails anyway. */
export async function requestNotificationEmails(context: Context): Promise<void> {
  try {
    await context.jobs.add(notificationEmails, {}, { jobKey: notificationEmailsJobKey });
  } catch (error) {
    context.logger.warn({ err: error }, 'could not add the notification e-mail job');
  }
}
