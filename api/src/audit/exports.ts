// Ledger exports for accountants: an accountant asks for one format and period, the audit-export job
// writes the file (api/src/jobs/audit-export.ts) with its progress on the AuditExport row, and the
// accountant downloads it (exports-download.ts). Asking is recorded in the audit log in the
// transaction that creates the row.
//
// The export of a closed period is frozen: nothing can be booked into the period any more and the
// export names only the accounts opened by its end, so its bytes can never change. It is produced
// once; every later request for the same format and period returns that export, with its checksum.
import { isExportDate, type Ledger } from '@allmende/ledger';
import { z } from 'zod';
import type { AuditExport } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import type { JobQueue } from '../jobs/backend';
import { parseInput } from '../shared/input';
import { problem } from '../shared/rules/field-problems';
import { auditExport } from '../jobs/audit-export';
import { recordAuditEvent } from './audit-log';
import { LEDGER_EXPORT_FORMATS, endOfDay } from './exports-files';

const exportDate = z
  .string()
  .trim()
  .refine((value) => isExportDate(value), problem('invalid_date'));

const startExportSchema = z
  .object({
    format: z.enum(LEDGER_EXPORT_FORMATS),
    from: exportDate.nullish(),
    to: exportDate.nullish(),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { ...problem('out_of_range'), path: ['to'] });

export type StartExportInput = z.input<typeof startExportSchema>;

/** Whether the books are closed through the end of `to`, so the period's export can never change. */
export async function isClosedPeriod(ledger: Ledger, from: string | null, to: string | null): Promise<boolean> {
  if (from === null || to === null) return false;
  const [latest] = await ledger.listClosedPeriods();
  return latest !== undefined && endOfDay(to).getTime() <= latest.endsAt.getTime();
}

export interface ExportServices {
  prisma: PrismaClient;
  ledger: Ledger;
  jobs: JobQueue;
}

/**
 * Asks for an export; the job writes it. A closed period's export is frozen: the existing one is
 * returned (and its job added again while it has not finished; the job key keeps it single).
 */
export async function startLedgerExport(services: ExportServices, accountant: { id: string }, input: StartExportInput): Promise<AuditExport> {
  const parsed = parseInput(startExportSchema, input);
  const { format } = parsed;
  // The chain has no period: it is every sealed block.
  const from = format === 'chain' ? null : (parsed.from ?? null);
  const to = format === 'chain' ? null : (parsed.to ?? null);
  const frozen = await isClosedPeriod(services.ledger, from, to);
  const row = await withFrozenRetry(() => services.prisma.$transaction(async (transaction) => {
    const existing = frozen ? await transaction.auditExport.findFirst({ where: { frozen: true, format, periodFrom: from, periodTo: to } }) : null;
    const exported =
      existing === null
        ? await transaction.auditExport.create({ data: { format, periodFrom: from, periodTo: to, frozen, requestedById: accountant.id } })
        : existing.status === 'failed'
          ? await transaction.auditExport.update({ where: { id: existing.id }, data: { status: 'queued', failure: null } })
          : existing;
    await recordAuditEvent(transaction, {
      actorId: accountant.id,
      action: 'ledger_export_requested',
      subjectType: 'export',
      subjectId: exported.id,
      details: { format, from, to, frozen },
    });
    return exported;
  }));
  if (row.status !== 'done') await services.jobs.add(auditExport, { exportId: row.id }, { jobKey: row.id });
  return row;
}


/**
 * Two requests for the same frozen export at once both find none and both create one; the unique
 * index lets one through, and the other, run again, finds it.
 */
async function withFrozenRetry<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'P2002') throw error;
    return work();
  }
}
