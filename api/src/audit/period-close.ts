// Closing a period: an accountant closes a month or a year once it has ended. In one transaction the
// ledger closes its books up to the period's end (from then on no transfer can be dated inside it, see
// ledger/src/domain/period-close.ts), the close goes to the audit log, and the period's three exports
// are created as frozen exports, which the audit-export job then writes once. Their checksums are shown
// with the period; asked for again, the same files are served.
import { CLOSE_PERIOD_FAILURE_CODES, type ClosePeriodFailureCode, type ClosedPeriod, EXPORT_FORMATS, type Ledger } from '@allmende/ledger';
import { z } from 'zod';
import type { AuditExport } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { AppError } from '../errors';
import type { JobQueue } from '../jobs/backend';
import { auditExport } from '../jobs/audit-export';
import { parseInput } from '../shared/input';
import { problem } from '../shared/rules/field-problems';
import { recordAuditEvent } from './audit-log';

export const PERIOD_KINDS = ['month', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The ledger refused the close: the period has not ended, or the books are closed beyond it already. */
export class PeriodCloseRefusedError extends AppError {
  readonly code = 'period_close_refused';
  constructor(readonly reason: ClosePeriodFailureCode) {
    super(`The period cannot be closed: ${reason.replaceAll('_', ' ')}.`);
    this.name = 'PeriodCloseRefusedError';
  }
}

export { CLOSE_PERIOD_FAILURE_CODES };

const closePeriodSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    year: z.number().int().min(2000).max(2999),
    month: z.number().int().min(1).max(12).nullish(),
  })
  .refine((input) => input.kind === 'year' || (input.month !== null && input.month !== undefined), { ...problem('required'), path: ['month'] });

export type ClosePeriodInput = z.input<typeof closePeriodSchema>;

export interface PeriodBounds {
  startsAt: Date;
  endsAt: Date;
  /** First and last day (YYYY-MM-DD, UTC), as exports name them. */
  from: string;
  to: string;
}

function day(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** A calendar month or year in UTC. */
export function periodBounds(kind: PeriodKind, year: number, month: number | null): PeriodBounds {
  const startsAt = kind === 'year' ? new Date(Date.UTC(year, 0, 1)) : new Date(Date.UTC(year, month! - 1, 1));
  const endsAt = kind === 'year' ? new Date(Date.UTC(year + 1, 0, 1)) : new Date(Date.UTC(year, month!, 1));
  return { startsAt, endsAt, from: day(startsAt), to: day(new Date(endsAt.getTime() - 24 * 60 * 60 * 1000)) };
}

export function boundsOfClosedPeriod(period: ClosedPeriod): PeriodBounds {
  return { startsAt: period.startsAt, endsAt: period.endsAt, from: day(period.startsAt), to: day(new Date(period.endsAt.getTime() - 1)) };
}

const insertFrozenExportSql = `INSERT INTO "AuditExport" ("id", "format", "periodFrom", "periodTo", "frozen", "requestedById")
  VALUES (gen_random_uuid(), $1, $2, $3, true, $4::uuid)
  ON CONFLICT ("format", "periodFrom", "periodTo") WHERE "frozen" DO UPDATE SET "format" = EXCLUDED."format"
  RETURNING "id"::text AS id`;

export interface ClosedPeriodResult {
  period: ClosedPeriod;
  exportIds: string[];
}

export async function closeLedgerPeriod(
  services: { ledger: Ledger; jobs: JobQueue },
  accountant: { id: string },
  input: ClosePeriodInput,
): Promise<ClosedPeriodResult> {
  const { kind, year, month = null } = parseInput(closePeriodSchema, input);
  const bounds = periodBounds(kind, year, month ?? null);
  const result = await services.ledger.transaction(async (transaction) => {
    const closed = await transaction.closePeriod({ startsAt: bounds.startsAt, endsAt: bounds.endsAt });
    if (!closed.ok) return closed;
    await recordAuditEvent(transaction.session, {
      actorId: accountant.id,
      action: 'ledger_period_closed',
      subjectType: 'period',
      subjectId: `${bounds.from}..${bounds.to}`,
      details: { kind, from: bounds.from, to: bounds.to },
    });
    const exportIds: string[] = [];
    for (const format of EXPORT_FORMATS) {
      const { rows } = await transaction.session.run<{ id: string }>(insertFrozenExportSql, [format, bounds.from, bounds.to, accountant.id]);
      exportIds.push(rows[0]!.id);
    }
    return { ok: true as const, period: closed.period, exportIds };
  });
  if (!result.ok) throw new PeriodCloseRefusedError(result.code);
  for (const exportId of result.exportIds) await services.jobs.add(auditExport, { exportId }, { jobKey: exportId });
  return { period: result.period, exportIds: result.exportIds };
}

export interface LedgerPeriod extends PeriodBounds {
  closedAt: Date;
  exports: AuditExport[];
}

/** Closed periods, latest first, each with its frozen exports. */
export async function listClosedLedgerPeriods(services: { prisma: PrismaClient; ledger: Ledger }): Promise<LedgerPeriod[]> {
  const periods = await services.ledger.listClosedPeriods();
  const bounds = periods.map(boundsOfClosedPeriod);
  const exports = bounds.length === 0
    ? []
    : await services.prisma.auditExport.findMany({ where: { frozen: true, OR: bounds.map(({ from, to }) => ({ periodFrom: from, periodTo: to })) } });
  return periods.map((period, index) => ({
    ...bounds[index]!,
    closedAt: period.closedAt,
    exports: exports
      .filter((row) => row.periodFrom === bounds[index]!.from && row.periodTo === bounds[index]!.to)
      .sort((left, right) => EXPORT_FORMATS.indexOf(left.format as never) - EXPORT_FORMATS.indexOf(right.format as never)),
  }));
}
