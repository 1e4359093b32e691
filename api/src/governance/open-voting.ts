// openVoting: the author opens the vote. In one transaction the voting rules in force for the kind are
// kept with the proposal, the electorate is frozen (the admitted members at this moment: a member
// admitted later does not vote on it), and every elector is notified. The close is then scheduled as
// a delayed job at the deadline; the sweep closes it should that job be lost.
import type { Member, Prisma } from '../../../prisma/generated/client/client';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import type { JobQueue } from '../jobs/backend';
import { governanceCloseProposal } from '../jobs/governance-close-proposal';
import { notificationKinds } from '../notifications/notification-kinds';
import { notifyElectors } from './governance-notifications';
import { policyInForce } from './policies';
import { assertAdmitted, assertAuthor, assertStatus, lockProposal, proposalIdOf, type ProposalRow } from './proposal-access';
import { parseInput, parseProposalPayload } from './proposal-input';
import type { ProposalKind } from './policy-kinds';

const dayMs = 24 * 60 * 60_000;

const openVotingSchema = z.object({ votingDays: z.number().int('whole days').min(1, 'at least 1 day').max(90, 'at most 90 days') });

export async function openVoting(
  services: { prisma: PrismaClient; jobs: JobQueue },
  author: Member,
  proposalId: string,
  input: { votingDays: number },
  now = new Date(),
): Promise<ProposalRow> {
  const id = proposalIdOf(proposalId);
  assertAdmitted(author);
  const { votingDays } = parseInput(openVotingSchema, input);
  const opened = await services.prisma.$transaction(async (transaction) => {
    const proposal = await lockProposal(transaction, id);
    assertAuthor(proposal, author);
    assertStatus(proposal, ['draft', 'discussion'], 'put to the vote');
    return openVotingLocked(transaction, proposal, votingDays, now);
  });
  await scheduleClose(services.jobs, opened);
  return opened;
}

/**
 * Opens the vote of a locked proposal, inside the caller's transaction: keeps the voting rules in
 * force for its kind, freezes the electorate and notifies it. The caller schedules the close after
 * the commit (scheduleClose). Shared with a data-use request, which is put to the vote when verified.
 */
export async function openVotingLocked(transaction: Prisma.TransactionClient, proposal: ProposalRow, votingDays: number, now: Date): Promise<ProposalRow> {
  const kind = proposal.kind as ProposalKind;
  // A policy that changed since the draft was written may make the proposal pointless, never invalid.
  parseProposalPayload(kind, proposal.payload);
  const rule = (await policyInForce(transaction, 'voting_rules', now)).payload.rules[kind];
  if (votingDays < rule.votingDaysMin || votingDays > rule.votingDaysMax) {
    throw new ValidationError([{ field: 'votingDays', code: 'out_of_range', params: { min: rule.votingDaysMin, max: rule.votingDaysMax }, message: `between ${rule.votingDaysMin} and ${rule.votingDaysMax} days` }]);
  }
  const votingClosesAt = new Date(now.getTime() + votingDays * dayMs);
  await transaction.$executeRaw`
    INSERT INTO "ProposalElector" ("proposalId", "memberId")
    SELECT ${proposal.id}::uuid, "id" FROM "Member" WHERE "status" = 'admitted'`;
  const updated = await transaction.proposal.update({
    where: { id: proposal.id },
    data: { status: 'voting', votingOpensAt: now, votingClosesAt, rules: rule },
  });
  await notifyElectors(transaction, updated, notificationKinds.votingOpened);
  return updated;
}

/** Adds the delayed close job of a proposal whose vote opened (one per proposal, by its key). */
export async function scheduleClose(jobs: JobQueue, opened: ProposalRow): Promise<void> {
  await jobs.add(governanceCloseProposal, { proposalId: opened.id }, { delayMs: Math.max(0, opened.votingClosesAt!.getTime() - Date.now()), jobKey: opened.id });
}
