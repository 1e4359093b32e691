// The queue with Redis: BullMQ stores the jobs, the worker process runs them. Retries, backoff,
// deduplication and repeats map onto BullMQ's own options so its tooling shows the same picture.
import { Queue, WaitingError, Worker, type Job, type JobsOptions } from 'bullmq';
import { assertJob, type JobDefinition } from './definition';
import {
  assertAddable,
  assertRepeatable,
  finishedJobRetention,
  jobQueueDefaults,
  type AddJobOptions,
  type BackendSettings,
  type JobQueue,
} from './backend';
import { JobInterruptedError, runJob } from './run-job';
import { ScheduleKeeper, type RepeatSchedule } from './schedule-keeper';

export interface BullmqSettings extends BackendSettings {
  redisUrl: string;
  redisPrefix: string;
}

export function createBullmqJobQueue(settings: BullmqSettings): JobQueue {
  return new BullmqJobQueue(settings);
}

/** Waits between attempts to reconnect to Redis: one more step per attempt, up to the maximum. */
const reconnectDelayMsStep = 500;
const reconnectDelayMsMax = 5_000;

/** Retry policy and retention, per job as BullMQ expects them; retention matches the Job table's. */
function jobOptionsOf(definition: JobDefinition<unknown>): JobsOptions {
  return {
    attempts: definition.attempts,
    backoff: { type: 'exponential', delay: definition.backoffMs },
    removeOnComplete: { age: finishedJobRetention.completedMs / 1000, count: finishedJobRetention.completedCountMax },
    removeOnFail: { age: finishedJobRetention.failedMs / 1000, count: finishedJobRetention.failedCountMax },
  };
}

class BullmqJobQueue implements JobQueue {
  readonly backend = 'bullmq';
  private readonly queue: Queue;
  private worker: Worker | undefined;
  /** One controller per running job, aborted when close() stops waiting for it. */
  private readonly runs = new Set<AbortController>();
  private closing: Promise<void> | undefined;
  private readonly keeper: ScheduleKeeper;
  /** Stops listening for reconnects; set while the keeper runs. */
  private stopReconnectChecks: (() => void) | undefined;

  constructor(private readonly settings: BullmqSettings) {
    this.queue = new Queue(settings.queueName, this.connectionOptions());
    this.queue.on('error', (error) => settings.logger.error({ err: error }, 'job queue connection error'));
    const store = {
      storedIntervals: async () => {
        const schedulers = await this.queue.getJobSchedulers();
        return new Map(schedulers.flatMap((scheduler) => (scheduler.every === undefined ? [] : [[scheduler.key, Number(scheduler.every)] as const])));
      },
      store: (schedule: RepeatSchedule) => this.upsertScheduler(schedule),
      remove: async (name: string) => {
        await this.queue.removeJobScheduler(name);
      },
    };
    this.keeper = new ScheduleKeeper(store, settings.logger, settings.scheduleCheckIntervalMs, new Set(settings.definitions.keys()));
  }

  async add<Payload>(job: JobDefinition<Payload>, payload: Payload, options: AddJobOptions = {}): Promise<void> {
    assertJob(!this.closing, 'the job queue is closed');
    assertAddable(this.settings, job, options);
    await this.queue.add(job.name, payload, {
      ...jobOptionsOf(job),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      // Simple-mode deduplication: the key is held until the job completes or finally fails.
      ...(options.jobKey !== undefined ? { deduplication: { id: `${job.name}:${options.jobKey}` } } : {}),
    });
  }

  async repeat<Payload>(job: JobDefinition<Payload>, payload: Payload, everyMs: number): Promise<void> {
    assertJob(!this.closing, 'the job queue is closed');
    assertRepeatable(this.settings, job, everyMs);
    await this.keeper.register({ job, payload, everyMs });
  }

