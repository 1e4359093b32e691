// Sharing the surplus: the board's dry run and its start of a run (admins only), the history of runs
// with their totals (public, for the transparency page), and a member's expected and received shares
// with what explains them.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { SurplusRun } from '../../../prisma/generated/client/client';
import { builder } from '../builder';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { surplusDistribution, surplusDistributionJobKey } from '../jobs/surplus-distribution';
import { computeDistribution, type ComputedShare, type SurplusComputation } from '../surplus/compute-distribution';
import { SurplusPeriodNotEndedError } from '../surplus/errors';
import { expectedShare, lineOfShare, receivedShares, shareExplanation, totalsOfComputation, totalsOfRun, type MemberShareLine, type MemberSurplusShare, type SurplusTotals } from '../surplus/member-share';
import { lastEndedPeriod, periodContaining } from '../surplus/periods';
import { surplusSchema, type SurplusPolicy as SurplusPolicyPayload } from '../surplus/policy';
import { periodOrError } from '../surplus/run-distribution';
import { shareLines, shareLinesMax, type ShareOfRecipient } from '../surplus/share-lines';
import { storedDistribution } from '../surplus/stored-distribution';
import { amountOfUnits, unitsOf } from '../surplus/units';
import { amountText } from '../wallet/cooperative-currency';
import { policyInForce } from '../governance/policies';
import { SurplusPolicy } from './surplus-policy';
import { ErrorInterface } from './errors';

const runsListedMax = 120;

builder.objectType(SurplusPeriodNotEndedError, {
  name: 'SurplusPeriodNotEndedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof SurplusPeriodNotEndedError,
  fields: (t) => ({ period: t.exposeString('period'), endsAt: t.expose('endsAt', { type: 'DateTime' }) }),
});

const SurplusRunStatusEnum = builder.enumType('SurplusRunStatus', {
  values: {
    computing: { description: 'Computing every share.' },
    computed: { description: 'Every share computed and stored; booking comes next.' },
    booking: { description: 'Booking every share in one ledger transaction.' },
    booked: { description: 'Booked: every share is in its account. Final.' },
  } as const,
});

const SurplusTotalsType = builder.objectRef<SurplusTotals>('SurplusTotals').implement({
  description: 'The figures of a period\'s distribution: distributable = fund balance − reserve = distributed + unallocated.',
  fields: (t) => ({
    period: t.exposeString('period', { description: '"2026-11" (a month), "2026-Q4" (a quarter) or "2026" (a year).' }),
    periodStart: t.expose('periodStart', { type: 'DateTime' }),
    periodEnd: t.expose('periodEnd', { type: 'DateTime', description: 'The instant the period ends (excluded).' }),
    policy: t.field({ type: SurplusPolicy, description: 'The surplus rule the distribution follows.', resolve: (totals) => ({ kind: 'surplus' as const, ...totals.policy }) }),
    fundBalance: t.field({ type: 'Decimal', resolve: (totals) => totals.fundBalance }),
    reserve: t.field({ type: 'Decimal', description: 'What stays in the fund by the rule.', resolve: (totals) => totals.reserve }),
    distributable: t.field({ type: 'Decimal', resolve: (totals) => totals.distributable }),
    purchasesPart: t.field({ type: 'Decimal', description: 'The part shared by purchases.', resolve: (totals) => totals.purchasesPart }),
    salesPart: t.field({ type: 'Decimal', description: 'The part shared by sales.', resolve: (totals) => totals.salesPart }),
    equalPart: t.field({ type: 'Decimal', description: 'The part shared equally among active members.', resolve: (totals) => totals.equalPart }),
    accountsPart: t.field({ type: 'Decimal', description: 'What the named accounts receive together.', resolve: (totals) => totals.accountsPart }),
    totalPurchases: t.field({ type: 'Decimal', description: 'Confirmed orders in the period.', resolve: (totals) => totals.totalPurchases }),
    totalSales: t.field({ type: 'Decimal', resolve: (totals) => totals.totalSales }),
    activeMembers: t.exposeInt('activeMembers', { description: 'Members with at least one confirmed order in the period.' }),
    distributed: t.field({ type: 'Decimal', description: 'The sum of all shares.', resolve: (totals) => totals.distributed }),
    unallocated: t.field({ type: 'Decimal', description: 'What nobody could claim (a part without any turnover); it stays in the fund.', resolve: (totals) => totals.unallocated }),
  }),
});

