// Data whose purpose has ended is deleted: notifications older than the retention (they told the
// member about something long past; the order, message or vote itself stays), and e-mails the
// embedded mode wrote to its outbox folder instead of sending them (each holds an address and a text),
// and data-use requests whose verification link expired unused (a name and an address that never
// became a request to the members).
// Sessions and data exports have their own jobs (session-cleanup, my-data-exports-expire).
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../db/client';

const batchSize = 1000;
const batchesPerRunMax = 100;
/** Files looked at per run; the next run continues. */
const outboxFilesPerRunMax = 10_000;

export interface EndedDataSettings {
  notificationRetentionDays: number;
  /** The outbox folder, or undefined when e-mails go over SMTP and no files are written. */
  outboxDir: string | undefined;
  outboxRetentionDays: number;
}

export async function expireEndedData(
  prisma: PrismaClient,
  settings: EndedDataSettings,
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<{ notifications: number; outboxFiles: number; unverifiedDataUseRequests: number }> {
  const now = options.now ?? new Date();
  const notificationsBefore = new Date(now.getTime() - settings.notificationRetentionDays * 86_400_000);
  let notifications = 0;
  for (let batch = 0; batch < batchesPerRunMax && !options.signal?.aborted; batch++) {
    const rows = await prisma.notification.findMany({ where: { createdAt: { lt: notificationsBefore } }, select: { id: true }, take: batchSize });
    if (rows.length === 0) break;
    const result = await prisma.notification.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
    notifications += result.count;
    if (rows.length < batchSize) break;
  }
  const outboxFiles = settings.outboxDir ? await removeOldOutboxFiles(settings.outboxDir, now.getTime() - settings.outboxRetentionDays * 86_400_000, options.signal) : 0;
  const { count: unverifiedDataUseRequests } = await prisma.dataUseRequest.deleteMany({ where: { status: 'unverified', verificationExpiresAt: { lt: now } } });
  return { notifications, outboxFiles, unverifiedDataUseRequests };
}

async function removeOldOutboxFiles(directory: string, beforeMs: number, signal: AbortSignal | undefined): Promise<number> {
  const names = await readdir(directory).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((entry) => entry.endsWith('.eml')).slice(0, outboxFilesPerRunMax)) {
    if (signal?.aborted) break;
    const file = path.join(directory, name);
    const stats = await stat(file).catch(() => null);
    if (stats?.isFile() && stats.mtimeMs < beforeMs) {
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
