// What a job is: a name, a typed payload, a handler and its retry policy. Both queue backends run the
// same definitions, so retries, backoff and timeouts behave alike with and without Redis.
import type { Logger } from '../logger';
import type { JobServices } from '../services';

/** The process's services (built once by createServices) and what belongs to this run. */
export interface JobContext extends JobServices {
  /** A child logger that names the job, its id and the attempt. */
  logger: Logger;
  /** 1 on the first run, 2 on the first retry, up to the definition's `attempts`. */
  attempt: number;
  /**
   * Aborted when the job runs past its timeout or the queue shuts down before it finished. The run
   * then counts as unfinished whatever the handler does; long handlers should check it between steps.
   */
  signal: AbortSignal;
}

export interface JobDefinition<Payload> {
  /** Unique among all definitions; also the stored job name, so renaming strands queued jobs. */
  name: string;
  /** Total runs before the job is marked failed (1 means no retry). */
  attempts: number;
  /** Wait before the first retry; it doubles with every further retry. */
  backoffMs: number;
  /** A run that takes longer fails (and is retried). Defaults to defaultJobTimeoutMs. */
  timeoutMs?: number;
  /**
   * Does the work. Payloads pass through JSON: use plain data (strings for dates and decimals).
   * Delivery is at least once (a crash or timeout can repeat a run), so handlers must be idempotent.
   */
  handle(payload: Payload, context: JobContext): Promise<void>;
}

export const defaultJobTimeoutMs = 5 * 60_000;

/** Limits on definitions, so a typo cannot make a job retry for years or hold a lock for days. */
export const jobLimits = {
  nameLengthMax: 100,
  attemptsMax: 20,
  backoffMsMax: 60 * 60_000,
  timeoutMsMax: 60 * 60_000,
} as const;

const namePattern = /^[a-z0-9][a-z0-9-]*$/;

/** Checks a definition and returns it unchanged; an invalid one is a programming error and throws. */
export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  const { name, attempts, backoffMs, timeoutMs } = definition;
  assertJob(namePattern.test(name) && name.length <= jobLimits.nameLengthMax, `job name "${name}" must be kebab-case`);
  assertJob(isIntegerIn(attempts, 1, jobLimits.attemptsMax), `${name}: attempts must be 1..${jobLimits.attemptsMax}`);
  assertJob(isIntegerIn(backoffMs, 0, jobLimits.backoffMsMax), `${name}: backoffMs must be 0..${jobLimits.backoffMsMax}`);
  if (timeoutMs !== undefined) {
    assertJob(isIntegerIn(timeoutMs, 1, jobLimits.timeoutMsMax), `${name}: timeoutMs must be 1..${jobLimits.timeoutMsMax}`);
  }
  return definition;
}

export function timeoutMsOf(definition: JobDefinition<unknown>): number {
  return definition.timeoutMs ?? defaultJobTimeoutMs;
}

/** Exponential backoff after a failed attempt (1-based), the same formula BullMQ's 'exponential' uses. */
export function backoffMsAfter(definition: JobDefinition<unknown>, failedAttempt: number): number {
  return Math.round(definition.backoffMs * 2 ** (failedAttempt - 1));
}

export function assertJob(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
