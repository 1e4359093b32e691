// A process that dies in the middle of an order step, simulated: a SqlDriver around the real one that
// counts the events of read-write transactions (each statement, each COMMIT, and the return after a
// COMMIT) and fails at the chosen one. Failing before a statement or before COMMIT rolls the
// transaction back, as the server does when a killed process's connection drops; failing after COMMIT
// is a process that died before it could answer. Tests hand the use cases a ledger built on this
// driver; production code has no hook of its own.
import type { SqlDriver, SqlSession, SqlTransactionMode } from '@allmende/ledger';

export class CrashError extends Error {
  constructor(readonly event: CrashEvent) {
    super(`Crash at event ${event.index} (${event.kind})`);
    this.name = 'CrashError';
  }
}

export interface CrashEvent {
  index: number;
  kind: 'statement' | 'commit' | 'committed';
  /** The statement's first words, for messages. */
  statement?: string;
}

export class CrashPlan {
  private next = 0;
  private crashAt: number | null = null;
  /** The events of the last run, in order. */
  readonly seen: CrashEvent[] = [];

  /** Fails at the event with this index (counted from 0 from now on); null runs without failing. */
  arm(crashAt: number | null): void {
    this.next = 0;
    this.crashAt = crashAt;
    this.seen.length = 0;
  }

  /** Counts an event and fails if it is the armed one. */
  event(kind: CrashEvent['kind'], statement?: string): void {
    const event: CrashEvent = { index: this.next, kind, ...(statement === undefined ? {} : { statement: statement.trim().split(/\s+/).slice(0, 4).join(' ') }) };
    this.next += 1;
    this.seen.push(event);
    if (this.crashAt === event.index) {
      this.crashAt = null;
      throw new CrashError(event);
    }
  }
}

export function crashingSqlDriver(inner: SqlDriver, plan: CrashPlan): SqlDriver {
  return {
    run: (text, values) => inner.run(text, values),
    async transaction<T>(mode: SqlTransactionMode, work: (session: SqlSession) => Promise<T>): Promise<T> {
      if (mode !== 'read-write') return inner.transaction(mode, work);
      const result = await inner.transaction(mode, async (session) => {
        const value = await work({
          run: (text, values) => {
            plan.event('statement', text);
            return session.run(text, values);
          },
        });
        plan.event('commit');
        return value;
      });
      plan.event('committed');
      return result;
    },
  };
}
