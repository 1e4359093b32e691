// Data use: a third party's request (public form, verified e-mail), decided by the members' vote as a
// data_use proposal; the members' log of grants and their queries; a member's opt-out of all data use.
// The requester's e-mail address is never exposed; their name and the log are for admitted members.
import { DataUseGrouping as DataUseGroupingValues, DataUseRequestStatus } from '../../../prisma/generated/client/enums';
import { builder } from '../builder';
import type { Context } from '../context';
import { dataUseCatalogue, type CatalogueEntry } from '../data-use/catalogue';
import { InvalidVerificationLinkError } from '../data-use/errors';
import { isOptedOutOfDataUse, setDataUseOptOut } from '../data-use/opt-out';
import { requestDataUse } from '../data-use/request-data-use';
import { verifyDataUseRequest } from '../data-use/verify-data-use-request';
import { ValidationError } from '../errors';
import { dataUseEmails, dataUseEmailsJobKey } from '../jobs';
import { dataUseTableNames } from '../shared/rules/data-use-rules';
import { pageSizeMax } from '../shared/input';
import { ErrorInterface } from './errors';
import { memberOf } from './global-id';

builder.objectType(InvalidVerificationLinkError, {
  name: 'InvalidVerificationLinkError',
  description: 'The verification link is unknown, used already or expired; the request is filed again.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidVerificationLinkError,
});

const DataUseTableEnum = builder.enumType('DataUseTable', { values: dataUseTableNames });
const DataUseGroupingEnum = builder.enumType(DataUseGroupingValues, { name: 'DataUseGrouping' });
const DataUseRequestStatusEnum = builder.enumType(DataUseRequestStatus, {
  name: 'DataUseRequestStatus',
  description: 'See the state machine in prisma/schema.prisma: unverified, voting, granted, refused or revoked.',
});

const DataUseCatalogueEntry = builder.objectRef<CatalogueEntry>('DataUseCatalogueEntry').implement({
  fields: (t) => ({
    name: t.field({ type: DataUseTableEnum, resolve: (entry) => entry.name }),
    description: t.exposeString('description'),
    grouped: t.exposeBoolean('grouped', { description: 'Whether the grouping level changes its columns.' }),
  }),
});

builder.queryField('dataUseCatalogue', (t) =>
  t.field({ type: [DataUseCatalogueEntry], description: 'The tables a data-use request may ask for. Public.', resolve: () => dataUseCatalogue }),
);

const isMember = (context: Context) => context.member?.status === 'admitted';

builder.prismaObject('DataUseQuery', {
  description: 'One query with the access token of a request: answered, or refused with its reason.',
  fields: (t) => ({
    id: t.exposeID('id'),
    table: t.exposeString('table'),
    at: t.expose('at', { type: 'DateTime' }),
    refusal: t.exposeString('refusal', { nullable: true, description: 'Null when answered; else expired, revoked, unknown_table or table_not_approved.' }),
    cellCount: t.exposeInt('cellCount', { description: 'Figures in the answer, suppressed ones included.' }),
    rowCount: t.exposeInt('rowCount'),
    suppressedCount: t.exposeInt('suppressedCount'),
  }),
});

