// Proposals and votes. Results stay null until a proposal is closed, for every role; how a member
// voted is never exposed (a member sees only their own current choice while voting runs, and the
// choice is wiped at the close). Drafts are visible to their author only.
import { builder } from '../builder';
import type { Prisma } from '../../../prisma/generated/client/client';
import { ProposalStatus, VoteChoice } from '../../../prisma/generated/client/enums';
import { ValidationError } from '../errors';
import { castVote } from '../governance/cast-vote';
import { commentOnProposal } from '../governance/comment-on-proposal';
import { createProposal } from '../governance/create-proposal';
import { NotAdmittedError, NotInElectorateError, NotProposalAuthorError, ProposalNotFoundError, ProposalStatusError } from '../governance/errors';
import { openVoting } from '../governance/open-voting';
import { policyInForce } from '../governance/policies';
import { isPolicyKind, type ProposalKind } from '../governance/policy-kinds';
import { startDiscussion } from '../governance/start-discussion';
import type { TallyResult } from '../governance/tally';
import { updateProposal } from '../governance/update-proposal';
import { withdrawProposal } from '../governance/withdraw-proposal';
import { pageSizeMax } from '../shared/input';
import { RankingInput, rankingPayloadOf } from './ranking';
import { DemurrageInput } from './demurrage-policy';
import { SurplusInput, surplusPayloadOf } from './surplus-policy';
import { rowIdOf } from '../shared/global-id';
import type { Context } from '../context';
import { memberOf } from './global-id';
import { PolicySettingsUnion, ProposalKindEnum, VotingRuleType, settingsOf } from './policy';
import { selectionOf } from './prisma-query';
import './governance-errors';

export const ProposalStatusEnum = builder.enumType(ProposalStatus, { name: 'ProposalStatus', description: 'See the state machine in prisma/schema.prisma.' });
export const VoteChoiceEnum = builder.enumType(VoteChoice, { name: 'VoteChoice' });

const ProposalResultType = builder.objectRef<TallyResult>('ProposalResult').implement({
  description: 'The count of a closed vote: the minutes.',
  fields: (t) => ({
    electorate: t.exposeInt('electorate', { description: 'Admitted members when voting opened.' }),
    votesCast: t.exposeInt('votesCast'),
    yes: t.exposeInt('yes'),
    no: t.exposeInt('no'),
    abstain: t.exposeInt('abstain'),
    quorumRequired: t.exposeInt('quorumRequired', { description: 'Members who had to take part.' }),
    quorumReached: t.exposeBoolean('quorumReached'),
    thresholdRequired: t.exposeString('thresholdRequired'),
    thresholdReached: t.exposeBoolean('thresholdReached'),
    endState: t.field({ type: ProposalStatusEnum, resolve: (result) => result.endState }),
  }),
});

const TurnoutType = builder.objectRef<{ voted: number; electorate: number }>('Turnout').implement({
  fields: (t) => ({ voted: t.exposeInt('voted'), electorate: t.exposeInt('electorate') }),
});

