// The data export's jobs run on both queue backends: the export job makes a requested export ready,
// and the repeating expiry job removes an export whose download time has passed, file and row.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jobDefinitions, myDataExport, myDataExportsExpire } from '../src/jobs';
import type { JobQueue } from '../src/jobs/backend';
import { createJobQueue } from '../src/jobs/queue';
import { createLogger } from '../src/logger';
import { exportFilePath } from '../src/my-data/export-files';
import { requestDataExport } from '../src/my-data/request-data-export';
import { buildMember } from './support/builders';
import { createTestServices, type TestServices } from './support/services';

type Backend = 'in-process' | 'bullmq';
const redisUrl = process.env.REDIS_URL;
const backends: Backend[] = redisUrl ? ['in-process', 'bullmq'] : ['in-process'];
const redisPrefix = `allmende-test-${randomBytes(6).toString('hex')}`;

let services: TestServices;
let exportDir: string;
const openQueues: JobQueue[] = [];

beforeAll(async () => {
  exportDir = path.join(mkdtempSync(path.join(tmpdir(), 'allmende-export-jobs-')), 'members');
  services = await createTestServices({ EXPORTS_DIR: path.dirname(exportDir) });
});
afterEach(async () => {
  await Promise.all(openQueues.splice(0).map((queue) => queue.close(1000)));
});
afterAll(async () => {
  await services.close();
  rmSync(path.dirname(exportDir), { recursive: true, force: true });
});

function openQueue(backend: Backend): JobQueue {
  const queue = createJobQueue({
    redisUrl: backend === 'bullmq' ? redisUrl : undefined,
    services,
    logger: createLogger('silent'),
    definitions: jobDefinitions,
    queueName: `my-data-${randomBytes(3).toString('hex')}`,
    redisPrefix,
    pollIntervalMs: 20,
  });
  openQueues.push(queue);
  return queue;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(backends)('the data export jobs on the %s backend', (backend) => {
  it('makes a requested export ready, and removes it once expired', async () => {
    const member = await buildMember(services, {});
    const { export: requested } = await requestDataExport(services.prisma, member.id);
    const queue = openQueue(backend);
    await queue.add(myDataExport, { exportId: requested.id }, { jobKey: requested.id });
    await queue.startWorkers();
    const ready = await waitFor(
      () => services.prisma.memberDataExport.findUniqueOrThrow({ where: { id: requested.id } }),
      (row) => row.status === 'ready',
    );
    expect(ready).toMatchObject({ status: 'ready', progress: 100 });
    expect(existsSync(exportFilePath(exportDir, ready.storageKey!))).toBe(true);

    await services.prisma.memberDataExport.update({ where: { id: requested.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await queue.add(myDataExportsExpire, {});
    expect(await waitFor(() => services.prisma.memberDataExport.count({ where: { id: requested.id } }), (count) => count === 0)).toBe(0);
    expect(existsSync(exportFilePath(exportDir, ready.storageKey!))).toBe(false);
  });
});
