// Reading the audit log: newest first, filtered by action, actor, subject and time, in pages with a
// cursor (the last event's time and id), so paging stays stable while new events are written.
import type { AuditEvent, Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { isUuid } from '../shared/global-id';
import type { AuditAction } from './audit-log';

export const auditLogPageSizeMaximum = 50;

export interface AuditLogFilter {
  action?: AuditAction | null;
  actorId?: string | null;
  /** The subject's id, e.g. an order's or a member's. */
  subjectId?: string | null;
  /** Events at or after this instant. */
  from?: Date | null;
  /** Events before this instant. */
  to?: Date | null;
}

export interface AuditLogPage {
  events: Array<AuditEvent & { actorName: string | null }>;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

function encodeCursor(event: Pick<AuditEvent, 'occurredAt' | 'id'>): string {
  return Buffer.from(`${event.occurredAt.toISOString()}|${event.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } | null {
  const [instant, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(instant ?? '');
  return !Number.isNaN(occurredAt.getTime()) && id && isUuid(id) ? { occurredAt, id } : null;
}

export async function listAuditEvents(prisma: PrismaClient, filter: AuditLogFilter, page: { first?: number | null; after?: string | null }): Promise<AuditLogPage> {
  const take = Math.min(Math.max(page.first ?? 20, 1), auditLogPageSizeMaximum);
  const after = page.after ? decodeCursor(page.after) : null;
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filter.action) where.push({ action: filter.action });
  if (filter.actorId) where.push(isUuid(filter.actorId) ? { actorId: filter.actorId } : { id: { in: [] } });
  if (filter.subjectId) where.push({ subjectId: filter.subjectId.trim().slice(0, 100) });
  if (filter.from) where.push({ occurredAt: { gte: filter.from } });
  if (filter.to) where.push({ occurredAt: { lt: filter.to } });
  if (after) where.push({ OR: [{ occurredAt: { lt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { lt: after.id } }] });
  const rows = await prisma.auditEvent.findMany({ where: { AND: where }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: take + 1 });
  const events = rows.slice(0, take);
  const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const actors = actorIds.length === 0 ? [] : await prisma.member.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } });
  const names = new Map(actors.map((actor) => [actor.id, actor.displayName]));
  return {
    events: events.map((event) => ({ ...event, actorName: event.actorId ? (names.get(event.actorId) ?? null) : null })),
    nextCursor: rows.length > take ? encodeCursor(events[events.length - 1]!) : null,
  };
}