const ProposalCommentType = builder.prismaObject('ProposalComment', {
  fields: (t) => ({
    id: t.exposeID('id'),
    body: t.exposeString('body'),
    author: t.relation('author'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const closedStatuses = ['passed', 'rejected', 'no_quorum'] as const;

/** Proposals a viewer may see: all but other members' drafts. */
function visibleProposalsWhere(context: Context): Prisma.ProposalWhereInput {
  const viewer = context.member;
  return viewer ? { OR: [{ status: { not: 'draft' } }, { authorId: viewer.id }] } : { status: { not: 'draft' } };
}

export const ProposalType = builder.prismaNode('Proposal', {
  id: { field: 'id' },
  findUnique: (id, context) => ({ ...visibleProposalsWhere(context), id }),
  fields: (t) => ({
    kind: t.field({ type: ProposalKindEnum, select: { kind: true }, resolve: (proposal) => proposal.kind as ProposalKind }),
    title: t.exposeString('title'),
    rationale: t.exposeString('rationale'),
    status: t.expose('status', { type: ProposalStatusEnum }),
    author: t.relation('author', { nullable: true, description: 'Null for a data-use request, filed from outside.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    discussionStartedAt: t.expose('discussionStartedAt', { type: 'DateTime', nullable: true }),
    votingOpensAt: t.expose('votingOpensAt', { type: 'DateTime', nullable: true }),
    votingClosesAt: t.expose('votingClosesAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    proposed: t.field({
      type: PolicySettingsUnion,
      nullable: true,
      description: 'The proposed policy; null for a resolution and the data-use kinds.',
      select: { kind: true, payload: true },
      resolve: (proposal) => (isPolicyKind(proposal.kind) ? settingsOf(proposal.kind, proposal.payload) : null),
    }),
    inForce: t.field({
      type: PolicySettingsUnion,
      nullable: true,
      description: 'The policy the proposal would replace: in force now, or just before the close for a closed proposal.',
      select: { kind: true, closedAt: true },
      resolve: async (proposal, _args, context) => {
        if (!isPolicyKind(proposal.kind)) return null;
        const at = proposal.closedAt ? new Date(proposal.closedAt.getTime() - 1) : new Date();
        const version = await policyInForce(context.prisma, proposal.kind, at);
        return settingsOf(version.kind, version.payload);
      },
    }),
    rules: t.field({
      type: VotingRuleType,
      nullable: true,
      description: 'The voting rules kept when voting opened.',
      select: { kind: true, rules: true },
      resolve: (proposal) => (proposal.rules ? { kind: proposal.kind as ProposalKind, ...(proposal.rules as object) } as never : null),
    }),
    turnout: t.field({
      type: TurnoutType,
      nullable: true,
      description: 'How many of the electorate voted (never how); null before voting opens.',
      select: { id: true, votingOpensAt: true },
      resolve: async (proposal, _args, context) => {
        if (!proposal.votingOpensAt) return null;
        const [voted, electorate] = await Promise.all([
          context.prisma.vote.count({ where: { proposalId: proposal.id } }),
          context.prisma.proposalElector.count({ where: { proposalId: proposal.id } }),
        ]);
        return { voted, electorate };
      },
    }),
    myVote: t.field({
      type: VoteChoiceEnum,
      nullable: true,
      description: "The logged-in member's current choice while voting runs; null after the close, when choices are wiped.",
      select: { id: true },
      resolve: async (proposal, _args, context) => {
        if (!context.member) return null;
        const vote = await context.prisma.vote.findUnique({ where: { proposalId_memberId: { proposalId: proposal.id, memberId: context.member.id } } });
        return vote?.choice ?? null;
      },
    }),
    hasVoted: t.boolean({
      description: 'Whether the logged-in member voted (the receipt, kept after the close).',
      select: { id: true },
      resolve: async (proposal, _args, context) =>
        context.member ? (await context.prisma.vote.count({ where: { proposalId: proposal.id, memberId: context.member.id } })) > 0 : false,
    }),
    canVote: t.boolean({
      description: 'Whether the logged-in member is in the electorate and voting is open.',
      select: { id: true, status: true, votingClosesAt: true },
      resolve: async (proposal, _args, context) => {
        if (!context.member || proposal.status !== 'voting' || !proposal.votingClosesAt || proposal.votingClosesAt <= new Date()) return false;
        const elector = await context.prisma.proposalElector.findUnique({ where: { proposalId_memberId: { proposalId: proposal.id, memberId: context.member.id } } });
        return elector !== null;
      },
    }),
    result: t.field({
      type: ProposalResultType,
      nullable: true,
      description: 'Null until the proposal is closed, for everyone.',
      select: { status: true, result: true },
      resolve: (proposal) => ((closedStatuses as readonly string[]).includes(proposal.status) ? (proposal.result as unknown as TallyResult) : null),
    }),
    enactedVersion: t.int({
      nullable: true,
      description: 'The policy version this proposal enacted.',
      select: { enacted: { select: { version: true } } },
      resolve: (proposal) => proposal.enacted?.version ?? null,
    }),
    comments: t.relation('comments', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 } }),
  }),
});

const ProposalPhaseEnum = builder.enumType('ProposalPhase', {
  values: {
    draft: { description: "The logged-in member's drafts." },
    discussion: {},
    voting: {},
    closed: { description: 'Passed, rejected, no quorum or withdrawn.' },
  } as const,
});

const phaseWhere: Record<'draft' | 'discussion' | 'voting' | 'closed', Prisma.ProposalWhereInput> = {
  draft: { status: 'draft' },
  discussion: { status: 'discussion' },
  voting: { status: 'voting' },
  closed: { status: { in: [...closedStatuses, 'withdrawn'] } },
};

builder.queryField('proposals', (t) =>
  t.prismaConnection({
    type: 'Proposal',
    cursor: 'id',
    description: 'Proposals, newest first. Public except drafts.',
    args: {
      phase: t.arg({ type: ProposalPhaseEnum }),
      needsMyVote: t.arg.boolean({ description: 'Open votes the logged-in member may cast and has not.' }),
    },
    defaultSize: 20,
    maxSize: pageSizeMax,
    resolve: (query, _root, args, context) => {
      const viewer = context.member;
      const needsMyVote: Prisma.ProposalWhereInput = args.needsMyVote
        ? viewer
          ? { status: 'voting', votingClosesAt: { gt: new Date() }, electors: { some: { memberId: viewer.id } }, votes: { none: { memberId: viewer.id } } }
          : { id: { in: [] } }
        : {};
      return context.prisma.proposal.findMany({
        ...query,
        where: { AND: [visibleProposalsWhere(context), args.phase ? phaseWhere[args.phase] : {}, needsMyVote] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },
  }),
);

builder.queryField('proposal', (t) =>
  t.prismaField({
    type: 'Proposal',
    nullable: true,
    description: "A proposal by id; null for an unknown id or another member's draft.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const id = rowIdOf(String(args.id), ['Proposal']);
      return id ? context.prisma.proposal.findFirst({ ...query, where: { AND: [visibleProposalsWhere(context), { id }] } }) : null;
    },
  }),
);

/** A proposal id from a client's global id; anything else names no proposal. */
function proposalIdOf(id: string | number): string {
  const rowId = rowIdOf(String(id), ['Proposal']);
  if (!rowId) throw new ProposalNotFoundError();
  return rowId;
}

const ContributionRateInput = builder.inputType('ContributionRateInput', { fields: (t) => ({ rate: t.string({ required: true }) }) });
const CreditInput = builder.inputType('CreditInput', {
  fields: (t) => ({
    creditLimit: t.field({ type: 'Decimal', required: true }),
    maximumBalance: t.field({ type: 'Decimal' }),
    earnedShare: t.string({ description: 'Earned credit: the share of sales added to the limit, e.g. "0.1"; omitted with the other earned fields: none.' }),
    earnedMonths: t.int({ description: 'Earned credit: the months of sales counted.' }),
    earnedCap: t.field({ type: 'Decimal', description: 'Earned credit: the most it adds.' }),
  }),
});
const AdmissionInput = builder.inputType('AdmissionInput', { fields: (t) => ({ mode: t.string({ required: true, description: '"board" or "automatic".' }) }) });
const VotingRuleInput = builder.inputType('VotingRuleInput', {
  fields: (t) => ({
    kind: t.field({ type: ProposalKindEnum, required: true }),
    votingDaysMin: t.int({ required: true }),
    votingDaysMax: t.int({ required: true }),
    quorum: t.string({ required: true }),
    threshold: t.string({ required: true }),
    abstentionsCountTowardQuorum: t.boolean({ required: true }),
  }),
});
const DataPolicyInput = builder.inputType('DataPolicyInput', { fields: (t) => ({ minimumGroupSize: t.int({ required: true }) }) });
const DataUseRevocationInput = builder.inputType('DataUseRevocationInput', {
  fields: (t) => ({ requestId: t.id({ required: true, description: 'The granted data-use request to revoke.' }) }),
});
const ProposalPayloadInput = builder.inputType('ProposalPayloadInput', {
  description: "The proposed policy, or the request a revocation names: the field of the proposal's kind; none for a resolution.",
  fields: (t) => ({
    contributionRate: t.field({ type: ContributionRateInput }),
    credit: t.field({ type: CreditInput }),
    admission: t.field({ type: AdmissionInput }),
    ranking: t.field({ type: RankingInput }),
    surplus: t.field({ type: SurplusInput }),
    demurrage: t.field({ type: DemurrageInput }),
    data: t.field({ type: DataPolicyInput }),
    votingRules: t.field({ type: [VotingRuleInput] }),
    dataUseRevocation: t.field({ type: DataUseRevocationInput }),
  }),
});

type PayloadInput = typeof ProposalPayloadInput.$inferInput;

/** A credit policy's payload; the earned fields, when any is given, as its earned part. */
function creditPayloadOf(credit: typeof CreditInput.$inferInput): unknown {
  const { creditLimit, maximumBalance, earnedShare, earnedMonths, earnedCap } = credit;
  const earnedGiven = earnedShare != null || earnedMonths != null || earnedCap != null;
  return {
    creditLimit,
    maximumBalance: maximumBalance ?? null,
    ...(earnedGiven ? { earned: { share: earnedShare ?? '', months: earnedMonths ?? 0, cap: earnedCap ?? '' } } : {}),
  };
}

/** The payload of the kind's field in the input, in the shape the policy's schema checks. */
function payloadOf(kind: ProposalKind, input: PayloadInput | null | undefined): unknown {
  switch (kind) {
    case 'contribution_rate':
      return input?.contributionRate;
    case 'credit':
      return input?.credit && creditPayloadOf(input.credit);
    case 'admission':
      return input?.admission;
    case 'ranking':
      return input?.ranking && rankingPayloadOf(input.ranking);
    case 'surplus':
      return input?.surplus && surplusPayloadOf(input.surplus);
    case 'demurrage':
      return input?.demurrage;
    case 'voting_rules':
      return input?.votingRules && { rules: Object.fromEntries(input.votingRules.map(({ kind: ruleKind, ...rule }) => [ruleKind, rule])) };
    case 'data':
      return input?.data;
    case 'data_use_revocation':
      return input?.dataUseRevocation && { requestId: String(input.dataUseRevocation.requestId) };
    case 'resolution':
    case 'data_use':
      return {};
  }
}

const CreateProposalInput = builder.inputType('CreateProposalInput', {
  fields: (t) => ({
    kind: t.field({ type: ProposalKindEnum, required: true }),
    title: t.string({ required: true }),
    rationale: t.string({ required: true }),
    payload: t.field({ type: ProposalPayloadInput }),
  }),
});

const UpdateProposalInput = builder.inputType('UpdateProposalInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string({ required: true }),
    rationale: t.string({ required: true }),
    payload: t.field({ type: ProposalPayloadInput }),
  }),
});

const proposalErrors = [ValidationError, ProposalNotFoundError, ProposalStatusError, NotProposalAuthorError, NotAdmittedError];

/** Reloads the proposal with the client's selection after a use case changed it. */
function reload(context: Context, query: object, id: string) {
  return context.prisma.proposal.findUniqueOrThrow({ ...selectionOf(query), where: { id } });
}

builder.mutationField('createProposal', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: 'Drafts a proposal; its payload is checked against its kind now.',
    authScopes: { member: true },
    args: { input: t.arg({ type: CreateProposalInput, required: true }) },
    errors: { types: proposalErrors },
    resolve: async (query, _root, { input }, context) => {
      const created = await createProposal(context.prisma, memberOf(context), { ...input, payload: payloadOf(input.kind, input.payload) });
      return reload(context, query, created.id);
    },
  }),
);

builder.mutationField('updateProposal', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: "Edits one of the logged-in member's drafts.",
    authScopes: { member: true },
    args: { input: t.arg({ type: UpdateProposalInput, required: true }) },
    errors: { types: proposalErrors },
    resolve: async (query, _root, { input }, context) => {
      const id = proposalIdOf(input.id);
      const existing = await context.prisma.proposal.findFirst({ where: { ...visibleProposalsWhere(context), id }, select: { kind: true } });
      if (!existing) throw new ProposalNotFoundError();
      await updateProposal(context.prisma, memberOf(context), id, { ...input, payload: payloadOf(existing.kind as ProposalKind, input.payload) });
      return reload(context, query, id);
    },
  }),
);

