// castVote: yes, no or abstain, one vote per elector, changeable until the close. The vote row is the
// receipt; its choice is wiped when the proposal closes (close-proposal.ts).
import type { Member } from '../../../prisma/generated/client/client';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { NotInElectorateError, ProposalStatusError } from './errors';
import { assertAdmitted, assertStatus, lockProposal, proposalIdOf } from './proposal-access';
import { parseInput } from './proposal-input';

export const voteChoices = ['yes', 'no', 'abstain'] as const;
export type VoteChoiceValue = (typeof voteChoices)[number];

const castVoteSchema = z.object({ choice: z.enum(voteChoices, { message: 'yes, no or abstain' }) });

export async function castVote(prisma: PrismaClient, voter: Member, proposalId: string, input: { choice: string }, now = new Date()): Promise<VoteChoiceValue> {
  const id = proposalIdOf(proposalId);
  assertAdmitted(voter);
  const { choice } = parseInput(castVoteSchema, input);
  return prisma.$transaction(async (transaction) => {
    // The lock orders a vote against the close: a vote either counts or is refused, never lost.
    const proposal = await lockProposal(transaction, id);
    assertStatus(proposal, ['voting'], 'voted on');
    if (proposal.votingClosesAt && proposal.votingClosesAt <= now) throw new ProposalStatusError('past its deadline', 'voted on');
    const elector = await transaction.proposalElector.findUnique({ where: { proposalId_memberId: { proposalId: id, memberId: voter.id } } });
    if (!elector) throw new NotInElectorateError();
    await transaction.vote.upsert({
      where: { proposalId_memberId: { proposalId: id, memberId: voter.id } },
      create: { proposalId: id, memberId: voter.id, choice, votedAt: now },
      update: { choice, votedAt: now },
    });
    return choice;
  });
}
