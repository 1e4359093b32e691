// The governance sweep, run every minute: closes every proposal past its deadline (the delayed close
// job normally did; this catches one that was lost with Redis or a crash), sends the "closing soon"
// reminder once per proposal a day before the deadline to electors who have not voted, and finishes
// applying a credit policy or a surplus rule. Each step is idempotent, so the sweep may overlap with itself or the job.
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { notificationKinds } from '../notifications/notification-kinds';
import { applyCreditPolicy } from './apply-credit-policy';
import { applySurplusPolicy } from './apply-surplus-policy';
import { closeProposal } from './close-proposal';
import { notifyElectors } from './governance-notifications';
import { lockProposal } from './proposal-access';

export const reminderBeforeCloseMs = 24 * 60 * 60_000;
/** Proposals handled per run and step; a backlog is worked off over the next runs. */
const proposalsPerRunMax = 100;

export interface SweepOutcome {
  closed: number;
  /** Data-use requests granted by a close of this run; their access tokens are still to be sent. */
  dataUseGranted: number;
  reminded: number;
  creditAccountsChanged: number;
  surplusAccountsApplied: number;
}

export async function sweepProposals(services: { prisma: PrismaClient; ledger: Ledger }, now = new Date()): Promise<SweepOutcome> {
  const { prisma } = services;
  const due = await prisma.proposal.findMany({
    where: { status: 'voting', votingClosesAt: { lte: now } },
    select: { id: true },
    orderBy: { votingClosesAt: 'asc' },
    take: proposalsPerRunMax,
  });
  let closed = 0;
  let dataUseGranted = 0;
  for (const { id } of due) {
    const outcome = await closeProposal(prisma, id, now);
    if (outcome.closed) closed += 1;
    if (outcome.dataUse === 'granted') dataUseGranted += 1;
  }

  const closingSoon = await prisma.proposal.findMany({
    where: { status: 'voting', remindedAt: null, votingClosesAt: { gt: now, lte: new Date(now.getTime() + reminderBeforeCloseMs) } },
    select: { id: true },
    take: proposalsPerRunMax,
  });
  let reminded = 0;
  for (const { id } of closingSoon) {
    reminded += await prisma.$transaction(async (transaction) => {
      const proposal = await lockProposal(transaction, id);
      if (proposal.status !== 'voting' || proposal.remindedAt) return 0;
      await transaction.proposal.update({ where: { id }, data: { remindedAt: now } });
      return notifyElectors(transaction, proposal, notificationKinds.votingClosesSoon, { onlyNonVoters: true });
    });
  }
  const creditAccountsChanged = await applyCreditPolicy(services, now);
  const surplusAccountsApplied = await applySurplusPolicy(services, now);
  return { closed, dataUseGranted, reminded, creditAccountsChanged, surplusAccountsApplied };
}
