// The job queue on both backends: the in-process runner always, BullMQ too when REDIS_URL is set.
// Every test uses its own queue name (and BullMQ a key prefix unique to this run), so tests and runs
// never see each other's jobs.
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { TestDatabase } from '../../scripts/test/database';
import { createLogger } from '../src/logger';
import { defineJob, type JobDefinition } from '../src/jobs/definition';
import { createJobQueue, type JobQueue } from '../src/jobs/queue';
import { revokedSessionRetentionMs, sessionCleanup } from '../src/jobs/session-cleanup';
import { createTestServices, type TestServices } from './support/services';

type Backend = 'in-process' | 'bullmq';

const redisUrl = process.env.REDIS_URL;
const redisPrefix = `allmende-test-${randomBytes(6).toString('hex')}`;
const selectedBackend: Backend = redisUrl ? 'bullmq' : 'in-process';
const backends: Backend[] = redisUrl ? ['in-process', 'bullmq'] : ['in-process'];
const logger = createLogger('silent');
/** Slack for clocks that round to milliseconds; the checks are lower bounds, never speed. */
const clockToleranceMs = 5;

let services: TestServices;
let database: TestDatabase;
const openQueues: JobQueue[] = [];
const inspectors = new Map<string, Queue>();

beforeAll(async () => {
  services = await createTestServices();
  database = services.database;
});

afterEach(async () => {
  await Promise.all(openQueues.splice(0).map((queue) => queue.close(1000)));
});

afterAll(async () => {
  await removeRedisKeys();
  await services?.close();
});

let queueCount = 0;
function newQueueName(): string {
  queueCount += 1;
  return `test-${queueCount}-${randomBytes(3).toString('hex')}`;
}

function openQueue(backend: Backend, definitions: JobDefinition<unknown>[], queueName: string): JobQueue {
  const queue = createJobQueue({
    redisUrl: backend === 'bullmq' ? redisUrl : undefined,
    services,
    logger,
    definitions,
    queueName,
    redisPrefix,
    pollIntervalMs: 20,
  });
  openQueues.push(queue);
  return queue;
}

interface Run {
  payload: { n: number };
  attempt: number;
  startedAt: number;
}

/** A job that records its runs; `failOnAttempt` decides per attempt whether it fails. */
interface RecordingOptions {
  attempts?: number;
  backoffMs?: number;
  failOnAttempt?: (attempt: number) => boolean;
}

