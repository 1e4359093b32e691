// Deletes sessions nobody can use any more: expired ones, and revoked ones kept a day for inspection;
// and password reset requests a day after their link expired (the three-an-hour limit counts only
// the last hour's).
import { defineJob } from './definition';

export type SessionCleanupPayload = Record<string, never>;

export const sessionCleanupEveryMs = 60 * 60_000;
/** Revoked sessions stay this long, so a member's "signed out everywhere" is still visible for a while. */
export const revokedSessionRetentionMs = 24 * 60 * 60_000;
/** Rows per delete statement, and at most this many statements per run; the next run continues. */
const batchSize = 1000;
const batchesPerRunMax = 100;

export const sessionCleanup = defineJob<SessionCleanupPayload>({
  name: 'session-cleanup',
  attempts: 3,
  backoffMs: 60_000,
  timeoutMs: 5 * 60_000,
  async handle(_payload, { prisma, logger, signal }) {
    const now = new Date();
    const revokedBefore = new Date(now.getTime() - revokedSessionRetentionMs);
    const unusable = { OR: [{ expiresAt: { lt: now } }, { revokedAt: { lt: revokedBefore } }] };
    let deleted = 0;
    for (let batch = 0; batch < batchesPerRunMax && !signal.aborted; batch++) {
      const rows = await prisma.session.findMany({ where: unusable, select: { id: true }, take: batchSize });
      if (rows.length === 0) break;
      const result = await prisma.session.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      deleted += result.count;
      if (rows.length < batchSize) break;
    }
    const resetsBefore = new Date(now.getTime() - revokedSessionRetentionMs);
    let deletedResets = 0;
    for (let batch = 0; batch < batchesPerRunMax && !signal.aborted; batch++) {
      const rows = await prisma.passwordReset.findMany({ where: { expiresAt: { lt: resetsBefore } }, select: { id: true }, take: batchSize });
      if (rows.length === 0) break;
      const result = await prisma.passwordReset.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      deletedResets += result.count;
      if (rows.length < batchSize) break;
    }
    logger.info({ deleted, deletedResets }, 'deleted expired and revoked sessions and expired password resets');
  },
});
