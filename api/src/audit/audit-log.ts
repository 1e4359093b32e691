// The audit log: an append-only record of every board action (admissions, declines, dispute
// resolutions, challenge decisions, distribution runs) and of every accountant's export,
// verification run and period close. An event is written in the transaction of the action it records,
// so the action and its record commit together or not at all; the table refuses UPDATE, DELETE and
// TRUNCATE (see the audit_exports_and_log migration).
//
// A feature that adds a board action adds its action name to AUDIT_ACTIONS and calls recordAuditEvent
// inside its transaction, a Prisma interactive transaction or the session of a ledger transaction alike.
import type { SqlSession } from '@allmende/ledger';
import type { Prisma } from '../../../prisma/generated/client/client';

export const AUDIT_ACTIONS = [
  /** The board admitted an applicant (no actor: admitted automatically by the admission policy). */
  'member_admitted',
  /** The board declined an application. */
  'member_declined',
  /** The board settled a disputed order. */
  'order_dispute_resolved',
  /** The board kept or removed an offer's challenged ecological claim. */
  'attribute_challenge_decided',
  /** A period's surplus was booked (started by the board, or by the scheduled job: no actor). */
  'surplus_distribution_booked',
  /** An accountant asked for a ledger export. */
  'ledger_export_requested',
  /** An accountant ran the ledger's verification. */
  'ledger_verification_requested',
  /** An accountant closed a period. */
  'ledger_period_closed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of thing an event is about. */
export const AUDIT_SUBJECT_TYPES = ['member', 'order', 'export', 'verification', 'period', 'challenge', 'distribution'] as const;

export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

export interface AuditEventInput {
  /** Who acted; null for the cooperative's own processes. */
  actorId: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  /** Plain facts of the action (amounts as decimal text, dates as ISO text); at most 4 KB as JSON. */
  details?: Record<string, string | number | boolean | null>;
}

export const auditDetailsBytesMaximum = 4096;

/** Where an event is written: a Prisma transaction or the session of a ledger transaction. */
export type AuditTransaction = Prisma.TransactionClient | SqlSession;

const insertEventSql = `INSERT INTO "AuditEvent" ("id", "occurredAt", "actorId", "action", "subjectType", "subjectId", "details")
  VALUES (gen_random_uuid(), clock_timestamp(), $1::uuid, $2, $3, $4, $5::jsonb)`;

/** Writes one event in the caller's transaction. Call it inside the transaction of the action. */
export async function recordAuditEvent(transaction: AuditTransaction, event: AuditEventInput): Promise<void> {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(event.action)) throw new Error(`Unknown audit action ${event.action}`);
  const details = JSON.stringify(event.details ?? {});
  if (Buffer.byteLength(details) > auditDetailsBytesMaximum) throw new Error(`Audit details of ${event.action} exceed ${auditDetailsBytesMaximum} bytes`);
  const values = [event.actorId, event.action, event.subjectType, event.subjectId, details];
  if ('run' in transaction) await transaction.run(insertEventSql, values);
  else await transaction.$executeRawUnsafe(insertEventSql, ...values);
}