function recordingJob(options: RecordingOptions = {}) {
  const runs: Run[] = [];
  const definition = defineJob<{ n: number }>({
    name: `recording-${randomBytes(3).toString('hex')}`,
    attempts: options.attempts ?? 1,
    backoffMs: options.backoffMs ?? 10,
    async handle(payload, { attempt }) {
      runs.push({ payload, attempt, startedAt: Date.now() });
      if (options.failOnAttempt?.(attempt)) throw new Error(`failing attempt ${attempt}`);
    },
  });
  return { definition, runs };
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function inspector(queueName: string): Queue {
  let queue = inspectors.get(queueName);
  if (!queue) {
    // Read-only observers: they must not write the queue's metadata themselves.
    queue = new Queue(queueName, { connection: { url: redisUrl }, prefix: redisPrefix, skipMetasUpdate: true });
    inspectors.set(queueName, queue);
  }
  return queue;
}

interface StoredJob {
  status: 'waiting' | 'running' | 'completed' | 'failed';
  /** Attempts that counted: failures on BullMQ, started runs in the Job table. */
  attempts: number;
}

/** The one-off jobs of a queue as each backend stores them, in one vocabulary. */
async function storedJobs(backend: Backend, queueName: string): Promise<StoredJob[]> {
  if (backend === 'in-process') {
    const rows = await database.prisma.job.findMany({ where: { queue: queueName, repeatEveryMs: null } });
    return rows.map((row) => ({ status: row.status as StoredJob['status'], attempts: row.attempts }));
  }
  const jobs = await inspector(queueName).getJobs(['wait', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
  return Promise.all(
    jobs.map(async (job) => {
      const state = await job.getState();
      const status = state === 'active' ? 'running' : state === 'completed' || state === 'failed' ? state : 'waiting';
      return { status, attempts: job.attemptsMade };
    }),
  );
}

async function waitForStatus(backend: Backend, queueName: string, status: StoredJob['status']): Promise<void> {
  await waitFor(async () => (await storedJobs(backend, queueName)).some((job) => job.status === status), `a ${status} job`);
}

function rowOf(id: string) {
  return database.prisma.job.findUniqueOrThrow({ where: { id } });
}

async function repeatSchedules(backend: Backend, queueName: string): Promise<number> {
  if (backend === 'in-process') {
    return database.prisma.job.count({ where: { queue: queueName, repeatEveryMs: { not: null } } });
  }
  return inspector(queueName).getJobSchedulersCount();
}

/** Deletes every key this run wrote, then checks none is left. */
async function removeRedisKeys(): Promise<void> {
  if (!redisUrl) return;
  for (const queue of inspectors.values()) await queue.obliterate({ force: true });
  const cleaner = inspector('cleanup');
  const client = await cleaner.backend.client;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, { MATCH: `${redisPrefix}:*`, COUNT: 500 });
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  const [, left] = await client.scan('0', { MATCH: `${redisPrefix}:*`, COUNT: 10_000 });
  await Promise.all([...inspectors.values()].map((queue) => queue.close()));
  expect(left).toEqual([]);
}

describe.each(backends)('job queue on the %s backend', (backend) => {
  it('runs a job with its payload', async () => {
    const { definition, runs } = recordingJob();
    const queue = openQueue(backend, [definition], newQueueName());
    await queue.startWorkers();
    await queue.add(definition, { n: 7 });
    await waitFor(() => runs.length === 1, 'the run');
    expect(runs[0]).toMatchObject({ payload: { n: 7 }, attempt: 1 });
  });

  it('retries a failing job with exponential backoff, then marks it failed', async () => {
    const backoffMs = 40;
    const { definition, runs } = recordingJob({ attempts: 3, backoffMs, failOnAttempt: () => true });
    const queueName = newQueueName();
    const queue = openQueue(backend, [definition], queueName);
    await queue.startWorkers();
    await queue.add(definition, { n: 1 });
    await waitForStatus(backend, queueName, 'failed');
    expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
    const [first, second, third] = runs as [Run, Run, Run];
    expect(second.startedAt - first.startedAt).toBeGreaterThanOrEqual(backoffMs - clockToleranceMs);
    expect(third.startedAt - second.startedAt).toBeGreaterThanOrEqual(2 * backoffMs - clockToleranceMs);
    expect(await storedJobs(backend, queueName)).toEqual([{ status: 'failed', attempts: 3 }]);
  });

  it('completes a job whose retry succeeds', async () => {
    const { definition, runs } = recordingJob({ attempts: 3, failOnAttempt: (attempt) => attempt === 1 });
    const queueName = newQueueName();
    const queue = openQueue(backend, [definition], queueName);
    await queue.startWorkers();
    await queue.add(definition, { n: 1 });
    await waitForStatus(backend, queueName, 'completed');
    expect(runs.map((run) => run.attempt)).toEqual([1, 2]);
  });

  it('runs a delayed job no earlier than its delay', async () => {
    const delayMs = 300;
    const { definition, runs } = recordingJob();
    const queue = openQueue(backend, [definition], newQueueName());
    await queue.startWorkers();
    const addedAt = Date.now();
    await queue.add(definition, { n: 1 }, { delayMs });
    await waitFor(() => runs.length === 1, 'the delayed run');
    expect(runs[0]!.startedAt - addedAt).toBeGreaterThanOrEqual(delayMs - clockToleranceMs);
  });

  it('adds a job with a key only once while the first waits, and again once it is done', async () => {
    const { definition, runs } = recordingJob();
    const queueName = newQueueName();
    const queue = openQueue(backend, [definition], queueName);
    await queue.add(definition, { n: 1 }, { jobKey: 'member-1' });
    await queue.add(definition, { n: 2 }, { jobKey: 'member-1' });
    await queue.add(definition, { n: 3 }, { jobKey: 'member-2' });
    expect(await storedJobs(backend, queueName)).toHaveLength(2);

    await queue.startWorkers();
    const completed = async (count: number) =>
      (await storedJobs(backend, queueName)).filter((job) => job.status === 'completed').length === count;
    await waitFor(() => completed(2), 'both keyed jobs');
    expect(runs.map((run) => run.payload.n).sort()).toEqual([1, 3]);

    await queue.add(definition, { n: 4 }, { jobKey: 'member-1' });
    await waitFor(() => completed(3), 'the job added again with a free key');
    expect(runs.map((run) => run.payload.n).sort()).toEqual([1, 3, 4]);
  });

  it('repeats a job, with one schedule however often it is registered', async () => {
    const { definition, runs } = recordingJob();
    const queueName = newQueueName();
    // Two registrations, as two starts of the application would make them.
    await openQueue(backend, [definition], queueName).repeat(definition, { n: 1 }, 50);
    const queue = openQueue(backend, [definition], queueName);
    await queue.repeat(definition, { n: 2 }, 50);
    expect(await repeatSchedules(backend, queueName)).toBe(1);

    await queue.startWorkers();
    await waitFor(() => runs.length >= 3, 'three repeated runs');
    expect(runs.filter((run) => run.payload.n === 2).length).toBeGreaterThanOrEqual(2);
    expect(await repeatSchedules(backend, queueName)).toBe(1);
  });

  it('waits for a running job when closing', async () => {
    let finished = false;
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const slow = defineJob<Record<string, never>>({
      name: 'slow',
      attempts: 1,
      backoffMs: 0,
      async handle() {
        markStarted();
        await new Promise((resolve) => setTimeout(resolve, 200));
        finished = true;
      },
    });
    const queueName = newQueueName();
    const queue = openQueue(backend, [slow], queueName);
    await queue.startWorkers();
    await queue.add(slow, {});
    await started;
    await queue.close(10_000);
    expect(finished).toBe(true);
    expect((await storedJobs(backend, queueName)).map((job) => job.status)).toEqual(['completed']);
  });

  it('returns a job still running at the close timeout to waiting, and runs it after a restart', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const signalsAborted: boolean[] = [];
    let runCount = 0;
    let firstStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      firstStarted = resolve;
    });
    const stubborn = defineJob<Record<string, never>>({
      name: 'stubborn',
      attempts: 2,
      backoffMs: 0,
      async handle(_payload, { signal }) {
        runCount += 1;
        if (runCount > 1) return;
        firstStarted();
        // Ignores the signal on purpose: the queue must not depend on handlers cooperating.
        await blocked;
        signalsAborted.push(signal.aborted);
      },
    });
    const queueName = newQueueName();
    const queue = openQueue(backend, [stubborn], queueName);
    await queue.startWorkers();
    await queue.add(stubborn, {});
    await started;
    await queue.close(50);
    expect(await storedJobs(backend, queueName)).toEqual([{ status: 'waiting', attempts: 0 }]);

    const restarted = openQueue(backend, [stubborn], queueName);
    await restarted.startWorkers();
    await waitForStatus(backend, queueName, 'completed');
    expect(runCount).toBe(2);
    release();
    await waitFor(() => signalsAborted.length === 1, 'the first handler to return');
    expect(signalsAborted).toEqual([true]);
  });
});

