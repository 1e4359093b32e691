// Asks for the e-mails of new notifications to go out within seconds rather than at the job's next repeat.
import type { Context } from '../context';
import { notificationEmails, notificationEmailsJobKey } from '../jobs';

/**
 * The job runs this long after the first request of a burst: the requests made while it waits find it
 * queued under its key, so a busy market runs it once per interval instead of once per request.
 */
const notificationEmailsGatherMs = 2_000;

/** Never fails the request: the repeating job sends the e-mails anyway. */
export async function requestNotificationEmails(context: Context): Promise<void> {
  try {
    await context.jobs.add(notificationEmails, {}, { jobKey: notificationEmailsJobKey, delayMs: notificationEmailsGatherMs });
  } catch (error) {
    context.logger.warn({ err: error }, 'could not add the notification e-mail job');
  }
}
