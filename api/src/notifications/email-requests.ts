// Asks for the notification e-mail job after changes that notify, at most once per interval per
// process. A request within the interval after an add is answered by one more add at the interval's
// end, so every request is followed by an add made no earlier than itself: the run that add queues,
// or finds queued under the job's key, starts after it and sees the request's notifications. A busy
// market so adds the job about once a second instead of once per order.
import type { Logger } from '../logger';

export class NotificationEmailRequests {
  private lastAddAt = Number.NEGATIVE_INFINITY;
  private trailing: NodeJS.Timeout | null = null;

  constructor(
    private readonly add: () => Promise<void>,
    private readonly logger: Logger,
    private readonly intervalMs = 1_000,
  ) {}

  /** Never fails: the repeating job sends the e-mails anyway. */
  async request(): Promise<void> {
    if (this.trailing) return;
    const now = Date.now();
    const wait = this.lastAddAt + this.intervalMs - now;
    if (wait <= 0) {
      this.lastAddAt = now;
      await this.addLogged();
      return;
    }
    // Not keeping the process alive for it: close() makes the add, and the repeating job is the net.
    this.trailing = setTimeout(() => void this.flush(), wait).unref();
  }

  /** Makes the add a request is waiting for now (when the process stops). */
  async flush(): Promise<void> {
    if (!this.trailing) return;
    clearTimeout(this.trailing);
    this.trailing = null;
    this.lastAddAt = Date.now();
    await this.addLogged();
  }

  private async addLogged(): Promise<void> {
    try {
      await this.add();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not add the notification e-mail job');
    }
  }
}
