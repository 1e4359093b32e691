// The work of the audit-export job: streams the ledger's export into a file under EXPORTS_DIR,
// hashing it on the way, with its progress on the AuditExport row.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { type ExportFormat, exportJournal, exportPasses, type Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { type LedgerExportFormat, exportFilePath } from './exports-files';

/** Progress is written at most this often (and once at the end). */
const progressIntervalMs = 500;

export interface RunExportServices {
  prisma: PrismaClient;
  ledger: Ledger;
  exportsDir: string;
  signal?: AbortSignal;
}

/**
 * Writes the export's file, reporting progress on its row. Idempotent: a finished export is left
 * alone, and a repeated run writes the file again from the start (to a temporary name first, so a
 * half-written file is never served).
 */
export async function runLedgerExport(services: RunExportServices, exportId: string): Promise<void> {
  const { prisma, ledger, exportsDir } = services;
  const row = await prisma.auditExport.findUnique({ where: { id: exportId } });
  if (!row || row.status === 'done') return;
  const format = row.format as LedgerExportFormat;
  const transfersTotal = (await ledger.countTransfers()) * (format === 'chain' ? 1 : exportPasses(format));
  await prisma.auditExport.update({ where: { id: row.id }, data: { status: 'running', transfersRead: 0, transfersTotal, failure: null } });

  await mkdir(exportsDir, { recursive: true });
  const target = exportFilePath(exportsDir, row.id);
  const partial = `${target}.part`;
  const hash = createHash('sha256');
  let byteSize = 0;
  const file = createWriteStream(partial);
  let lastProgressAt = Date.now();
  try {
    const onProgress = async ({ transfersRead }: { transfersRead: number }) => {
      if (services.signal?.aborted) throw new Error('The export was stopped');
      if (Date.now() - lastProgressAt < progressIntervalMs) return;
      lastProgressAt = Date.now();
      await prisma.auditExport.update({ where: { id: row.id }, data: { transfersRead: Math.min(transfersRead, transfersTotal) } });
    };
    const chunks =
      format === 'chain'
        ? ledger.exportChain({ onProgress })
        : exportJournal(ledger, { format: format as ExportFormat, currency: cooperativeCurrency.code, from: row.periodFrom, to: row.periodTo, onProgress });
    for await (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      hash.update(bytes);
      byteSize += bytes.length;
      if (!file.write(bytes)) await once(file, 'drain');
    }
    file.end();
    await once(file, 'finish');
    await rename(partial, target);
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  await prisma.auditExport.update({
    where: { id: row.id },
    data: { status: 'done', transfersRead: transfersTotal, byteSize, sha256: hash.digest('hex'), finishedAt: new Date() },
  });
}

/** After the last attempt: the row says the export failed and why (no stack, no paths). */
export async function markLedgerExportFailed(prisma: PrismaClient, exportId: string, failure: string): Promise<void> {
  await prisma.auditExport.updateMany({ where: { id: exportId, status: { not: 'done' } }, data: { status: 'failed', failure: failure.slice(0, 500), finishedAt: new Date() } });
}
