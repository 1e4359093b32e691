// updateProposal: the author edits a draft. Once discussion or voting began, the text stays as the
// members read it.
import type { Member } from '../../../prisma/generated/client/client';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { assertDecisionPossible } from './create-proposal';
import { assertAuthor, assertStatus, lockProposal, proposalIdOf, type ProposalRow } from './proposal-access';
import { parseInput, parseProposalPayload, proposalTextSchema } from './proposal-input';
import type { ProposalKind } from './policy-kinds';

export interface ProposalUpdateInput {
  title: string;
  rationale: string;
  payload?: unknown;
}

const updateSchema = proposalTextSchema.extend({ payload: z.unknown().optional() });

export async function updateProposal(prisma: PrismaClient, author: Member, proposalId: string, input: ProposalUpdateInput): Promise<ProposalRow> {
  const id = proposalIdOf(proposalId);
  const { title, rationale, payload } = parseInput(updateSchema, input);
  return prisma.$transaction(async (transaction) => {
    const proposal = await lockProposal(transaction, id);
    assertAuthor(proposal, author);
    assertStatus(proposal, ['draft'], 'edited');
    const parsedPayload = parseProposalPayload(proposal.kind as ProposalKind, payload);
    await assertDecisionPossible(transaction, proposal.kind, parsedPayload);
    return transaction.proposal.update({ where: { id }, data: { title, rationale, payload: parsedPayload as object } });
  });
}
