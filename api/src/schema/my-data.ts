// A member's own data: exporting everything the cooperative holds about them, and leaving.
import type { MemberDataExport } from '../../../prisma/generated/client/client';
import { MemberDataExportStatus } from '../../../prisma/generated/client/enums';
import { builder } from '../builder';
import type { Context } from '../context';
import { ValidationError } from '../errors';
import { myDataExport } from '../jobs';
import { myDataDownloadPath } from '../my-data/download-data-export';
import { AlreadyLeftError, DataExportLimitError, LeavingBlockedError } from '../my-data/errors';
import { leaveCooperative } from '../my-data/leave-cooperative';
import { readLeavingObligations, type LeavingObligation } from '../my-data/leaving-obligations';
import { listDataExports, requestDataExport } from '../my-data/request-data-export';
import { ErrorInterface } from './errors';
import { memberOf } from './global-id';

const MyDataExportStatusEnum = builder.enumType(MemberDataExportStatus, {
  name: 'MyDataExportStatus',
  description: 'requested, running (with progress), ready to download until expiresAt, or failed.',
});

const MyDataExportType = builder.objectRef<MemberDataExport>('MyDataExport').implement({
  description: 'An export of everything the cooperative holds about the member, as one JSON file (docs/my-data.schema.json).',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: MyDataExportStatusEnum, resolve: (entry) => entry.status }),
    progress: t.exposeInt('progress', { description: 'Percent done, 0 to 100.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'After this the file is deleted and cannot be downloaded.' }),
    byteSize: t.exposeInt('byteSize', { nullable: true }),
    downloadUrl: t.string({
      nullable: true,
      description: 'Path of the download, which only the member\'s own session can open; null unless ready and not expired.',
      resolve: (entry) => (entry.status === 'ready' && entry.expiresAt && entry.expiresAt.getTime() > Date.now() ? myDataDownloadPath(entry.id) : null),
    }),
  }),
});

builder.objectType(DataExportLimitError, {
  name: 'DataExportLimitError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DataExportLimitError,
  fields: (t) => ({ exportsPerDayMax: t.exposeInt('exportsPerDayMax') }),
});

builder.queryField('myDataExports', (t) =>
  t.field({
    type: [MyDataExportType],
    description: "The logged-in member's newest exports of their data, the newest first.",
    authScopes: { signedIn: true },
    resolve: (_root, _args, context) => listDataExports(context.prisma, memberOf(context).id),
  }),
);

/** Adding the job again is harmless (its key is the export's id) and recovers a job that was lost. */
async function queueExport(context: Context, exportId: string): Promise<void> {
  try {
    await context.jobs.add(myDataExport, { exportId }, { jobKey: exportId });
  } catch (error) {
    context.logger.warn({ err: error, exportId }, 'could not add the data export job');
  }
}

builder.mutationField('requestMyDataExport', (t) =>
  t.field({
    type: MyDataExportType,
    description: 'Starts an export of everything the cooperative holds about the logged-in member; while one is being made, returns that one.',
    authScopes: { signedIn: true },
    errors: { types: [DataExportLimitError] },
    resolve: async (_root, _args, context) => {
      const { export: entry } = await requestDataExport(context.prisma, memberOf(context).id);
      if (entry.status === 'requested' || entry.status === 'running') await queueExport(context, entry.id);
      return entry;
    },
  }),
);

const LeavingObligationKindEnum = builder.enumType('LeavingObligationKind', {
  description: 'What must be settled before leaving, in the order the page lists them.',
  values: ['balance', 'outgoing_holds', 'incoming_holds', 'open_orders_as_buyer', 'open_orders_as_producer', 'open_needs'] as const,
});

const LeavingObligationType = builder.objectRef<LeavingObligation>('LeavingObligation').implement({
  fields: (t) => ({
    kind: t.field({ type: LeavingObligationKindEnum, resolve: (obligation) => obligation.kind }),
    amount: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'balance: the balance (negative when the member owes); holds: the amount held.',
      resolve: (obligation) => ('amount' in obligation ? obligation.amount : null),
    }),
    count: t.int({ nullable: true, description: 'Orders and needs: how many are open.', resolve: (obligation) => ('count' in obligation ? obligation.count : null) }),
    orderNumbers: t.intList({
      description: 'Open orders: their numbers (at most 20).',
      resolve: (obligation) => ('orderNumbers' in obligation ? obligation.orderNumbers : []),
    }),
  }),
});

builder.objectType(LeavingBlockedError, {
  name: 'LeavingBlockedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof LeavingBlockedError,
  fields: (t) => ({ obligations: t.field({ type: [LeavingObligationType], resolve: (error) => [...error.obligations] }) }),
});

builder.objectType(AlreadyLeftError, {
  name: 'AlreadyLeftError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AlreadyLeftError,
});

builder.queryField('leavingObligations', (t) =>
  t.field({
    type: [LeavingObligationType],
    description: 'What the logged-in member must settle before they can leave; empty when they can leave now.',
    authScopes: { signedIn: true },
    resolve: (_root, _args, context) => readLeavingObligations(context, memberOf(context).id),
  }),
);

const LeaveCooperativeInput = builder.inputType('LeaveCooperativeInput', {
  fields: (t) => ({ password: t.string({ required: true, description: 'The member confirms with their password.' }) }),
});

builder.mutationField('leaveCooperative', (t) =>
  t.boolean({
    description:
      "Closes the logged-in member's account: erases their personal data, keeps the ledger, reviews and votes under a pseudonym, and logs out. Refused with the list of what to settle first.",
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: LeaveCooperativeInput, required: true }) },
    errors: { types: [ValidationError, LeavingBlockedError, AlreadyLeftError] },
    resolve: async (_root, { input }, context) => {
      await leaveCooperative(context, memberOf(context), input);
      await context.logOut();
      return true;
    },
  }),
);
