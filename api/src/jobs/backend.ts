// What both queue backends share: the JobQueue contract, and the checks on what callers pass, so both
// reject the same mistakes.
import type { JobServices } from '../services';
import type { Logger } from '../logger';
import { assertJob, isIntegerIn, type JobDefinition } from './definition';

export interface AddJobOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /**
   * Idempotency key, scoped to the job's name: while a job with this key waits or runs, adding another
   * one with the same key adds nothing. Once it completed or failed the key can be used again.
   */
  jobKey?: string;
}

export interface JobQueue {
  readonly backend: 'bullmq' | 'in-process';
  add<Payload>(job: JobDefinition<Payload>, payload: Payload, options?: AddJobOptions): Promise<void>;
  /**
   * Runs the job every `everyMs`, the first time right away. One schedule per job name: calling it
   * again (each start does) updates the payload and interval instead of adding a second schedule.
   */
  repeat<Payload>(job: JobDefinition<Payload>, payload: Payload, everyMs: number): Promise<void>;
  /**
   * Begins processing: in the API process in embedded mode, in the worker process with Redis. From
   * then on the queue also keeps the repeating jobs registered (see schedule-keeper.ts).
   */
  startWorkers(): Promise<void>;
  /**
   * Stops taking jobs and waits up to `timeoutMs` for running ones. Runs still going then are aborted
   * and their jobs go back to waiting without counting the attempt. The Prisma client stays open.
   */
  close(timeoutMs?: number): Promise<void>;
}

export const jobQueueDefaults = {
  concurrency: 4,
  concurrencyMax: 100,
  pollIntervalMs: 500,
  queueName: 'jobs',
  redisPrefix: 'allmende',
  closeTimeoutMs: 10_000,
  /** How often running workers check that every repeating job is still registered. */
  scheduleCheckIntervalMs: 20_000,
  scheduleCheckIntervalMsMin: 10,
  scheduleCheckIntervalMsMax: 10 * 60_000,
} as const;

/**
 * How long finished jobs are kept for inspection on both backends. BullMQ also caps their number,
 * because Redis holds them in memory.
 */
export const finishedJobRetention = {
  completedMs: 24 * 60 * 60_000,
  failedMs: 7 * 24 * 60 * 60_000,
  completedCountMax: 1000,
  failedCountMax: 10_000,
} as const;

/** Limits on what callers pass, checked on both backends alike. */
export const addLimits = {
  jobKeyLengthMax: 200,
  delayMsMax: 365 * 24 * 60 * 60_000,
  everyMsMin: 10,
  everyMsMax: 7 * 24 * 60 * 60_000,
} as const;

export interface BackendSettings {
  services: JobServices;
  logger: Logger;
  definitions: Map<string, JobDefinition<unknown>>;
  concurrency: number;
  queueName: string;
  scheduleCheckIntervalMs: number;
}

/** Checks a job and its options before either backend stores it. */
export function assertAddable(settings: BackendSettings, job: JobDefinition<unknown>, options: AddJobOptions): void {
  assertKnown(settings, job);
  const { delayMs, jobKey } = options;
  if (delayMs !== undefined) {
    assertJob(isIntegerIn(delayMs, 0, addLimits.delayMsMax), `delayMs must be 0..${addLimits.delayMsMax}`);
  }
  if (jobKey !== undefined) {
    const lengthMax = addLimits.jobKeyLengthMax;
    assertJob(jobKey.length >= 1 && jobKey.length <= lengthMax, `jobKey must be 1..${lengthMax} characters`);
    assertJob(!jobKey.startsWith('@'), 'jobKey must not start with "@" (reserved for repeats)');
  }
}

export function assertRepeatable(settings: BackendSettings, job: JobDefinition<unknown>, everyMs: number): void {
  assertKnown(settings, job);
  const { everyMsMin, everyMsMax } = addLimits;
  assertJob(isIntegerIn(everyMs, everyMsMin, everyMsMax), `everyMs must be ${everyMsMin}..${everyMsMax}`);
}

function assertKnown(settings: BackendSettings, job: JobDefinition<unknown>): void {
  assertJob(settings.definitions.get(job.name) === job, `job "${job.name}" is not among this queue's definitions`);
}
