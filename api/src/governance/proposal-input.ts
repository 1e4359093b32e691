// What a member writes into a proposal, checked when it is drafted, edited and again when voting
// opens (the payload must still be valid then).
import { z } from 'zod';
import { ValidationError } from '../errors';
import { parseInput } from '../shared/input';
import { fieldProblemsOf } from '../shared/rules/field-problems';
import { decisionSchemas, isPolicyKind, policySchemas, proposalKinds, type ProposalKind } from './policy-kinds';

export const proposalTitleLength = { min: 5, max: 120 } as const;
export const proposalRationaleLength = { min: 10, max: 5000 } as const;
export const proposalCommentLengthMax = 2000;

const noControlCharacters = (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

export const proposalTextSchema = z.object({
  title: z
    .string()
    .trim()
    .min(proposalTitleLength.min, `at least ${proposalTitleLength.min} characters`)
    .max(proposalTitleLength.max, `at most ${proposalTitleLength.max} characters`)
    .refine(noControlCharacters, 'must not contain control characters'),
  rationale: z
    .string()
    .trim()
    .min(proposalRationaleLength.min, `at least ${proposalRationaleLength.min} characters`)
    .max(proposalRationaleLength.max, `at most ${proposalRationaleLength.max} characters`)
    .refine(noControlCharacters, 'must not contain control characters'),
});

export const proposalKindSchema = z.enum(proposalKinds, { message: `one of ${proposalKinds.join(', ')}` });

/** The payload of a proposal of this kind, parsed: a policy, what a decision is about, or {} for a resolution. */
export function parseProposalPayload(kind: ProposalKind, payload: unknown): Record<string, unknown> {
  const schema = isPolicyKind(kind) ? policySchemas[kind] : decisionSchemas[kind];
  const result = schema.safeParse(payload ?? {});
  if (result.success) return result.data as Record<string, unknown>;
  throw new ValidationError(fieldProblemsOf(result.error.issues, payload ?? {}, ['payload']));
}

export const commentSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'required')
    .max(proposalCommentLengthMax, `at most ${proposalCommentLengthMax} characters`)
    .refine(noControlCharacters, 'must not contain control characters'),
});

export { parseInput };