interface ShareLine extends MemberShareLine {
  name: string;
  memberId: string | null;
  accountCode: string;
}

const SurplusShareLineType = builder.objectRef<ShareLine>('SurplusShareLine').implement({
  description: "A recipient's share: a member's, made of its parts, or a named account's.",
  fields: (t) => ({
    name: t.exposeString('name', { description: "The member's display name or the named account's name." }),
    memberId: t.id({ nullable: true, resolve: (line) => (line.memberId ? encodeGlobalID('Member', line.memberId) : null) }),
    accountCode: t.exposeString('accountCode'),
    purchases: t.field({ type: 'Decimal', resolve: (line) => line.purchases }),
    sales: t.field({ type: 'Decimal', resolve: (line) => line.sales }),
    purchasesShare: t.field({ type: 'Decimal', resolve: (line) => line.purchasesShare }),
    salesShare: t.field({ type: 'Decimal', resolve: (line) => line.salesShare }),
    equalShare: t.field({ type: 'Decimal', resolve: (line) => line.equalShare }),
    amount: t.field({ type: 'Decimal', resolve: (line) => line.amount }),
    keptInFund: t.exposeBoolean('keptInFund', {
      description: "The recipient's account was closed before the share could be booked (the member left in between): nothing was booked, the amount stayed in the fund.",
    }),
  }),
});

function lineOfComputed(share: ComputedShare, name: string): ShareLine {
  return {
    name,
    memberId: share.memberId,
    accountCode: share.accountCode,
    purchases: amountOfUnits(share.purchases),
    sales: amountOfUnits(share.sales),
    purchasesShare: amountOfUnits(share.purchasesShare),
    salesShare: amountOfUnits(share.salesShare),
    equalShare: amountOfUnits(share.equalShare),
    amount: amountOfUnits(share.amount),
    keptInFund: share.keptInFund ?? false,
  };
}

/** Every unit accounted for: the shares sum to the distributed amount, and it with the rest to the distributable one. */
function sumsExactly(computation: SurplusComputation): boolean {
  const sum = computation.shares.reduce((total, share) => total + share.amount, 0n);
  const partsAdd = computation.shares.every((share) => share.memberId === null || share.purchasesShare + share.salesShare + share.equalShare === share.amount);
  return partsAdd && sum === computation.distributed && computation.distributed + computation.unallocated === computation.distributable;
}

interface StoredShare extends ShareOfRecipient {
  line: MemberShareLine;
}

async function runPolicyOf(context: { prisma: PrismaClient }, run: SurplusRun): Promise<SurplusPolicyPayload> {
  const version = await context.prisma.policyVersion.findUniqueOrThrow({ where: { id: run.policyVersionId }, select: { payload: true } });
  return surplusSchema.parse(version.payload);
}

