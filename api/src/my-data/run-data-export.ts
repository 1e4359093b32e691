// The work of the my-data-export job: reads the member's data section by section, saving the
// progress after each, writes the file and marks the export ready until its expiry. Delivery is at
// least once: a run finds a ready export done, and a repeated run after a crash writes the same file
// again under the storage key the first run chose.
import type { Ledger } from '@allmende/ledger';
import type { MyDataExportConfig } from '../config';
import type { PrismaClient } from '../db/client';
import { collectMemberData, myDataSections } from './collect-member-data';
import { newExportStorageKey, writeExportFile } from './export-files';

export interface RunDataExportServices {
  prisma: PrismaClient;
  ledger: Ledger;
  config: { myDataExport: MyDataExportConfig; mail: { publicUrl: string } };
}

export type RunDataExportOutcome = 'ready' | 'already_done' | 'gone';

export async function runDataExport(
  services: RunDataExportServices,
  exportId: string,
  options: { signal?: AbortSignal; now?: () => Date } = {},
): Promise<RunDataExportOutcome> {
  const { prisma, config } = services;
  const now = options.now ?? (() => new Date());
  const found = await prisma.memberDataExport.findUnique({ where: { id: exportId } });
  if (!found) return 'gone';
  if (found.status === 'ready' || found.status === 'failed') return 'already_done';
  const storageKey = found.storageKey ?? newExportStorageKey();
  // Only the run that finds the key unset sets it; a concurrent run then uses the same key.
  await prisma.memberDataExport.updateMany({ where: { id: exportId, storageKey: null }, data: { storageKey } });
  const { storageKey: chosenKey } = await prisma.memberDataExport.update({ where: { id: exportId }, data: { status: 'running', progress: 0 }, select: { storageKey: true } });
  const key = chosenKey ?? storageKey;
  const document = await collectMemberData(services, found.memberId, {
    publicUrl: config.mail.publicUrl,
    signal: options.signal,
    now: now(),
    onProgress: async (sectionsDone) => {
      // The last percent is the file itself.
      const progress = Math.min(99, Math.floor((sectionsDone * 100) / myDataSections.length));
      await prisma.memberDataExport.updateMany({ where: { id: exportId, status: 'running' }, data: { progress } });
    },
  });
  if (!document) return 'gone';
  const byteSize = await writeExportFile(config.myDataExport.directory, key, `${JSON.stringify(document, null, 2)}\n`);
  const finishedAt = now();
  const expiresAt = new Date(finishedAt.getTime() + config.myDataExport.ttlHours * 60 * 60_000);
  await prisma.memberDataExport.updateMany({
    where: { id: exportId, status: 'running' },
    data: { status: 'ready', progress: 100, byteSize, finishedAt, expiresAt },
  });
  return 'ready';
}

/** After the last attempt failed: the member sees it and may ask again. */
export async function markDataExportFailed(prisma: PrismaClient, exportId: string): Promise<void> {
  await prisma.memberDataExport.updateMany({ where: { id: exportId, status: { in: ['requested', 'running'] } }, data: { status: 'failed', finishedAt: new Date() } });
}
