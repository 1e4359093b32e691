// withdrawProposal: the author takes back a proposal that is not closed. Votes already cast lose their
// choice at once, as at a close, and nothing is counted.
import type { Member } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { assertAuthor, assertStatus, lockProposal, proposalIdOf, type ProposalRow } from './proposal-access';

export async function withdrawProposal(prisma: PrismaClient, author: Member, proposalId: string, now = new Date()): Promise<ProposalRow> {
  const id = proposalIdOf(proposalId);
  return prisma.$transaction(async (transaction) => {
    const proposal = await lockProposal(transaction, id);
    assertAuthor(proposal, author);
    assertStatus(proposal, ['draft', 'discussion', 'voting'], 'withdrawn');
    await transaction.vote.updateMany({ where: { proposalId: id }, data: { choice: null } });
    return transaction.proposal.update({ where: { id }, data: { status: 'withdrawn', closedAt: now } });
  });
}
