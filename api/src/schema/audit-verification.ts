// The verification page: start a run of the ledger's checks and read its progress and result.
import type { AuditVerification } from '../../../prisma/generated/client/client';
import { builder } from '../builder';
import { startLedgerVerification, VERIFICATION_STEPS } from '../audit/verification';
import { AuditJobStatusEnum } from './audit-exports';
import { memberOf } from './global-id';

const LedgerVerificationType = builder.objectRef<AuditVerification>('LedgerVerification').implement({
  description: 'One run of the ledger verification: sealing, invariants, references and the hash chain.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: AuditJobStatusEnum, resolve: (row) => row.status }),
    stepsDone: t.exposeInt('stepsDone'),
    stepsTotal: t.int({ resolve: () => VERIFICATION_STEPS.length }),
    ok: t.exposeBoolean('ok', { nullable: true, description: 'Null until the run is done.' }),
    problem: t.exposeString('problem', { nullable: true, description: 'The first broken item, when one was found.' }),
    transfers: t.exposeInt('transfers', { nullable: true }),
    accounts: t.exposeInt('accounts', { nullable: true }),
    blocks: t.exposeInt('blocks', { nullable: true }),
    unsealedTransfers: t.exposeInt('unsealedTransfers', { nullable: true, description: 'Transfers not in a block yet (written while the run sealed).' }),
    blockNumber: t.string({ nullable: true, description: 'The latest sealed block when the run finished.', resolve: (row) => row.blockNumber?.toString() ?? null }),
    blockHash: t.exposeString('blockHash', { nullable: true, description: 'Its SHA-256 hash, hex: what an outside auditor checks an export against.' }),
    failure: t.exposeString('failure', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('ledgerVerifications', (t) =>
  t.field({
    type: [LedgerVerificationType],
    description: 'The latest verification runs, newest first. Accountants only.',
    authScopes: { accountant: true },
    args: { first: t.arg.int({ required: false, description: 'At most 20; default 5.' }) },
    resolve: (_root, { first }, context) =>
      context.prisma.auditVerification.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: Math.min(Math.max(first ?? 5, 1), 20) }),
  }),
);

builder.mutationField('startLedgerVerification', (t) =>
  t.field({
    type: LedgerVerificationType,
    description: "Starts a run of the ledger's verification; a job does it. Accountants only.",
    authScopes: { accountant: true },
    resolve: (_root, _args, context) => startLedgerVerification(context, memberOf(context)),
  }),
);
