// Runs one attempt of a job the same way on both backends: a timeout, an abort signal for the handler,
// and an outcome that tells the backend whether the attempt failed or was interrupted by shutdown.
import type { Logger } from '../logger';
import type { JobServices } from '../services';
import { timeoutMsOf, type JobDefinition } from './definition';

export class JobTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the job ran longer than its timeout of ${timeoutMs} ms`);
    this.name = 'JobTimeoutError';
  }
}

/** The queue was closed before the run finished; the job goes back to waiting, the attempt does not count. */
export class JobInterruptedError extends Error {
  constructor() {
    super('the queue shut down before the job finished');
    this.name = 'JobInterruptedError';
  }
}

export interface RunJobInput {
  services: JobServices;
  logger: Logger;
  jobId: string;
  attempt: number;
  /** Aborted (with a JobInterruptedError) when the backend stops waiting for this run at shutdown. */
  shutdownSignal: AbortSignal;
  /** Further signals that end the run (BullMQ's cancellation signal). */
  signals?: AbortSignal[];
}

export type RunJobOutcome =
  | { kind: 'completed' }
  | { kind: 'failed'; error: Error }
  | { kind: 'interrupted' };

/** Longest error text stored with a job. */
export const errorMessageLengthMax = 2000;

export async function runJob<Payload>(
  definition: JobDefinition<Payload>,
  payload: Payload,
  input: RunJobInput,
): Promise<RunJobOutcome> {
  const timeoutMs = timeoutMsOf(definition);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new JobTimeoutError(timeoutMs)), timeoutMs);
  const signal = AbortSignal.any([timeout.signal, input.shutdownSignal, ...(input.signals ?? [])]);
  const logger = input.logger.child({ job: definition.name, jobId: input.jobId, attempt: input.attempt });
  let onAbort: (() => void) | undefined;
  try {
    logger.debug('job started');
    // The run ends at the first abort even if the handler ignores the signal: the backend must be able
    // to retry or release the job. A handler still running afterwards can only repeat idempotent work.
    await new Promise<void>((resolve, reject) => {
      onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const context = { ...input.services, logger, attempt: input.attempt, signal };
      definition.handle(payload, context).then(resolve, reject);
    });
    logger.debug('job completed');
    return { kind: 'completed' };
  } catch (caught) {
    if (input.shutdownSignal.aborted && !timeout.signal.aborted) {
      logger.warn('job interrupted by shutdown; it goes back to waiting');
      return { kind: 'interrupted' };
    }
    const error = caught instanceof Error ? caught : new Error(String(caught));
    logger.warn({ err: error }, 'job attempt failed');
    return { kind: 'failed', error };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

export function errorMessageOf(error: Error): string {
  const message = `${error.name}: ${error.message}`;
  return message.length > errorMessageLengthMax ? `${message.slice(0, errorMessageLengthMax - 1)}…` : message;
}
