// The kinds of policy the members decide, each with the schema of its settings. A policy version's
// payload is always one of these, checked when a proposal is drafted and again when it is enacted.
// Rates and amounts are decimal texts, never JavaScript numbers.
import { z } from 'zod';
import { rankingSchema } from '../ranking/policy';
import { amountProblem } from '../shared/input';
import { demurrageSchema } from '../demurrage/policy';
import { surplusSchema } from '../surplus/policy';
import { dataPolicySchema } from '../shared/rules/data-use-rules';

/** A share between 0 and 1 with at most four decimal places ("0.03" is 3 %). */
const shareSchema = z
  .string()
  .trim()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'a share between 0 and 1 with at most 4 decimal places, e.g. 0.05');

const amountSchema = z
  .string()
  .trim()
  .refine((value) => amountProblem(value) === null, { message: 'a positive amount with at most 2 decimal places' });

/** The contribution to the common fund taken from each sale, as a share of the order's amount. */
export const contributionRateSchema = z.object({
  rate: shareSchema.refine((rate) => Number(rate) <= 0.5, { message: 'at most 0.5' }),
});

/**
 * Credit lines of admitted members. A lower limit never pushes an existing balance into violation: it
 * only stops further spending below it.
 */
export const creditSchema = z.object({
  creditLimit: z.union([amountSchema, z.literal('0'), z.literal('0.00')]),
  /** Null: no maximum balance. */
  maximumBalance: amountSchema.nullable(),
  /**
   * Earned credit: the limit grows by this share of the member's confirmed sales over the last
   * `months`, by at most `cap` (recomputed by the credit-earned-limits job). Missing or null: none.
   */
  earned: z
    .object({
      share: shareSchema,
      months: z.number().int('a whole number').min(1, 'at least 1').max(24, 'at most 24'),
      cap: amountSchema,
    })
    .strict()
    .nullable()
    .optional(),
});

/** Who admits applicants: the board (admins), or everyone who registers is admitted at once. */
export const admissionSchema = z.object({ mode: z.enum(['board', 'automatic']) });

/**
 * Every kind of proposal. The policy kinds enact a version of their policy; a resolution enacts nothing;
 * data_use puts a third party's data-use request to the vote (filed from outside, it has no member
 * author) and data_use_revocation revokes a granted one (api/src/data-use/).
 */
export const proposalKinds = [
  'contribution_rate',
  'credit',
  'admission',
  'ranking',
  'surplus',
  'demurrage',
  'data',
  'voting_rules',
  'resolution',
  'data_use',
  'data_use_revocation',
] as const;
export type ProposalKind = (typeof proposalKinds)[number];

/** How one kind of proposal is decided. */
export const votingRuleSchema = z
  .object({
    votingDaysMin: z.number().int().min(1).max(90),
    votingDaysMax: z.number().int().min(1).max(90),
    /** Share of the electorate that must take part (yes, no, and abstain when it counts). */
    quorum: shareSchema,
    /** Share of yes among yes + no needed to pass (and always more yes than no; see tally.ts). */
    threshold: shareSchema.refine((share) => Number(share) >= 0.5, { message: 'at least 0.5' }),
    abstentionsCountTowardQuorum: z.boolean(),
  })
  .refine((rule) => rule.votingDaysMin <= rule.votingDaysMax, { message: 'the shortest window must not be longer than the longest', path: ['votingDaysMin'] });

export type VotingRule = z.infer<typeof votingRuleSchema>;

/** Changes to the voting rules themselves need at least this share of yes. */
export const votingRulesThresholdMin = '0.75';

/**
 * How the kinds added after the founding assembly are decided until the members vote other rules: a
 * version of the voting rules from before a kind existed does not name it. These are part of adding
 * the kind, as its founding version is.
 */
export const votingRulesOfLaterKinds: Partial<Record<ProposalKind, VotingRule>> = {
  ranking: { votingDaysMin: 3, votingDaysMax: 28, quorum: '0.2', threshold: '0.5', abstentionsCountTowardQuorum: true },
  surplus: { votingDaysMin: 7, votingDaysMax: 28, quorum: '0.2', threshold: '0.5', abstentionsCountTowardQuorum: true },
  demurrage: { votingDaysMin: 7, votingDaysMax: 28, quorum: '0.2', threshold: '0.5', abstentionsCountTowardQuorum: true },
  data: { votingDaysMin: 7, votingDaysMax: 28, quorum: '0.2', threshold: '0.5', abstentionsCountTowardQuorum: true },
  // A data-use request is put to the vote when its e-mail is verified, for votingDaysMin days.
  data_use: { votingDaysMin: 14, votingDaysMax: 28, quorum: '0.2', threshold: '0.5', abstentionsCountTowardQuorum: true },
  data_use_revocation: { votingDaysMin: 7, votingDaysMax: 28, quorum: '0.2', threshold: '0.5', abstentionsCountTowardQuorum: true },
};

export const votingRulesSchema = z.object({
  rules: z
    .preprocess(
      (rules) => (rules && typeof rules === 'object' ? { ...votingRulesOfLaterKinds, ...rules } : rules),
      z.object(Object.fromEntries(proposalKinds.map((kind) => [kind, votingRuleSchema])) as Record<ProposalKind, typeof votingRuleSchema>),
    )
    .refine((rules) => Number(rules.voting_rules.threshold) >= Number(votingRulesThresholdMin), {
      message: `changes to the voting rules need a threshold of at least ${votingRulesThresholdMin}`,
      path: ['voting_rules', 'threshold'],
    }),
});

export const policySchemas = {
  contribution_rate: contributionRateSchema,
  credit: creditSchema,
  admission: admissionSchema,
  ranking: rankingSchema,
  surplus: surplusSchema,
  demurrage: demurrageSchema,
  data: dataPolicySchema,
  voting_rules: votingRulesSchema,
} as const;

/** The payloads of the kinds that enact no policy: what they decide about. */
export const decisionSchemas = {
  resolution: z.object({}).strip(),
  data_use: z.object({ requestId: z.uuid('a data-use request') }).strict(),
  data_use_revocation: z.object({ requestId: z.uuid('a data-use request') }).strict(),
} as const;

export type PolicyKind = keyof typeof policySchemas;
export const policyKinds = Object.keys(policySchemas) as PolicyKind[];

export type PolicyPayload<Kind extends PolicyKind> = z.infer<(typeof policySchemas)[Kind]>;

export function isPolicyKind(kind: string): kind is PolicyKind {
  return kind in policySchemas;
}
