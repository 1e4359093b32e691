// The cooperative's policies: the versions in force and their history, each with the vote that
// enacted it. Public: anyone may read the rules (the transparency page). No mutation writes a policy;
// only closing a passed proposal does.
import { builder } from '../builder';
import { policiesInForce, policyHistory, type PolicyVersionOf } from '../governance/policies';
import { RankingPolicy } from './ranking';
import { DemurragePolicy } from './demurrage-policy';
import { SurplusPolicy } from './surplus-policy';
import { policyKinds, proposalKinds, type PolicyKind, type PolicyPayload, type ProposalKind, type VotingRule } from '../governance/policy-kinds';

export const PolicyKindEnum = builder.enumType('PolicyKind', { values: policyKinds });
export const ProposalKindEnum = builder.enumType('ProposalKind', { values: proposalKinds });

/** A policy's settings with its kind, as the union below resolves it. */
export type PolicySettings = { [Kind in PolicyKind]: { kind: Kind } & PolicyPayload<Kind> }[PolicyKind];

export function settingsOf(kind: PolicyKind, payload: unknown): PolicySettings {
  return { kind, ...(payload as object) } as PolicySettings;
}

const ContributionRatePolicy = builder.objectRef<PolicySettings & { kind: 'contribution_rate' }>('ContributionRatePolicy').implement({
  description: "The share of each sale's amount that goes to the common fund.",
  fields: (t) => ({ rate: t.string({ description: 'A share: "0.03" is 3 %.', resolve: (policy) => policy.rate }) }),
});

const EarnedCredit = builder.objectRef<NonNullable<PolicyPayload<'credit'>['earned']>>('EarnedCredit').implement({
  description: "The limit grows by a share of the member's confirmed sales over the last months, by at most the cap.",
  fields: (t) => ({
    share: t.exposeString('share', { description: 'A share of the sales: "0.1" is 10 %.' }),
    months: t.exposeInt('months'),
    cap: t.field({ type: 'Decimal', resolve: (earned) => earned.cap }),
  }),
});

const CreditPolicy = builder.objectRef<PolicySettings & { kind: 'credit' }>('CreditPolicy').implement({
  description: "Admitted members' credit lines.",
  fields: (t) => ({
    creditLimit: t.field({ type: 'Decimal', description: 'How far below zero an account may go.', resolve: (policy) => policy.creditLimit }),
    maximumBalance: t.field({ type: 'Decimal', nullable: true, description: 'Null: no maximum.', resolve: (policy) => policy.maximumBalance }),
    earned: t.field({ type: EarnedCredit, nullable: true, description: 'Earned credit on top of the limit; null: none.', resolve: (policy) => policy.earned ?? null }),
  }),
});

const AdmissionPolicy = builder.objectRef<PolicySettings & { kind: 'admission' }>('AdmissionPolicy').implement({
  description: 'Who admits applicants.',
  fields: (t) => ({ mode: t.string({ description: '"board" or "automatic".', resolve: (policy) => policy.mode }) }),
});

export const VotingRuleType = builder.objectRef<VotingRule & { kind: ProposalKind }>('VotingRule').implement({
  fields: (t) => ({
    kind: t.field({ type: ProposalKindEnum, resolve: (rule) => rule.kind }),
    votingDaysMin: t.exposeInt('votingDaysMin'),
    votingDaysMax: t.exposeInt('votingDaysMax'),
    quorum: t.exposeString('quorum', { description: 'Share of the electorate that must take part.' }),
    threshold: t.exposeString('threshold', { description: 'Share of yes among yes and no needed to pass.' }),
    abstentionsCountTowardQuorum: t.exposeBoolean('abstentionsCountTowardQuorum'),
  }),
});

const VotingRulesPolicy = builder.objectRef<PolicySettings & { kind: 'voting_rules' }>('VotingRulesPolicy').implement({
  description: 'How each kind of proposal is decided.',
  fields: (t) => ({
    rules: t.field({
      type: [VotingRuleType],
      resolve: (policy) => proposalKinds.map((kind) => ({ kind, ...policy.rules[kind] })),
    }),
  }),
});

const DataPolicy = builder.objectRef<PolicySettings & { kind: 'data' }>('DataPolicy').implement({
  description: 'The data policy: the open statistics and granted data-use queries publish no figure about fewer members than this.',
  fields: (t) => ({ minimumGroupSize: t.int({ description: 'k: figures about fewer members are suppressed.', resolve: (policy) => policy.minimumGroupSize }) }),
});

const settingsTypes = {
  contribution_rate: ContributionRatePolicy,
  credit: CreditPolicy,
  admission: AdmissionPolicy,
  ranking: RankingPolicy,
  surplus: SurplusPolicy,
  demurrage: DemurragePolicy,
  data: DataPolicy,
  voting_rules: VotingRulesPolicy,
} as const;

export const PolicySettingsUnion = builder.unionType('PolicySettings', {
  types: Object.values(settingsTypes),
  resolveType: (settings) => settingsTypes[settings.kind],
});

export const PolicyVersionType = builder.objectRef<PolicyVersionOf<PolicyKind>>('PolicyVersion').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: PolicyKindEnum, resolve: (version) => version.kind }),
    version: t.exposeInt('version'),
    enactedAt: t.expose('enactedAt', { type: 'DateTime' }),
    settings: t.field({ type: PolicySettingsUnion, resolve: (version) => settingsOf(version.kind, version.payload) }),
    proposalId: t.exposeID('proposalId', { nullable: true, description: 'The proposal whose vote enacted it; null for the founding assembly.' }),
  }),
});

builder.queryField('policiesInForce', (t) =>
  t.field({
    type: [PolicyVersionType],
    description: 'Every policy of the cooperative in force now. Public.',
    resolve: async (_root, _args, context) => Object.values(await policiesInForce(context.prisma)),
  }),
);

builder.queryField('policyHistory', (t) =>
  t.field({
    type: [PolicyVersionType],
    description: 'Every version of one policy, the newest first. Public.',
    args: { kind: t.arg({ type: PolicyKindEnum, required: true }) },
    resolve: (_root, args, context) => policyHistory(context.prisma, args.kind),
  }),
);
