// Asks for the e-mails of new notifications to go out within seconds rather than at the job's next repeat.
import type { Context } from '../context';

/** Never fails the request: the repeating job sends the e-mails anyway. */
export async function requestNotificationEmails(context: Context): Promise<void> {
  await context.notificationEmailRequests.request();
}