const SurplusRunType = builder.objectRef<SurplusRun>('SurplusRun').implement({
  description: "The distribution of one period's surplus. Its totals are public; its shares are for the board.",
  fields: (t) => ({
    id: t.exposeID('id'),
    period: t.exposeString('period'),
    status: t.field({ type: SurplusRunStatusEnum, resolve: (run) => run.status }),
    startedByBoard: t.boolean({ description: 'Started by the board; false: by the scheduled job.', resolve: (run) => run.startedById !== null }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    computedAt: t.expose('computedAt', { type: 'DateTime', nullable: true }),
    bookedAt: t.expose('bookedAt', { type: 'DateTime', nullable: true }),
    shareCount: t.exposeInt('shareCount', { description: 'Recipients, known once computed.' }),
    bookedCount: t.exposeInt('bookedCount', {
      description: 'Shares booked so far: it rises batch by batch while the run books, and once booked is the share count less the shares kept in the fund.',
    }),
    keptInFund: t.field({
      type: 'Decimal',
      description: 'What of the distributed amount stayed in the fund: the shares whose account was closed before they could be booked (their member left in between). Known once booked.',
      resolve: (run) => amountText(run.keptInFund),
    }),
    totals: t.field({ type: SurplusTotalsType, resolve: async (run, _args, context) => totalsOfRun(run, await runPolicyOf(context, run)) }),
    sumsExactly: t.boolean({
      description: 'The stored shares sum exactly to the distributed amount, and it with the unallocated rest to the distributable amount.',
      resolve: async (run, _args, context) => {
        const sum = await context.prisma.surplusShare.aggregate({ where: { runId: run.id }, _sum: { amount: true } });
        const shares = sum._sum.amount ? unitsOf(sum._sum.amount) : 0n;
        return shares === unitsOf(run.distributed) && unitsOf(run.distributed) + unitsOf(run.unallocated) === unitsOf(run.distributable);
      },
    }),
    shares: t.field({
      type: [SurplusShareLineType],
      description: `The stored shares whose recipient's name contains the search, the largest first (at most ${shareLinesMax}). Admins only.`,
      authScopes: { admin: true },
      args: { search: t.arg.string({ required: false }), first: t.arg.int({ required: false }) },
      resolve: async (run, args, context) => {
        const rows = await context.prisma.surplusShare.findMany({ where: { runId: run.id } });
        const stored: StoredShare[] = rows.map((row) => ({ memberId: row.memberId, accountCode: row.accountCode, amount: unitsOf(row.amount), line: lineOfShare(row) }));
        const lines = await shareLines(context.prisma, await runPolicyOf(context, run), stored, args);
        return lines.map(({ share, name }) => ({ ...share.line, name, memberId: share.memberId, accountCode: share.accountCode }));
      },
    }),
  }),
});

interface Preview {
  computation: SurplusComputation;
  ended: boolean;
  run: SurplusRun | null;
}

const SurplusPreviewType = builder.objectRef<Preview>('SurplusPreview').implement({
  description: 'A dry run: every share of a period as a run now would book it. Nothing is booked.',
  fields: (t) => ({
    totals: t.field({ type: SurplusTotalsType, resolve: (preview) => totalsOfComputation(preview.computation) }),
    ended: t.boolean({ description: 'Whether the period has ended, so a run can book it.', resolve: (preview) => preview.ended }),
    shareCount: t.int({ resolve: (preview) => preview.computation.shares.length }),
    sharesSum: t.field({ type: 'Decimal', description: 'All shares added up.', resolve: (preview) => amountOfUnits(preview.computation.shares.reduce((sum, share) => sum + share.amount, 0n)) }),
    sumsExactly: t.boolean({ description: 'The shares sum exactly to the distributed amount, and it with the unallocated rest to the distributable amount.', resolve: (preview) => sumsExactly(preview.computation) }),
    run: t.field({ type: SurplusRunType, nullable: true, description: 'The run of the period, if one was started.', resolve: (preview) => preview.run }),
    shares: t.field({
      type: [SurplusShareLineType],
      description: `The shares whose recipient's name contains the search, the largest first (at most ${shareLinesMax}).`,
      args: { search: t.arg.string({ required: false }), first: t.arg.int({ required: false }) },
      resolve: async (preview, args, context) => {
        const lines = await shareLines(context.prisma, preview.computation.policy.payload, preview.computation.shares, args);
        return lines.map(({ share, name }) => lineOfComputed(share, name));
      },
    }),
  }),
});

const MemberSurplusShareType = builder.objectRef<MemberSurplusShare>('MemberSurplusShare').implement({
  description: "A member's share of a period's surplus and the figures that explain it.",
  fields: (t) => ({
    totals: t.field({ type: SurplusTotalsType, resolve: (share) => share.totals }),
    booked: t.exposeBoolean('booked', { description: 'False for the running period: what the member would get if it ended now.' }),
    bookedAt: t.expose('bookedAt', { type: 'DateTime', nullable: true }),
    purchases: t.field({ type: 'Decimal', description: "The member's confirmed purchases in the period.", resolve: (share) => share.purchases }),
    sales: t.field({ type: 'Decimal', description: "The member's confirmed sales in the period.", resolve: (share) => share.sales }),
    purchasesShare: t.field({ type: 'Decimal', resolve: (share) => share.purchasesShare }),
    salesShare: t.field({ type: 'Decimal', resolve: (share) => share.salesShare }),
    equalShare: t.field({ type: 'Decimal', resolve: (share) => share.equalShare }),
    amount: t.field({ type: 'Decimal', resolve: (share) => share.amount }),
    keptInFund: t.exposeBoolean('keptInFund', {
      description: "The member's account was closed before the share could be booked: it was not received, the amount stayed in the fund. False for the running period.",
    }),
  }),
});

function periodArgument(period: string | null | undefined, fallback: () => Promise<string>): Promise<string> {
  return period ? Promise.resolve(period) : fallback();
}

builder.queryField('surplusPreview', (t) =>
  t.field({
    type: SurplusPreviewType,
    description: 'The dry run of a period (default: the last one that ended under the rule in force): every share, nothing booked; a period whose run has stored its shares shows those. Admins only.',
    authScopes: { admin: true },
    args: { period: t.arg.string({ required: false }) },
    errors: { types: [ValidationError] },
    resolve: async (_root, args, context) => {
      const now = new Date();
      const key = await periodArgument(args.period, async () => lastEndedPeriod((await policyInForce(context.prisma, 'surplus', now)).payload.period, now).key);
      const period = periodOrError(key);
      const ended = period.end <= now;
      const run = await context.prisma.surplusRun.findUnique({ where: { period: period.key } });
      // A period whose shares are stored shows them; the fund has changed since they were computed.
      if (run && run.status !== 'computing') return { computation: await storedDistribution(context.prisma, run), ended, run };
      const computation = await computeDistribution(context, ended ? period : { ...period, end: now });
      return { computation: ended ? computation : { ...computation, period }, ended, run };
    },
  }),
);

builder.queryField('surplusRuns', (t) =>
  t.field({
    type: [SurplusRunType],
    description: `Every distribution of the surplus with its totals, the newest period first (at most ${runsListedMax}). Public.`,
    resolve: (_root, _args, context) => context.prisma.surplusRun.findMany({ orderBy: [{ periodEnd: 'desc' }, { period: 'asc' }], take: runsListedMax }),
  }),
);

builder.queryField('surplusRun', (t) =>
  t.field({
    type: SurplusRunType,
    nullable: true,
    description: 'The run of one period with its progress, or null before one was started. Public; its shares are for admins.',
    args: { period: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => context.prisma.surplusRun.findUnique({ where: { period: args.period } }),
  }),
);

const SurplusRunStartType = builder.objectRef<{ period: string; run: SurplusRun | null }>('SurplusRunStart').implement({
  fields: (t) => ({
    period: t.exposeString('period'),
    run: t.field({ type: SurplusRunType, nullable: true, description: 'The run, once the job has started it; poll surplusRun for its progress.', resolve: (start) => start.run }),
  }),
});

builder.mutationField('startSurplusRun', (t) =>
  t.field({
    type: SurplusRunStartType,
    description: 'Starts the distribution of an ended period as a job; a booked period is not booked again. Admins only; the scheduled job starts the others.',
    authScopes: { admin: true },
    args: { period: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, SurplusPeriodNotEndedError] },
    resolve: async (_root, args, context) => {
      const period = periodOrError(args.period);
      if (period.end > new Date()) throw new SurplusPeriodNotEndedError(period.key, period.end);
      const run = await context.prisma.surplusRun.findUnique({ where: { period: period.key } });
      if (run?.status !== 'booked') {
        await context.jobs.add(surplusDistribution, { period: period.key, startedById: context.member!.id }, { jobKey: surplusDistributionJobKey(period.key) });
      }
      return { period: period.key, run };
    },
  }),
);

const MySurplusType = builder.objectRef<{ memberId: string }>('MySurplus').implement({
  description: "The logged-in member's shares of the surplus.",
  fields: (t) => ({
    expected: t.field({
      type: MemberSurplusShareType,
      description: 'The running period: what the member would get if it ended now, by the rule in force.',
      resolve: (mine, _args, context) => expectedShare(context, mine.memberId),
    }),
    received: t.field({ type: [MemberSurplusShareType], description: 'Shares received (booked into the account), the newest period first.', resolve: (mine, _args, context) => receivedShares(context.prisma, mine.memberId) }),
    runningPeriod: t.string({
      resolve: async (_mine, _args, context) => periodContaining((await policyInForce(context.prisma, 'surplus')).payload.period, new Date()).key,
    }),
  }),
});

builder.queryField('mySurplus', (t) =>
  t.withAuth({ member: true }).field({
    type: MySurplusType,
    resolve: (_root, _args, context) => ({ memberId: context.member.id }),
  }),
);

builder.queryField('mySurplusShare', (t) =>
  t.withAuth({ member: true }).field({
    type: MemberSurplusShareType,
    nullable: true,
    description: "How the logged-in member's share of a booked period was computed; null when the period is not booked.",
    args: { period: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => shareExplanation(context.prisma, context.member.id, args.period),
  }),
);
