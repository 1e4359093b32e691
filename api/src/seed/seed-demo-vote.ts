// The demo's governance history: a contribution-rate proposal that passed a month ago, written as
// the close would have left it (electorate, receipts without choices, the result, version 2 of the
// policy), so the transparency page and the proposals list are not empty on a fresh start.
import type { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import { votingRuleSchema } from '../governance/policy-kinds';
import { tally } from '../governance/tally';
import { demoClosedVote, demoEmail } from './demo-data';

const dayMs = 24 * 60 * 60_000;

export async function seedDemoVote(prisma: PrismaClient, now = new Date()): Promise<void> {
  const vote = demoClosedVote;
  const openedAt = new Date(now.getTime() - vote.openedDaysAgo * dayMs);
  const closedAt = new Date(openedAt.getTime() + vote.votingDays * dayMs);
  await prisma.$transaction(async (transaction) => {
    const members = await transaction.member.findMany({ where: { status: 'admitted' }, select: { id: true, email: true }, orderBy: { memberNumber: 'asc' } });
    const author = members.find((member) => member.email === demoEmail(vote.authorKey));
    if (!author) throw new Error('The demo vote needs its author among the demo members');
    const rule = votingRuleSchema.parse((await policyInForce(transaction, 'voting_rules', openedAt)).payload.rules.contribution_rate);
    const result = tally({ yes: vote.yes, no: vote.no, abstain: vote.abstain }, members.length, rule);
    const proposal = await transaction.proposal.create({
      data: {
        kind: 'contribution_rate',
        title: vote.title,
        rationale: vote.rationale,
        payload: { rate: vote.rate },
        authorId: author.id,
        status: result.endState,
        createdAt: new Date(openedAt.getTime() - 3 * dayMs),
        discussionStartedAt: new Date(openedAt.getTime() - 3 * dayMs),
        votingOpensAt: openedAt,
        votingClosesAt: closedAt,
        rules: rule,
        remindedAt: new Date(closedAt.getTime() - dayMs),
        closedAt,
        result: result as unknown as Prisma.InputJsonObject,
      },
    });
    await transaction.proposalElector.createMany({ data: members.map((member) => ({ proposalId: proposal.id, memberId: member.id })) });
    const voters = members.slice(0, vote.yes + vote.no + vote.abstain);
    await transaction.vote.createMany({ data: voters.map((member) => ({ proposalId: proposal.id, memberId: member.id, choice: null, votedAt: openedAt })) });
    if (result.endState === 'passed') {
      await transaction.policyVersion.create({
        data: { kind: 'contribution_rate', version: 2, payload: { rate: vote.rate }, enactedAt: closedAt, proposalId: proposal.id, appliedAt: closedAt },
      });
    }
  });
}