  async startWorkers(): Promise<void> {
    assertJob(!this.closing && this.worker === undefined, 'startWorkers() called twice or after close()');
    const worker = new Worker(this.settings.queueName, (job, token, signal) => this.process(job, token, signal), {
      ...this.connectionOptions(),
      concurrency: this.settings.concurrency,
    });
    worker.on('error', (error) => this.settings.logger.error({ err: error }, 'job worker error'));
    this.worker = worker;
    await worker.waitUntilReady();
    // A Redis that restarted may have lost every schedule: check after each reconnect of the queue's
    // connection, besides the keeper's own periodic check.
    const client = await this.queue.getBackend().client;
    const onReady = () => this.keeper.requestCheck();
    client.on('ready', onReady);
    this.stopReconnectChecks = () => client.off('ready', onReady);
    this.keeper.start();
  }

  close(timeoutMs: number = jobQueueDefaults.closeTimeoutMs): Promise<void> {
    this.closing ??= this.closeNow(timeoutMs);
    return this.closing;
  }

  private async closeNow(timeoutMs: number): Promise<void> {
    this.keeper.stop();
    this.stopReconnectChecks?.();
    if (this.worker) {
      // worker.close() stops fetching and waits for running jobs without a limit; a second call only
      // returns the same promise. So the limit is ours: abort what still runs, which process() turns
      // into a move back to waiting, and worker.close() then finishes.
      const closing = this.worker.close();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const result = await Promise.race([closing, timedOut]);
      clearTimeout(timer);
      if (result === 'timeout' && this.runs.size > 0) {
        this.settings.logger.warn({ jobs: this.runs.size }, 'jobs still running at shutdown; returning them to waiting');
        for (const run of this.runs) run.abort(new JobInterruptedError());
      }
      await closing;
    }
    await this.queue.close();
  }

  private async process(job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    const definition = this.settings.definitions.get(job.name);
    // Thrown, not asserted: during a rolling deploy an older worker may meet a newer job; the retry
    // lets a newer worker take it.
    if (!definition) throw new Error(`no job definition named "${job.name}" in this worker`);
    const shutdown = new AbortController();
    this.runs.add(shutdown);
    try {
      const attempt = job.attemptsMade + 1;
      const outcome = await runJob(definition, job.data, {
        services: this.settings.services,
        logger: this.settings.logger,
        jobId: job.id ?? '',
        attempt,
        shutdownSignal: shutdown.signal,
        signals: signal ? [signal] : [],
      });
      if (outcome.kind === 'completed') return;
      if (outcome.kind === 'interrupted') {
        // If this fails the job stays active until its lock expires; BullMQ's stalled check then
        // returns it to waiting.
        if (token) {
          await job.moveToWait(token).catch((error: unknown) => {
            this.settings.logger.error({ err: error, job: job.name, jobId: job.id }, 'returning a job to waiting failed');
          });
        }
        throw new WaitingError();
      }
      if (attempt >= (job.opts.attempts ?? 1)) {
        const context = { err: outcome.error, job: job.name, jobId: job.id, attempts: attempt };
        this.settings.logger.error(context, 'job failed on its last attempt');
      }
      throw outcome.error;
    } finally {
      this.runs.delete(shutdown);
    }
  }

  private async upsertScheduler({ job, payload, everyMs }: RepeatSchedule): Promise<void> {
    await this.queue.upsertJobScheduler(job.name, { every: everyMs }, { name: job.name, data: payload, opts: jobOptionsOf(job) });
  }

  /**
   * Every connection reconnects for as long as the queue is open, at most reconnectDelayMsMax apart,
   * so a restarted Redis is back in use within seconds (BullMQ's own default waits up to 20 s).
   * BullMQ itself gives the worker's connections `maxRetriesPerRequest: null`, so their blocking
   * commands wait through an outage instead of failing; the queue's connection keeps ioredis's
   * default and fails a command after 20 reconnect attempts.
   */
  private connectionOptions() {
    const retryStrategy = (attempt: number) => Math.min(attempt * reconnectDelayMsStep, reconnectDelayMsMax);
    return { connection: { url: this.settings.redisUrl, retryStrategy }, prefix: this.settings.redisPrefix };
  }
}
