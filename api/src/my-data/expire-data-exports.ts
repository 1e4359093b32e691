// Removes exports that can no longer be downloaded: ready ones past expiresAt, and failed or
// unfinished ones older than a day (a run that still holds one then finds its row gone and stops).
import type { PrismaClient } from '../db/client';
import { removeExportFile } from './export-files';

/** An export that has not become ready within this time is given up. */
export const unfinishedExportRetentionMs = 24 * 60 * 60_000;
const batchSize = 200;
const batchesPerRunMax = 50;

/** Returns how many exports were deleted. Files go first, so a crash leaves a row and never a stray file. */
export async function expireDataExports(
  prisma: PrismaClient,
  directory: string,
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const unfinishedBefore = new Date(now.getTime() - unfinishedExportRetentionMs);
  const due = {
    OR: [
      { status: 'ready' as const, expiresAt: { lte: now } },
      { status: { in: ['requested' as const, 'running' as const, 'failed' as const] }, createdAt: { lt: unfinishedBefore } },
    ],
  };
  let deleted = 0;
  for (let batch = 0; batch < batchesPerRunMax && !options.signal?.aborted; batch++) {
    const rows = await prisma.memberDataExport.findMany({ where: due, select: { id: true, storageKey: true }, take: batchSize, orderBy: { id: 'asc' } });
    if (rows.length === 0) break;
    for (const row of rows) if (row.storageKey) await removeExportFile(directory, row.storageKey);
    const result = await prisma.memberDataExport.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
    deleted += result.count;
    if (rows.length < batchSize) break;
  }
  return deleted;
}
