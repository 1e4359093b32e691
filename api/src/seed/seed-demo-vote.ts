// The demo's governance: a contribution-rate proposal that passed a month ago, written as
// the close would have left it (electorate, receipts without choices, the result, version 2 of the
// policy), so the transparency page and the proposals list are not empty on a fresh start; and a
// ranking proposal that favours ecological offers, open for voting, so a visitor meets the idea at once.
import type { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import { votingRuleSchema } from '../governance/policy-kinds';
import { tally } from '../governance/tally';
import { castVote } from '../governance/cast-vote';
import { rankingSchema } from '../ranking/policy';
import { demoClosedVote, demoEmail, demoOpenRankingVote } from './demo-data';

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

/** The ranking proposal open for voting: the electorate frozen when it opened, a few votes cast. */
export async function seedDemoRankingVote(prisma: PrismaClient, now = new Date()): Promise<void> {
  const vote = demoOpenRankingVote;
  const openedAt = new Date(now.getTime() - vote.openedDaysAgo * dayMs);
  const members = await prisma.member.findMany({ where: { status: 'admitted' }, orderBy: { memberNumber: 'asc' } });
  const byEmail = new Map(members.map((member) => [member.email, member]));
  const author = byEmail.get(demoEmail(vote.authorKey));
  if (!author) throw new Error('The demo ranking vote needs its author among the demo members');
  const rule = votingRuleSchema.parse((await policyInForce(prisma, 'voting_rules', openedAt)).payload.rules.ranking);
  const proposal = await prisma.proposal.create({
    data: {
      kind: 'ranking',
      title: vote.title,
      rationale: vote.rationale,
      payload: rankingSchema.parse(vote.payload),
      authorId: author.id,
      status: 'voting',
      createdAt: new Date(openedAt.getTime() - 5 * dayMs),
      discussionStartedAt: new Date(openedAt.getTime() - 5 * dayMs),
      votingOpensAt: openedAt,
      votingClosesAt: new Date(openedAt.getTime() + vote.votingDays * dayMs),
      rules: rule,
      electors: { createMany: { data: members.map((member) => ({ memberId: member.id })) } },
    },
  });
  for (const [key, choice] of vote.votes) {
    const voter = byEmail.get(demoEmail(key));
    if (voter) await castVote(prisma, voter, proposal.id, { choice }, new Date(openedAt.getTime() + 3 * 60 * 60_000));
  }
}
