// Repeating jobs stay registered while workers run: a schedule the backend lost is registered again by
// the periodic check (both backends), and after a restart of a Redis that keeps nothing on disk the
// whole schedule is back as soon as the queue reconnects, without restarting the worker.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { TestDatabase } from '../../scripts/test/database';
import { jobDefinitions, repeatingSchedules, scheduleRepeatingJobs } from '../src/jobs';
import { defineJob } from '../src/jobs/definition';
import { createJobQueue, jobQueueDefaults, type JobQueue } from '../src/jobs/queue';
import { createLogger } from '../src/logger';
import { createMailer } from '../src/mail/mailer';
import { createTestServices, type TestServices } from './support/services';

type Backend = 'in-process' | 'bullmq';

const redisUrl = process.env.REDIS_URL;
const backends: Backend[] = redisUrl ? ['in-process', 'bullmq'] : ['in-process'];
const redisPrefix = `allmende-test-${randomBytes(6).toString('hex')}`;
const logger = createLogger('silent');
/** What the healing must stay within, on a machine shared with other work. */
const healedWithinMs = 60_000;

let services: TestServices;
let database: TestDatabase;
const openQueues: JobQueue[] = [];
const inspectors: Queue[] = [];

beforeAll(async () => {
  services = await createTestServices();
  database = services.database;
});

afterEach(async () => {
  await Promise.all(openQueues.splice(0).map((queue) => queue.close(1000)));
});

afterAll(async () => {
  for (const inspector of inspectors.splice(0)) {
    await inspector.obliterate({ force: true }).catch(() => undefined);
    await inspector.close();
  }
  await services?.close();
});

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // A check that fails (Redis still restarting) counts as not yet.
  while (!(await Promise.resolve().then(condition).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function recordingJob() {
  const runs: { n: number }[] = [];
  const definition = defineJob<{ n: number }>({
    name: `recording-${randomBytes(3).toString('hex')}`,
    attempts: 1,
    backoffMs: 10,
    async handle(payload) {
      runs.push(payload);
    },
  });
  return { definition, runs };
}

/** A read-only view of a BullMQ queue, for checking what Redis holds. */
function inspector(url: string, queueName: string, prefix: string): Queue {
  const queue = new Queue(queueName, { connection: { url }, prefix, skipMetasUpdate: true });
  queue.on('error', () => undefined);
  inspectors.push(queue);
  return queue;
}

describe.each(backends)('repeating jobs on the %s backend', (backend) => {
  it('registers a schedule the backend lost again at the next check, and runs the job', async () => {
    const { definition, runs } = recordingJob();
    const queueName = `keeper-${randomBytes(3).toString('hex')}`;
    const queue = createJobQueue({
      redisUrl: backend === 'bullmq' ? redisUrl : undefined,
      services,
      logger,
      definitions: [definition],
      queueName,
      redisPrefix,
      pollIntervalMs: 20,
      scheduleCheckIntervalMs: 200,
    });
    openQueues.push(queue);
    // Long enough that a second run can only come from a schedule registered anew.
    await queue.repeat(definition, { n: 1 }, 60 * 60_000);
    await queue.startWorkers();
    await waitFor(() => runs.length === 1, 'the first run');

    if (backend === 'in-process') {
      await database.prisma.job.deleteMany({ where: { queue: queueName } });
    } else {
      await inspector(redisUrl!, queueName, redisPrefix).removeJobScheduler(definition.name);
    }

    await waitFor(() => runs.length === 2, 'a run of the schedule registered again');
    const schedules =
      backend === 'in-process'
        ? await database.prisma.job.count({ where: { queue: queueName, repeatEveryMs: { not: null } } })
        : await inspector(redisUrl!, queueName, redisPrefix).getJobSchedulersCount();
    expect(schedules).toBe(1);
  });
});

function redisServerOnPath(): boolean {
  return !spawnSync('redis-server', ['--version']).error;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Redis of this test's own that keeps nothing on disk, like the one the services mode expects. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    redis.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    redis.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return redis;
}

async function stopRedis(redis: ChildProcess): Promise<void> {
  if (redis.exitCode !== null || redis.signalCode !== null) return;
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  redis.kill('SIGKILL');
  await exited;
}

/** Name and interval of every job scheduler the queue holds, by name. */
async function schedulers(queue: Queue): Promise<string[]> {
  const list = await queue.getJobSchedulers();
  return list.map((scheduler) => `${scheduler.key} every ${scheduler.every}`).sort();
}

const restartSkipReason = !redisUrl
  ? 'runs in the services-mode suite (REDIS_URL set)'
  : !redisServerOnPath()
    ? 'redis-server is not on PATH'
    : undefined;
const restartTitle = 'registers the whole schedule again after a restart of Redis without persistence, and runs jobs added after it';

describe('a worker whose Redis restarts empty', () => {
  let redis: ChildProcess | undefined;
  let view: Queue | undefined;

  // After afterEach closed the queue: nothing may still be connected when its Redis goes.
  afterAll(async () => {
    await view?.close();
    if (redis) await stopRedis(redis);
  });

  if (restartSkipReason) {
    it.skip(`${restartTitle} (skipped: ${restartSkipReason})`, () => undefined);
    return;
  }

  it(restartTitle, async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'allmende-redis-'));
    const url = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port, dir);
    const mailer = createMailer({ smtpUrl: undefined, from: 'Allmende <no-reply@localhost>', outboxDir: path.join(dir, 'outbox'), publicUrl: 'http://localhost' });

    const { definition: added, runs } = recordingJob();
    // The real schedule, as the worker process registers it. The periodic check is left at its
    // longest, so only the check after reconnecting can bring the schedule back in this test.
    const queue = createJobQueue({
      redisUrl: url,
      services: { ...services, mailer },
      logger,
      definitions: [...jobDefinitions, added],
      scheduleCheckIntervalMs: jobQueueDefaults.scheduleCheckIntervalMsMax,
    });
    openQueues.push(queue);
    await scheduleRepeatingJobs(queue);
    await queue.startWorkers();
    view = new Queue(jobQueueDefaults.queueName, { connection: { url }, prefix: jobQueueDefaults.redisPrefix, skipMetasUpdate: true });
    view.on('error', () => undefined);
    const registered = await schedulers(view);
    expect(registered.map((entry) => entry.split(' ')[0])).toEqual(repeatingSchedules().map(({ job }) => job.name).sort());

    // The new Redis starts empty (nothing on disk); the queue reconnects to it within seconds.
    await stopRedis(redis);
    redis = await startRedis(port, dir);

    await waitFor(async () => (await schedulers(view!)).join() === registered.join(), 'the schedule registered again', healedWithinMs);
    // The restarted Redis holds only what came after it: any finished job ran after the restart.
    await waitFor(async () => (await view!.getJobs(['completed', 'failed'])).length > 0, 'a repeating job run', healedWithinMs);

    await queue.add(added, { n: 7 });
    await waitFor(() => runs.length === 1, 'a job added after the restart', healedWithinMs);
    expect(runs).toEqual([{ n: 7 }]);
  }, 3 * healedWithinMs);
});