export const DataUseRequestType = builder.prismaObject('DataUseRequest', {
  description: "A third party's request to use aggregates; its e-mail address is never shown.",
  fields: (t) => ({
    id: t.exposeID('id'),
    requesterName: t.string({
      nullable: true,
      description: 'Shown to admitted members only.',
      select: { requesterName: true },
      resolve: (request, _args, context) => (isMember(context) ? request.requesterName : null),
    }),
    organisation: t.exposeString('organisation'),
    purpose: t.exposeString('purpose'),
    tables: t.field({ type: [DataUseTableEnum], select: { tables: true }, resolve: (request) => request.tables as (typeof dataUseTableNames)[number][] }),
    grouping: t.expose('grouping', { type: DataUseGroupingEnum }),
    durationDays: t.exposeInt('durationDays'),
    status: t.expose('status', { type: DataUseRequestStatusEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    verifiedAt: t.expose('verifiedAt', { type: 'DateTime', nullable: true }),
    grantedAt: t.expose('grantedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: 'The end of the approved duration.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    proposal: t.relation('proposal', { nullable: true }),
    revokedByProposalId: t.exposeID('revokedByProposalId', { nullable: true }),
    queryCount: t.relationCount('queries', { description: 'Queries with its token, answered or refused; for admitted members (0 for others).', authScopes: { member: true }, unauthorizedResolver: () => 0 }),
    queries: t.relation('queries', {
      description: 'The newest queries with its token (at most 50); admitted members only.',
      authScopes: { member: true },
      unauthorizedResolver: () => [] as never,
      query: { orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 50 },
    }),
  }),
});

builder.prismaObjectField('Proposal', 'dataUseRequest', (t) =>
  t.relation('dataUseRequest', { nullable: true, description: 'The data-use request a data_use proposal puts to the vote.' }),
);

builder.queryField('dataUseGrants', (t) =>
  t.prismaConnection({
    type: 'DataUseRequest',
    cursor: 'id',
    description: 'Data-use requests the members voted or vote on, the newest first, with their queries. Admitted members only.',
    authScopes: { member: true },
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, _args, context) =>
      context.prisma.dataUseRequest.findMany({ ...query, where: { status: { not: 'unverified' } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

const DataUseRequestInput = builder.inputType('DataUseRequestInput', {
  fields: (t) => ({
    requesterName: t.string({ required: true }),
    organisation: t.string({ required: true }),
    email: t.string({ required: true }),
    purpose: t.string({ required: true }),
    tables: t.field({ type: [DataUseTableEnum], required: true }),
    grouping: t.field({ type: DataUseGroupingEnum, required: true }),
    durationDays: t.int({ required: true }),
    locale: t.string({ description: '"de" or "en": the language of the e-mails.' }),
  }),
});

builder.mutationField('requestDataUse', (t) =>
  t.boolean({
    description:
      'Files a data-use request; a link to verify the e-mail address is sent, and only the verified request is put to the vote. Public. Always true for valid input (a few requests per address a day are stored).',
    args: { input: t.arg({ type: DataUseRequestInput, required: true }) },
    errors: { types: [ValidationError] },
    resolve: async (_root, { input }, context) => {
      await requestDataUse(context.prisma, { ...input, locale: input.locale === 'en' ? 'en' : 'de' });
      try {
        await context.jobs.add(dataUseEmails, {}, { jobKey: dataUseEmailsJobKey });
      } catch (error) {
        // The repeating job sends the e-mail anyway.
        context.logger.warn({ err: error }, 'could not add the data-use e-mail job');
      }
      return true;
    },
  }),
);

builder.mutationField('verifyDataUseRequest', (t) =>
  t.prismaField({
    type: 'DataUseRequest',
    description: 'The link from the verification e-mail: puts the request to the members\' vote. Works once, until it expires. Public.',
    args: { token: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, InvalidVerificationLinkError] },
    resolve: async (query, _root, args, context) => {
      const { requestId } = await verifyDataUseRequest(context, { token: args.token });
      return context.prisma.dataUseRequest.findUniqueOrThrow({ ...query, where: { id: requestId } });
    },
  }),
);

builder.queryField('myDataUseOptOut', (t) =>
  t.boolean({
    description: 'Whether the logged-in member opted out of all data use.',
    authScopes: { signedIn: true },
    resolve: (_root, _args, context) => isOptedOutOfDataUse(context.prisma, memberOf(context).id),
  }),
);

builder.mutationField('setDataUseOptOut', (t) =>
  t.boolean({
    description: 'Opts the logged-in member out of all data use (true) or in again (false); returns the setting.',
    authScopes: { signedIn: true },
    args: { optedOut: t.arg.boolean({ required: true }) },
    resolve: (_root, args, context) => setDataUseOptOut(context.prisma, memberOf(context), args.optedOut),
  }),
);