describe('in-process runner', () => {
  it('takes over a job whose process stopped once its lock expires, and leaves a live lock alone', async () => {
    const { definition, runs } = recordingJob({ attempts: 3 });
    const queueName = newQueueName();
    const stale = randomUUID();
    const live = randomUUID();
    const running = { queue: queueName, name: definition.name, status: 'running', attempts: 1, maxAttempts: 3 };
    await database.prisma.job.createMany({
      data: [
        { ...running, id: stale, payload: { n: 1 }, lockedUntil: new Date(Date.now() - 60_000) },
        { ...running, id: live, payload: { n: 2 }, lockedUntil: new Date(Date.now() + 60 * 60_000) },
      ],
    });
    const queue = openQueue('in-process', [definition], queueName);
    await queue.startWorkers();
    await waitFor(async () => (await rowOf(stale)).status === 'completed', 'the stale job');
    expect(runs).toEqual([expect.objectContaining({ payload: { n: 1 }, attempt: 2 })]);
    expect(await rowOf(live)).toMatchObject({ status: 'running', attempts: 1 });
  });

  it('fails a job that was running on its last attempt when its process stopped', async () => {
    const { definition, runs } = recordingJob({ attempts: 2 });
    const queueName = newQueueName();
    const id = randomUUID();
    await database.prisma.job.create({
      data: {
        id,
        queue: queueName,
        name: definition.name,
        payload: { n: 1 },
        status: 'running',
        attempts: 2,
        maxAttempts: 2,
        lockedUntil: new Date(Date.now() - 1000),
      },
    });
    const queue = openQueue('in-process', [definition], queueName);
    await queue.startWorkers();
    await waitFor(async () => (await rowOf(id)).status === 'failed', 'the failed job');
    expect(runs).toEqual([]);
  });

  it('runs every job exactly once when several runners share a queue', async () => {
    const { definition, runs } = recordingJob();
    const queueName = newQueueName();
    const runners = [openQueue('in-process', [definition], queueName), openQueue('in-process', [definition], queueName)];
    const jobCount = 30;
    for (let n = 0; n < jobCount; n++) await runners[0]!.add(definition, { n });
    await Promise.all(runners.map((runner) => runner.startWorkers()));
    const completed = () => database.prisma.job.count({ where: { queue: queueName, status: 'completed' } });
    await waitFor(async () => (await completed()) === jobCount, 'all jobs');
    expect(runs.map((run) => run.payload.n).sort((a, b) => a - b)).toEqual([...Array(jobCount).keys()]);
  });
});

