// Where export files live and what they are called: under EXPORTS_DIR, named by the export's id only,
// so no input ever reaches the file system.
import path from 'node:path';
import { EXPORT_FORMATS } from '@allmende/ledger';
import type { AuditExport } from '../../../prisma/generated/client/client';

/** The ledger's journal formats, and the hash chain (JSON lines) that ledger:verify-export checks. */
export const LEDGER_EXPORT_FORMATS = [...EXPORT_FORMATS, 'chain'] as const;
export type LedgerExportFormat = (typeof LEDGER_EXPORT_FORMATS)[number];

/** File name endings by format. */
export const exportFileExtensions: Record<LedgerExportFormat, string> = { csv: 'csv', hledger: 'journal', beancount: 'beancount', chain: 'jsonl' };

/** The file of an export: named by the row's id only, so no input reaches the file system. */
export function exportFilePath(exportsDir: string, exportId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(exportId)) throw new Error(`invalid export id ${JSON.stringify(exportId)}`);
  return path.join(exportsDir, `${exportId}.export`);
}

/** The name the browser saves the file under. */
export function exportDownloadName(row: Pick<AuditExport, 'format' | 'periodFrom' | 'periodTo'>): string {
  const period = row.periodFrom || row.periodTo ? `-${row.periodFrom ?? 'start'}-to-${row.periodTo ?? 'now'}` : '';
  return `allmende-ledger${period}.${exportFileExtensions[row.format as LedgerExportFormat]}`;
}

/** The first instant after a YYYY-MM-DD day. */
export function endOfDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000);
}

