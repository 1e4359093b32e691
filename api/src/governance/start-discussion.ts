// startDiscussion: the stretched procedure of GenG §43b. A draft goes to a discussion phase in which
// members comment but do not vote; the author opens voting afterwards.
import type { Member } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { assertAdmitted, assertAuthor, assertStatus, lockProposal, proposalIdOf, type ProposalRow } from './proposal-access';

export async function startDiscussion(prisma: PrismaClient, author: Member, proposalId: string, now = new Date()): Promise<ProposalRow> {
  const id = proposalIdOf(proposalId);
  assertAdmitted(author);
  return prisma.$transaction(async (transaction) => {
    const proposal = await lockProposal(transaction, id);
    assertAuthor(proposal, author);
    assertStatus(proposal, ['draft'], 'put to discussion');
    return transaction.proposal.update({ where: { id }, data: { status: 'discussion', discussionStartedAt: now } });
  });
}