builder.mutationField('startDiscussion', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: 'Puts a draft to discussion (comments only, no votes) before the vote.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: proposalErrors },
    resolve: async (query, _root, args, context) => {
      const id = proposalIdOf(args.id);
      await startDiscussion(context.prisma, memberOf(context), id);
      return reload(context, query, id);
    },
  }),
);

builder.mutationField('openVoting', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: 'Opens the vote for this many days (within the voting rules of its kind); the electorate is frozen now.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }), votingDays: t.arg.int({ required: true }) },
    errors: { types: proposalErrors },
    resolve: async (query, _root, args, context) => {
      const id = proposalIdOf(args.id);
      await openVoting(context, memberOf(context), id, { votingDays: args.votingDays });
      return reload(context, query, id);
    },
  }),
);

builder.mutationField('withdrawProposal', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: 'The author withdraws a proposal that is not closed; nothing is counted.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: proposalErrors },
    resolve: async (query, _root, args, context) => {
      const id = proposalIdOf(args.id);
      await withdrawProposal(context.prisma, memberOf(context), id);
      return reload(context, query, id);
    },
  }),
);

builder.mutationField('castVote', (t) =>
  t.prismaField({
    type: 'Proposal',
    description: 'Votes yes, no or abstain; a member may change the vote until the close.',
    authScopes: { member: true },
    args: { proposalId: t.arg.id({ required: true }), choice: t.arg({ type: VoteChoiceEnum, required: true }) },
    errors: { types: [...proposalErrors, NotInElectorateError] },
    resolve: async (query, _root, args, context) => {
      const id = proposalIdOf(args.proposalId);
      await castVote(context.prisma, memberOf(context), id, { choice: args.choice });
      return reload(context, query, id);
    },
  }),
);

builder.mutationField('commentOnProposal', (t) =>
  t.prismaField({
    type: 'ProposalComment',
    description: 'Adds to the discussion of a proposal in discussion or voting.',
    authScopes: { member: true },
    args: { proposalId: t.arg.id({ required: true }), body: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, ProposalNotFoundError, ProposalStatusError, NotAdmittedError] },
    resolve: async (query, _root, args, context) => {
      const comment = await commentOnProposal(context.prisma, memberOf(context), proposalIdOf(args.proposalId), { body: args.body });
      return context.prisma.proposalComment.findUniqueOrThrow({ ...selectionOf(query), where: { id: comment.id } });
    },
  }),
);

export { ProposalCommentType };
