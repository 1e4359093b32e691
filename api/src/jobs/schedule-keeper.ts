// Keeps the repeating jobs registered. A schedule lives where the backend stores jobs: a Redis that
// restarts without persistence forgets BullMQ's job schedulers, and then no hold expires, no block is
// sealed and no e-mail goes out until some process registers them again. So the queue remembers every
// schedule it was given, and while its workers run it compares them with what the backend holds, now
// and then and whenever the backend asks (BullMQ: after every reconnect), and registers again what
// is missing or differs. Registering is idempotent on both backends, so two processes doing it at
// once do no harm.
import type { Logger } from '../logger';
import type { JobDefinition } from './definition';

export interface RepeatSchedule {
  job: JobDefinition<unknown>;
  payload: unknown;
  everyMs: number;
}

/** What a backend offers the keeper. */
export interface ScheduleStore {
  /** The interval of every schedule the backend holds now, by job name. */
  storedIntervals(): Promise<Map<string, number>>;
  /** Creates the schedule or updates it in place (payload and interval); never adds a second one. */
  store(schedule: RepeatSchedule): Promise<void>;
  /** Removes the schedule of a job no definition names any more (a job that was retired). */
  remove(name: string): Promise<void>;
}

export class ScheduleKeeper {
  private readonly schedules = new Map<string, RepeatSchedule>();
  private timer: NodeJS.Timeout | undefined;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  /** The check under way, and whether another was asked for while it ran. */
  private checking: Promise<void> | undefined;
  private checkAgain = false;

  constructor(
    private readonly store: ScheduleStore,
    private readonly logger: Logger,
    private readonly intervalMs: number,
    /** Every job this process knows; a stored schedule of any other job is a retired job's and goes. */
    private readonly knownJobNames: ReadonlySet<string>,
  ) {}

  /** Stores the schedule and remembers it, so it is stored again if the backend loses it. */
  async register(schedule: RepeatSchedule): Promise<void> {
    this.schedules.set(schedule.job.name, schedule);
    await this.store.store(schedule);
  }

  /** Checks now and then every intervalMs, until stop(). */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.requestCheck();
  }

  /** Checks as soon as the check under way (if any) is done; a backend calls it after reconnecting. */
  requestCheck(): void {
    if (this.state !== 'running') return;
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.checking = this.checkLogged().finally(() => {
      this.checking = undefined;
      if (this.state !== 'running') return;
      if (this.checkAgain) {
        this.checkAgain = false;
        this.requestCheck();
        return;
      }
      this.timer = setTimeout(() => this.requestCheck(), this.intervalMs);
      this.timer.unref();
    });
  }

  /** Stops checking. A check under way finishes (or fails, when the backend closes) on its own. */
  stop(): void {
    this.state = 'stopped';
    clearTimeout(this.timer);
  }

  /**
   * Stores again every remembered schedule the backend lacks or holds with another interval, and
   * removes the schedules of retired jobs; returns the names stored again.
   */
  async check(): Promise<string[]> {
    if (this.schedules.size === 0) return [];
    const stored = await this.store.storedIntervals();
    for (const name of stored.keys()) {
      if (this.knownJobNames.has(name) || this.state === 'stopped') continue;
      await this.store.remove(name);
      this.logger.info({ job: name }, 'removed the schedule of a job that no longer exists');
    }
    const missing = [...this.schedules.values()].filter((schedule) => stored.get(schedule.job.name) !== schedule.everyMs);
    for (const schedule of missing) {
      if (this.state === 'stopped') break;
      await this.store.store(schedule);
    }
    return missing.map((schedule) => schedule.job.name);
  }

  private async checkLogged(): Promise<void> {
    try {
      const restored = await this.check();
      if (restored.length > 0) this.logger.warn({ jobs: restored }, 'repeating jobs were missing from the queue; registered them again');
    } catch (error) {
      // Expected while the backend is unreachable; the next check or reconnect tries again.
      if (this.state === 'running') this.logger.warn({ err: error }, 'checking the repeating jobs failed; trying again later');
    }
  }
}
