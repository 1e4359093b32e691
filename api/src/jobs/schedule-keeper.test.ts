import { createLogger } from '../logger';
import { defineJob } from './definition';
import { ScheduleKeeper, type RepeatSchedule, type ScheduleStore } from './schedule-keeper';

const job = (name: string) => defineJob<Record<string, never>>({ name, attempts: 1, backoffMs: 0, handle: async () => undefined });
const first = job('first');
const second = job('second');

/** A backend's schedules in memory; `storedIntervals` can be held open to see checks overlap. */
function memoryStore() {
  const held: Map<string, number> = new Map();
  const stored: string[] = [];
  let listings = 0;
  let listingsRunning = 0;
  let listingsRunningMax = 0;
  let release: (() => void) | undefined;
  const store: ScheduleStore = {
    async storedIntervals() {
      listings += 1;
      listingsRunning += 1;
      listingsRunningMax = Math.max(listingsRunningMax, listingsRunning);
      if (release === undefined) await new Promise<void>((resolve) => (release = resolve));
      listingsRunning -= 1;
      return new Map(held);
    },
    async store(schedule: RepeatSchedule) {
      held.set(schedule.job.name, schedule.everyMs);
      stored.push(schedule.job.name);
    },
    async remove(name: string) {
      held.delete(name);
    },
  };
  return {
    store,
    held,
    stored,
    stats: () => ({ listings, listingsRunningMax }),
    /** Lets every listing answer from now on. */
    open: () => {
      const waiting = release;
      release = () => undefined;
      waiting?.();
    },
  };
}

const logger = createLogger('silent');
const known = new Set(['first', 'second']);

describe('ScheduleKeeper', () => {
  it('stores again what the backend lacks or holds with another interval, and nothing else', async () => {
    const memory = memoryStore();
    memory.open();
    const keeper = new ScheduleKeeper(memory.store, logger, 60_000, known);
    await keeper.register({ job: first, payload: {}, everyMs: 1000 });
    await keeper.register({ job: second, payload: {}, everyMs: 2000 });
    expect(await keeper.check()).toEqual([]);

    memory.held.delete('first');
    memory.held.set('second', 5000);
    expect(await keeper.check()).toEqual(['first', 'second']);
    expect([...memory.held]).toEqual([
      ['second', 2000],
      ['first', 1000],
    ]);
    expect(memory.stored).toEqual(['first', 'second', 'first', 'second']);
  });

  it('removes the schedule of a job that no definition names any more', async () => {
    const memory = memoryStore();
    memory.open();
    const keeper = new ScheduleKeeper(memory.store, logger, 60_000, known);
    await keeper.register({ job: first, payload: {}, everyMs: 1000 });
    memory.held.set('retired', 30_000);
    expect(await keeper.check()).toEqual([]);
    expect([...memory.held.keys()]).toEqual(['first']);
  });

  it('runs one check at a time, and one more after it when asked during it', async () => {
    const memory = memoryStore();
    const keeper = new ScheduleKeeper(memory.store, logger, 60_000, known);
    await keeper.register({ job: first, payload: {}, everyMs: 1000 });
    keeper.start();
    keeper.requestCheck();
    keeper.requestCheck();
    memory.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    keeper.stop();
    expect(memory.stats()).toEqual({ listings: 2, listingsRunningMax: 1 });
  });

  it('does not check before start or after stop', async () => {
    const memory = memoryStore();
    memory.open();
    const keeper = new ScheduleKeeper(memory.store, logger, 10, known);
    await keeper.register({ job: first, payload: {}, everyMs: 1000 });
    keeper.requestCheck();
    expect(memory.stats().listings).toBe(0);
    keeper.start();
    keeper.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    keeper.requestCheck();
    expect(memory.stats().listings).toBe(1);
  });
});
