// The audit log as accountants read it: every board action and every accountant's export, verification
// and period close, newest first, with filters.
import { builder } from '../builder';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../audit/audit-log';
import { listAuditEvents, type AuditLogPage } from '../audit/audit-log-list';

const AuditActionEnum = builder.enumType('AuditAction', { values: AUDIT_ACTIONS });
const AuditSubjectTypeEnum = builder.enumType('AuditSubjectType', { values: AUDIT_SUBJECT_TYPES });

type AuditEventRow = AuditLogPage['events'][number];

const AuditEventDetailType = builder.objectRef<{ name: string; value: string }>('AuditEventDetail').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.exposeString('value', { description: 'As text; empty for none.' }),
  }),
});

const AuditEventType = builder.objectRef<AuditEventRow>('AuditEvent').implement({
  description: 'One entry of the append-only audit log.',
  fields: (t) => ({
    id: t.exposeID('id'),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    action: t.field({ type: AuditActionEnum, resolve: (event) => event.action as (typeof AUDIT_ACTIONS)[number] }),
    actorId: t.exposeString('actorId', { nullable: true, description: "The acting member's id; null for the cooperative's own processes." }),
    actorName: t.exposeString('actorName', { nullable: true }),
    subjectType: t.field({ type: AuditSubjectTypeEnum, resolve: (event) => event.subjectType as (typeof AUDIT_SUBJECT_TYPES)[number] }),
    subjectId: t.exposeString('subjectId'),
    details: t.field({
      type: [AuditEventDetailType],
      resolve: (event) =>
        Object.entries(typeof event.details === 'object' && event.details !== null ? (event.details as Record<string, unknown>) : {}).map(([name, value]) => ({
          name,
          value: value === null || value === undefined ? '' : String(value),
        })),
    }),
  }),
});

const AuditLogPageType = builder.objectRef<AuditLogPage>('AuditLogPage').implement({
  fields: (t) => ({
    events: t.field({ type: [AuditEventType], resolve: (page) => page.events }),
    nextCursor: t.exposeString('nextCursor', { nullable: true, description: 'Pass as `after` for the next page.' }),
  }),
});

const AuditLogFilterInput = builder.inputType('AuditLogFilter', {
  fields: (t) => ({
    action: t.field({ type: AuditActionEnum, required: false }),
    actorId: t.string({ required: false, description: "The acting member's id." }),
    subjectId: t.string({ required: false, description: "The subject's id, e.g. an order's or a member's." }),
    from: t.field({ type: 'DateTime', required: false, description: 'Events at or after this instant.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Events before this instant.' }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    type: AuditLogPageType,
    description: 'The audit log, newest first. Accountants only.',
    authScopes: { accountant: true },
    args: {
      filter: t.arg({ type: AuditLogFilterInput, required: false }),
      first: t.arg.int({ required: false, description: 'At most 50; default 20.' }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, { filter, first, after }, context) => listAuditEvents(context.prisma, filter ?? {}, { first, after }),
  }),
);
