// createProposal: an admitted member drafts a proposal. Its payload is checked against its kind now,
// so a draft never holds a policy that could not be enacted.
import type { Member, Prisma } from '../../../prisma/generated/client/client';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { assertAdmitted, type ProposalRow } from './proposal-access';
import { parseInput, parseProposalPayload, proposalKindSchema, proposalTextSchema } from './proposal-input';

export interface ProposalDraftInput {
  kind: string;
  title: string;
  rationale: string;
  /** The proposed policy's settings; ignored for a resolution. */
  payload?: unknown;
}

const createSchema = proposalTextSchema.extend({ kind: proposalKindSchema, payload: z.unknown().optional() });

export async function createProposal(prisma: PrismaClient, author: Member, input: ProposalDraftInput): Promise<ProposalRow> {
  assertAdmitted(author);
  const { kind, title, rationale, payload } = parseInput(createSchema, input);
  const parsedPayload = parseProposalPayload(kind, payload);
  await assertDecisionPossible(prisma, kind, parsedPayload);
  return prisma.proposal.create({ data: { kind, title, rationale, payload: parsedPayload as object, authorId: author.id } });
}

/**
 * A data-use request becomes a proposal only by its verified e-mail (verify-data-use-request.ts), never
 * by a member's draft; a revocation must name a request that is granted now.
 */
export async function assertDecisionPossible(prisma: PrismaClient | Prisma.TransactionClient, kind: string, payload: Record<string, unknown>): Promise<void> {
  if (kind === 'data_use') {
    throw new ValidationError([{ field: 'kind', code: 'invalid_choice', params: {}, message: 'a data-use request is put to the vote when its e-mail is verified' }]);
  }
  if (kind === 'data_use_revocation') {
    const granted = await prisma.dataUseRequest.count({ where: { id: String(payload.requestId), status: 'granted' } });
    if (granted === 0) throw new ValidationError([{ field: 'payload.requestId', code: 'invalid_choice', params: {}, message: 'not a granted data-use request' }]);
  }
}
