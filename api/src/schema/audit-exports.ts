// Ledger exports for accountants: start one, follow its progress, download it when done.
import type { AuditExport } from '../../../prisma/generated/client/client';
import { builder } from '../builder';
import { ValidationError } from '../errors';
import { exportDownloadUrl } from '../audit/exports-download';
import { startLedgerExport } from '../audit/exports';
import { LEDGER_EXPORT_FORMATS, type LedgerExportFormat } from '../audit/exports-files';
import { memberOf } from './global-id';

export const AuditJobStatusEnum = builder.enumType('AuditJobStatus', {
  description: 'queued, running, done or failed.',
  values: ['queued', 'running', 'done', 'failed'] as const,
});

export const LedgerExportFormatEnum = builder.enumType('LedgerExportFormat', {
  description:
    'csv: every transfer, holds and voids included; hledger and beancount: posted movements with opening balances and balance assertions; chain: the sealed hash chain (no period) for npm run ledger:verify-export.',
  values: LEDGER_EXPORT_FORMATS,
});

export const LedgerExportType = builder.objectRef<AuditExport>('LedgerExport').implement({
  description: 'A ledger export an accountant asked for, written by a job.',
  fields: (t) => ({
    id: t.exposeID('id'),
    format: t.field({ type: LedgerExportFormatEnum, resolve: (row) => row.format as LedgerExportFormat }),
    from: t.exposeString('periodFrom', { nullable: true, description: 'First day included (UTC); null: from the start.' }),
    to: t.exposeString('periodTo', { nullable: true, description: 'Last day included (UTC); null: up to the time of the export.' }),
    frozen: t.exposeBoolean('frozen', { description: 'The export of a closed period: produced once, the same bytes every time.' }),
    status: t.field({ type: AuditJobStatusEnum, resolve: (row) => row.status }),
    transfersRead: t.exposeInt('transfersRead'),
    transfersTotal: t.exposeInt('transfersTotal', { description: 'Transfers to read in all (a journal reads the ledger twice).' }),
    byteSize: t.exposeInt('byteSize', { nullable: true }),
    sha256: t.exposeString('sha256', { nullable: true, description: 'SHA-256 of the file, hex.' }),
    failure: t.exposeString('failure', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    downloadUrl: t.string({
      nullable: true,
      description: 'Where an accountant downloads the file once it is done.',
      resolve: (row) => (row.status === 'done' ? exportDownloadUrl(row.id) : null),
    }),
  }),
});

export const ledgerExportsPageMaximum = 50;

builder.queryField('ledgerExports', (t) =>
  t.field({
    type: [LedgerExportType],
    description: 'The latest ledger exports, newest first. Accountants only.',
    authScopes: { accountant: true },
    args: { first: t.arg.int({ required: false, description: `At most ${ledgerExportsPageMaximum}; default 20.` }) },
    resolve: (_root, { first }, context) =>
      context.prisma.auditExport.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: Math.min(Math.max(first ?? 20, 1), ledgerExportsPageMaximum) }),
  }),
);

const StartLedgerExportInput = builder.inputType('StartLedgerExportInput', {
  fields: (t) => ({
    format: t.field({ type: LedgerExportFormatEnum, required: true }),
    from: t.string({ required: false, description: 'First day included, YYYY-MM-DD (UTC); omitted: from the start.' }),
    to: t.string({ required: false, description: 'Last day included, YYYY-MM-DD (UTC); omitted: up to now.' }),
  }),
});

builder.mutationField('startLedgerExport', (t) =>
  t.field({
    type: LedgerExportType,
    description: 'Asks for an export of the ledger; a job writes it. For a closed period, its frozen export. Accountants only.',
    authScopes: { accountant: true },
    args: { input: t.arg({ type: StartLedgerExportInput, required: true }) },
    errors: { types: [ValidationError] },
    resolve: (_root, { input }, context) =>
      startLedgerExport(context, memberOf(context), { format: input.format, from: input.from ?? null, to: input.to ?? null }),
  }),
);