describe(`session-cleanup on the ${selectedBackend} backend`, () => {
  it('deletes expired sessions, sessions revoked more than a day ago and password resets expired more than a day ago, and nothing else', async () => {
    const member = await database.prisma.member.create({
      data: { email: `cleanup-${randomBytes(4).toString('hex')}@example.org`, displayName: 'Cleanup', passwordHash: 'x' },
    });
    const now = Date.now();
    const hour = 60 * 60_000;
    const sessions = {
      expired: { expiresAt: new Date(now - hour) },
      active: { expiresAt: new Date(now + 24 * hour) },
      revokedLongAgo: { expiresAt: new Date(now + 24 * hour), revokedAt: new Date(now - revokedSessionRetentionMs - hour) },
      revokedRecently: { expiresAt: new Date(now + 24 * hour), revokedAt: new Date(now - hour) },
    };
    await database.prisma.session.createMany({
      data: Object.entries(sessions).map(([id, session]) => ({ id, memberId: member.id, ...session })),
    });
    const expiredLongAgo = await database.prisma.passwordReset.create({ data: { memberId: member.id, expiresAt: new Date(now - revokedSessionRetentionMs - hour) } });
    const expiredRecently = await database.prisma.passwordReset.create({ data: { memberId: member.id, expiresAt: new Date(now - hour) } });

    const queueName = newQueueName();
    const queue = openQueue(selectedBackend, [sessionCleanup], queueName);
    await queue.startWorkers();
    await queue.add(sessionCleanup, {});
    await waitForStatus(selectedBackend, queueName, 'completed');

    const left = await database.prisma.session.findMany({ where: { memberId: member.id }, select: { id: true } });
    expect(left.map((session) => session.id).sort()).toEqual(['active', 'revokedRecently']);
    const resets = await database.prisma.passwordReset.findMany({ where: { memberId: member.id }, select: { id: true } });
    expect(resets.map((reset) => reset.id)).toEqual([expiredRecently.id]);
    expect(resets.map((reset) => reset.id)).not.toContain(expiredLongAgo.id);
  });
});
