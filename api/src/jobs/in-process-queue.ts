// The queue without Redis: jobs are rows in the Job table, run by a loop in this process. It polls for
// due jobs every pollIntervalMs and wakes at once when this process adds a job or a run frees a slot.
import { assertJob, backoffMsAfter, timeoutMsOf, type JobDefinition } from './definition';
import {
  assertAddable,
  assertRepeatable,
  jobQueueDefaults,
  type AddJobOptions,
  type BackendSettings,
  type JobQueue,
} from './backend';
import { InProcessJobStore, type ClaimedJob } from './in-process-store';
import { errorMessageOf, JobInterruptedError, runJob } from './run-job';
import { ScheduleKeeper, type RepeatSchedule } from './schedule-keeper';

export interface InProcessSettings extends BackendSettings {
  pollIntervalMs: number;
}

/** A claim outlives its run's timeout by this much, so only a stopped process lets a lock expire. */
const lockGraceMs = 30_000;
const housekeepingIntervalMs = 10 * 60_000;

export function createInProcessJobQueue(settings: InProcessSettings): JobQueue {
  return new InProcessJobQueue(settings);
}

interface Run {
  job: ClaimedJob;
  shutdown: AbortController;
  done: Promise<void>;
}

class InProcessJobQueue implements JobQueue {
  readonly backend = 'in-process';
  private readonly store: InProcessJobStore;
  private readonly runs = new Map<string, Run>();
  private loop: Promise<void> | undefined;
  private state: 'idle' | 'running' | 'closing' | 'closed' = 'idle';
  private closing: Promise<void> | undefined;
  private wakeRequested = false;
  private wake: (() => void) | undefined;
  private housekeepingDueAt = 0;
  /**
   * The schedules are rows of the Job table, as durable as the data they work on, so they are not
   * lost the way a Redis without persistence loses them; the keeper still stores again a row that
   * went missing (deleted by hand, or a database restored from an older backup).
   */
  private readonly keeper: ScheduleKeeper;

  constructor(private readonly settings: InProcessSettings) {
    this.store = new InProcessJobStore(settings.services.prisma, settings.queueName);
    const store = {
      storedIntervals: () => this.store.repeatIntervals(),
      store: async ({ job, payload, everyMs }: RepeatSchedule) => {
        await this.store.upsertRepeat({ name: job.name, payload, maxAttempts: job.attempts, everyMs });
        this.requestWake();
      },
      remove: (name: string) => this.store.removeRepeat(name),
    };
    this.keeper = new ScheduleKeeper(store, settings.logger, settings.scheduleCheckIntervalMs, new Set(settings.definitions.keys()));
  }

  async add<Payload>(job: JobDefinition<Payload>, payload: Payload, options: AddJobOptions = {}): Promise<void> {
    this.assertOpen();
    assertAddable(this.settings, job, options);
    const added = await this.store.insert({
      name: job.name,
      payload,
      jobKey: options.jobKey ?? null,
      maxAttempts: job.attempts,
      delayMs: options.delayMs ?? 0,
    });
    if (!added) {
      this.settings.logger.debug({ job: job.name, jobKey: options.jobKey }, 'a job with this key is queued; not added');
    }
    this.requestWake();
  }

  async repeat<Payload>(job: JobDefinition<Payload>, payload: Payload, everyMs: number): Promise<void> {
    this.assertOpen();
    assertRepeatable(this.settings, job, everyMs);
    await this.keeper.register({ job, payload, everyMs });
  }

  async startWorkers(): Promise<void> {
    assertJob(this.state === 'idle', `startWorkers() called on a ${this.state} queue`);
    this.state = 'running';
    this.loop = this.runLoop();
    this.keeper.start();
  }

  close(timeoutMs: number = jobQueueDefaults.closeTimeoutMs): Promise<void> {
    this.closing ??= (async () => {
      this.keeper.stop();
      const wasRunning = this.state === 'running';
      this.state = 'closing';
      if (wasRunning) {
        this.requestWake();
        await this.loop;
        await this.waitForRuns(timeoutMs);
      }
      this.state = 'closed';
    })();
    return this.closing;
  }

