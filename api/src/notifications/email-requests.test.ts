// Requests for the e-mail job: at most one add per interval, and after every request an add made no
// earlier than the request.
import { createLogger } from '../logger';
import { NotificationEmailRequests } from './email-requests';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notification e-mail requests', () => {
  it('add at once, then once more at the end of the interval for the requests made within it', async () => {
    const adds: number[] = [];
    const requests = new NotificationEmailRequests(async () => void adds.push(Date.now()), createLogger('silent'), 100);
    const requestedAt: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      requestedAt.push(Date.now());
      await requests.request();
      await sleep(10);
    }
    expect(adds).toHaveLength(1);
    await sleep(150);
    expect(adds).toHaveLength(2);
    expect(adds[1]! - adds[0]!).toBeGreaterThanOrEqual(95);
    for (const at of requestedAt) expect(adds.some((added) => added >= at)).toBe(true);
    // After a quiet interval the next request adds at once again.
    await sleep(120);
    await requests.request();
    expect(adds).toHaveLength(3);
  });

  it('make the waiting add when flushed, and survive a failing add', async () => {
    let calls = 0;
    const requests = new NotificationEmailRequests(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('Redis is away');
      },
      createLogger('silent'),
      10_000,
    );
    await expect(requests.request()).resolves.toBeUndefined();
    await requests.request();
    expect(calls).toBe(1);
    await requests.flush();
    expect(calls).toBe(2);
    await requests.flush();
    expect(calls).toBe(2);
  });
});
