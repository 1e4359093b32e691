// createProposal: an admitted member drafts a proposal. Its payload is checked against its kind now,
// so a draft never holds a policy that could not be enacted.
import type { Member } from '../../../prisma/generated/client/client';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
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
  return prisma.proposal.create({ data: { kind, title, rationale, payload: parsedPayload as object, authorId: author.id } });
}