  private async runLoop(): Promise<void> {
    const names = [...this.settings.definitions.keys()];
    const lockMs = names.map((name) => timeoutMsOf(this.definition(name)) + lockGraceMs);
    while (this.state === 'running') {
      const free = this.settings.concurrency - this.runs.size;
      let claimed: ClaimedJob[] = [];
      if (free > 0) {
        try {
          await this.housekeep();
          claimed = await this.store.claimDue(free, names, lockMs);
        } catch (error) {
          this.settings.logger.error({ err: error }, 'claiming jobs failed; trying again after the poll interval');
        }
      }
      if (this.state !== 'running') {
        // Closing began while claiming: hand these back untouched rather than start them.
        await this.store.release(claimed).catch((error: unknown) => {
          this.settings.logger.error({ err: error }, 'releasing claimed jobs failed');
        });
        break;
      }
      for (const job of claimed) this.start(job);
      // A full batch suggests more jobs are due: claim again without waiting.
      if (free > 0 && claimed.length === free) continue;
      await this.sleep();
    }
  }

  private start(job: ClaimedJob): void {
    const shutdown = new AbortController();
    const run: Run = { job, shutdown, done: Promise.resolve() };
    run.done = this.execute(job, shutdown.signal)
      .catch((error: unknown) => {
        this.settings.logger.error({ err: error, job: job.name, jobId: job.id }, 'recording a job result failed');
      })
      .finally(() => {
        this.runs.delete(job.id);
        this.requestWake();
      });
    this.runs.set(job.id, run);
  }

  private async execute(job: ClaimedJob, shutdownSignal: AbortSignal): Promise<void> {
    const definition = this.definition(job.name);
    const logger = this.settings.logger.child({ job: job.name, jobId: job.id });
    if (job.lockExpired) {
      logger.warn({ attempt: job.attempts }, 'job was running in a process that stopped; taking it over');
      if (job.attempts > job.maxAttempts) {
        await this.store.fail(job, 'Error: the process running the last attempt stopped before it finished');
        return;
      }
    }
    const outcome = await runJob(definition, job.payload, {
      services: this.settings.services,
      logger: this.settings.logger,
      jobId: job.id,
      attempt: job.attempts,
      shutdownSignal,
    });
    let recorded = true;
    if (outcome.kind === 'completed') {
      recorded = await this.store.complete(job);
    } else if (outcome.kind === 'interrupted') {
      await this.store.release([job]);
    } else if (job.attempts < job.maxAttempts) {
      const backoffMs = backoffMsAfter(definition, job.attempts);
      recorded = await this.store.retryLater(job, errorMessageOf(outcome.error), backoffMs);
    } else {
      logger.error({ err: outcome.error, attempts: job.attempts }, 'job failed on its last attempt');
      recorded = await this.store.fail(job, errorMessageOf(outcome.error));
    }
    if (!recorded) {
      logger.warn('the job lock expired before its result was written; another process may run it again');
    }
  }

  /** Waits for running jobs up to timeoutMs, then aborts the rest and returns their jobs to waiting. */
  private async waitForRuns(timeoutMs: number): Promise<void> {
    if (this.runs.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all([...this.runs.values()].map((run) => run.done)), timedOut]);
    clearTimeout(timer);
    const unfinished = [...this.runs.values()];
    if (unfinished.length === 0) return;
    const jobs = unfinished.map((run) => run.job.name);
    this.settings.logger.warn({ jobs }, 'jobs still running at shutdown; returning them to waiting');
    for (const run of unfinished) run.shutdown.abort(new JobInterruptedError());
    await Promise.all(unfinished.map((run) => run.done));
  }

  /** Deletes old finished rows now and then, so the table stays small. */
  private async housekeep(): Promise<void> {
    if (Date.now() < this.housekeepingDueAt) return;
    this.housekeepingDueAt = Date.now() + housekeepingIntervalMs;
    const deleted = await this.store.deleteFinished();
    if (deleted > 0) this.settings.logger.info({ deleted }, 'deleted finished jobs past their retention');
  }

  private sleep(): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), this.settings.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.wakeRequested = false;
        resolve();
      };
    });
  }

  private requestWake(): void {
    if (this.state !== 'running' && this.state !== 'closing') return;
    // Remembered when the loop is not sleeping, so a wake during a claim is not lost.
    this.wakeRequested = true;
    this.wake?.();
  }

  private definition(name: string): JobDefinition<unknown> {
    const definition = this.settings.definitions.get(name);
    assertJob(definition !== undefined, `no job definition named "${name}"`);
    return definition;
  }

  private assertOpen(): void {
    assertJob(this.state !== 'closing' && this.state !== 'closed', 'the job queue is closed');
  }
}
