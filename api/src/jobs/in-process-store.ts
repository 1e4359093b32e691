// The SQL of the in-process runner on the Job table. Every statement is a single atomic UPDATE, INSERT
// or DELETE, so several processes on one PostgreSQL database can share a queue: claims skip rows
// another process has locked, and a run's result is written only while that run still holds the job.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { finishedJobRetention } from './backend';

/**
 * A job this process claimed. Its lockedUntil identifies the claim: every later write checks it, so a run
 * whose claim was taken over (after its lock expired) or released at shutdown writes nothing.
 */
export interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  /** Counting this run. */
  attempts: number;
  maxAttempts: number;
  repeatEveryMs: number | null;
  lockedUntil: Date;
  /** The job was running when its lock expired: the process running it stopped. */
  lockExpired: boolean;
}

/** Housekeeping deletes at most this many finished rows per statement. */
const deleteBatchSize = 1000;

/** The key a repeating job is stored under; user keys cannot start with "@". */
export const repeatJobKey = '@repeat';

export class InProcessJobStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly queue: string,
  ) {}

  /** Returns false when a job with the same name and key is still waiting or running. */
  async insert(job: {
    name: string;
    payload: unknown;
    jobKey: string | null;
    maxAttempts: number;
    delayMs: number;
  }): Promise<boolean> {
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO "Job" (id, queue, name, payload, "jobKey", "maxAttempts", "runAt")
      VALUES (${randomUUID()}::uuid, ${this.queue}, ${job.name}, ${JSON.stringify(job.payload)}::jsonb, ${job.jobKey},
              ${job.maxAttempts}, now() + ${job.delayMs}::double precision * interval '1 millisecond')
      ON CONFLICT DO NOTHING`;
    return inserted > 0;
  }

  /** Creates the job's one repeating row, or updates its payload, attempts and interval. */
  async upsertRepeat(job: { name: string; payload: unknown; maxAttempts: number; everyMs: number }): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO "Job" (id, queue, name, payload, "jobKey", "maxAttempts", "repeatEveryMs", "runAt")
      VALUES (${randomUUID()}::uuid, ${this.queue}, ${job.name}, ${JSON.stringify(job.payload)}::jsonb, ${repeatJobKey},
              ${job.maxAttempts}, ${job.everyMs}, now())
      ON CONFLICT (queue, name, "jobKey") DO UPDATE SET
        payload = EXCLUDED.payload,
        "maxAttempts" = EXCLUDED."maxAttempts",
        "repeatEveryMs" = EXCLUDED."repeatEveryMs",
        "runAt" = LEAST("Job"."runAt", now() + EXCLUDED."repeatEveryMs" * interval '1 millisecond')`;
  }

  /** Removes the repeating job of this name (waiting or done; a running one finishes first). */
  async removeRepeat(name: string): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM "Job" WHERE queue = ${this.queue} AND name = ${name} AND "jobKey" = ${repeatJobKey} AND status <> 'running'`;
  }

  /** The interval of each repeating job of this queue, by name. */
  async repeatIntervals(): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<{ name: string; repeatEveryMs: number }[]>`
      SELECT name, "repeatEveryMs" FROM "Job" WHERE queue = ${this.queue} AND "jobKey" = ${repeatJobKey}`;
    return new Map(rows.map((row) => [row.name, Number(row.repeatEveryMs)]));
  }

  /**
   * Claims up to `limit` due jobs with the given names: waiting ones whose runAt has come, and running
   * ones whose lock expired. Each gets its attempt counted and a lock of its name's lock duration.
   */
  async claimDue(limit: number, names: string[], lockMs: number[]): Promise<ClaimedJob[]> {
    return this.prisma.$queryRaw<ClaimedJob[]>`
      UPDATE "Job" AS job
      SET status = 'running',
          attempts = job.attempts + 1,
          "lockedUntil" = now() + lock.ms * interval '1 millisecond'
      FROM (
        SELECT id, status = 'running' AS "lockExpired"
        FROM "Job"
        WHERE queue = ${this.queue}
          AND name = ANY(${names}::text[])
          AND ((status = 'waiting' AND "runAt" <= now()) OR (status = 'running' AND "lockedUntil" < now()))
        ORDER BY "runAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS due,
      unnest(${names}::text[], ${lockMs}::int[]) AS lock(name, ms)
      WHERE job.id = due.id AND lock.name = job.name
      RETURNING job.id, job.name, job.payload, job.attempts, job."maxAttempts", job."repeatEveryMs",
                job."lockedUntil", due."lockExpired"`;
  }

  /** A one-off job is done; a repeating one waits for its next run. False when the claim was lost. */
  async complete(job: ClaimedJob): Promise<boolean> {
    if (job.repeatEveryMs !== null) return this.scheduleNextRepeat(job, null);
    const updated = await this.prisma.$executeRaw`
      UPDATE "Job" SET status = 'completed', "finishedAt" = now(), "lockedUntil" = NULL, "jobKey" = NULL
      WHERE id = ${job.id}::uuid AND status = 'running' AND "lockedUntil" = ${job.lockedUntil}`;
    return updated > 0;
  }

  /** The attempt failed and another follows after the backoff. */
  async retryLater(job: ClaimedJob, error: string, backoffMs: number): Promise<boolean> {
    const updated = await this.prisma.$executeRaw`
      UPDATE "Job"
      SET status = 'waiting', "lockedUntil" = NULL, "lastError" = ${error},
          "runAt" = now() + ${backoffMs}::double precision * interval '1 millisecond'
      WHERE id = ${job.id}::uuid AND status = 'running' AND "lockedUntil" = ${job.lockedUntil}`;
    return updated > 0;
  }

  /** The last attempt failed: a one-off job is marked failed, a repeating one waits for its next run. */
  async fail(job: ClaimedJob, error: string): Promise<boolean> {
    if (job.repeatEveryMs !== null) return this.scheduleNextRepeat(job, error);
    const updated = await this.prisma.$executeRaw`
      UPDATE "Job"
      SET status = 'failed', "finishedAt" = now(), "lockedUntil" = NULL, "jobKey" = NULL, "lastError" = ${error}
      WHERE id = ${job.id}::uuid AND status = 'running' AND "lockedUntil" = ${job.lockedUntil}`;
    return updated > 0;
  }

  /** Shutdown interrupted these runs: back to waiting, and the interrupted attempt does not count. */
  async release(jobs: ClaimedJob[]): Promise<void> {
    for (const job of jobs) {
      await this.prisma.$executeRaw`
        UPDATE "Job" SET status = 'waiting', "lockedUntil" = NULL, attempts = GREATEST(attempts - 1, 0)
        WHERE id = ${job.id}::uuid AND status = 'running' AND "lockedUntil" = ${job.lockedUntil}`;
    }
  }

  /** Deletes one batch of finished rows past their retention; returns how many. */
  async deleteFinished(): Promise<number> {
    const { completedMs, failedMs } = finishedJobRetention;
    return this.prisma.$executeRaw`
      DELETE FROM "Job" WHERE id IN (
        SELECT id FROM "Job"
        WHERE queue = ${this.queue}
          AND ((status = 'completed' AND "finishedAt" < now() - ${completedMs}::double precision * interval '1 millisecond')
            OR (status = 'failed' AND "finishedAt" < now() - ${failedMs}::double precision * interval '1 millisecond'))
        LIMIT ${deleteBatchSize})`;
  }

  /**
   * The next run keeps to the schedule: the first multiple of the interval after the last due time that
   * lies in the future, so a long run or a stopped process skips missed runs instead of piling them up.
   */
  private async scheduleNextRepeat(job: ClaimedJob, error: string | null): Promise<boolean> {
    const updated = await this.prisma.$executeRaw`
      UPDATE "Job"
      SET status = 'waiting', attempts = 0, "lockedUntil" = NULL, "lastError" = COALESCE(${error}, "lastError"),
          "runAt" = "runAt" + (floor(extract(epoch FROM now() - "runAt") * 1000 / "repeatEveryMs") + 1)
                              * "repeatEveryMs" * interval '1 millisecond'
      WHERE id = ${job.id}::uuid AND status = 'running' AND "lockedUntil" = ${job.lockedUntil}`;
    return updated > 0;
  }
}
