// The one queue factory. With a Redis URL jobs go through BullMQ and run in the worker process; without
// one they are rows in the Job table, run by an in-process runner (embedded mode). Callers see the same
// JobQueue either way.
import type { Logger } from '../logger';
import type { JobServices } from '../services';
import { assertJob, isIntegerIn, type JobDefinition } from './definition';
import { createBullmqJobQueue } from './bullmq-queue';
import { createInProcessJobQueue } from './in-process-queue';
import { jobQueueDefaults, type JobQueue } from './backend';

export { jobQueueDefaults, addLimits, type AddJobOptions, type JobQueue } from './backend';

export interface JobQueueOptions {
  /** BullMQ on Redis when set; the in-process runner on the Job table otherwise. */
  redisUrl?: string | undefined;
  /** What the jobs run with; the in-process runner also keeps its Job table in services.prisma. */
  services: JobServices;
  logger: Logger;
  /** Every job this process may add or run; see jobDefinitions in ./index. */
  definitions: JobDefinition<unknown>[];
  /** Runs at the same time in this process. */
  concurrency?: number;
  /** In-process runner: how often to look for due jobs (jobs added in this process wake it at once). */
  pollIntervalMs?: number;
  /** Separates independent queues: the Job table's queue column, the BullMQ queue name. */
  queueName?: string;
  /** How often running workers check that every repeating job is still registered. */
  scheduleCheckIntervalMs?: number;
  /** BullMQ only: prefix of every Redis key, so several installations can share one Redis. */
  redisPrefix?: string;
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const concurrency = options.concurrency ?? jobQueueDefaults.concurrency;
  const { concurrencyMax } = jobQueueDefaults;
  assertJob(isIntegerIn(concurrency, 1, concurrencyMax), `concurrency must be 1..${concurrencyMax}`);
  const scheduleCheckIntervalMs = options.scheduleCheckIntervalMs ?? jobQueueDefaults.scheduleCheckIntervalMs;
  const { scheduleCheckIntervalMsMin: checkMin, scheduleCheckIntervalMsMax: checkMax } = jobQueueDefaults;
  assertJob(isIntegerIn(scheduleCheckIntervalMs, checkMin, checkMax), `scheduleCheckIntervalMs must be ${checkMin}..${checkMax}`);
  const names = new Set<string>();
  for (const definition of options.definitions) {
    assertJob(!names.has(definition.name), `two job definitions are named "${definition.name}"`);
    names.add(definition.name);
  }
  const settings = {
    services: options.services,
    logger: options.logger.child({ component: 'jobs' }),
    definitions: new Map(options.definitions.map((definition) => [definition.name, definition])),
    concurrency,
    queueName: options.queueName ?? jobQueueDefaults.queueName,
    scheduleCheckIntervalMs,
  };
  if (options.redisUrl) {
    const redisPrefix = options.redisPrefix ?? jobQueueDefaults.redisPrefix;
    return createBullmqJobQueue({ ...settings, redisUrl: options.redisUrl, redisPrefix });
  }
  const pollIntervalMs = options.pollIntervalMs ?? jobQueueDefaults.pollIntervalMs;
  return createInProcessJobQueue({ ...settings, pollIntervalMs });
}

