// commentOnProposal: admitted members discuss a proposal while it is in discussion or voting.
import type { Member } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { assertAdmitted, assertStatus, lockProposal, proposalIdOf } from './proposal-access';
import { commentSchema, parseInput } from './proposal-input';

export async function commentOnProposal(prisma: PrismaClient, author: Member, proposalId: string, input: { body: string }) {
  const id = proposalIdOf(proposalId);
  assertAdmitted(author);
  const { body } = parseInput(commentSchema, input);
  return prisma.$transaction(async (transaction) => {
    const proposal = await lockProposal(transaction, id);
    assertStatus(proposal, ['discussion', 'voting'], 'commented on');
    return transaction.proposalComment.create({ data: { proposalId: id, authorId: author.id, body } });
  });
}
