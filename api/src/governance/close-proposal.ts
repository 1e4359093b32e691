// closeProposal: at the deadline the votes are counted and, for a passed policy proposal, the new
// version enacted. Counting, the result record, wiping the choices (only receipts remain), the new
// policy version and the electors' notifications are one transaction on the locked proposal, so the
// delayed close job and the sweep may race or repeat: one of them closes, the others find it closed.
import type { Prisma } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { decideDataUse } from '../data-use/decide-data-use';
import { notificationKinds } from '../notifications/notification-kinds';
import { notifyElectors } from './governance-notifications';
import { isPolicyKind, policySchemas, votingRuleSchema, type PolicyKind } from './policy-kinds';
import { lockProposal } from './proposal-access';
import { tally, type TallyResult } from './tally';

export interface CloseOutcome {
  /** False when the proposal was not open or not yet due: nothing changed. */
  closed: boolean;
  result?: TallyResult;
  enacted?: { kind: PolicyKind; version: number };
  /** What the close did to a data-use request. */
  dataUse?: 'granted' | 'refused' | 'revoked';
}

export async function closeProposal(prisma: PrismaClient, proposalId: string, now = new Date()): Promise<CloseOutcome> {
  return prisma.$transaction(async (transaction) => closeLocked(transaction, proposalId, now));
}

async function closeLocked(transaction: Prisma.TransactionClient, proposalId: string, now: Date): Promise<CloseOutcome> {
  const proposal = await lockProposal(transaction, proposalId);
  if (proposal.status !== 'voting' || !proposal.votingClosesAt || proposal.votingClosesAt > now) return { closed: false };
  const rule = votingRuleSchema.parse(proposal.rules);
  const [groups, electorate] = await Promise.all([
    transaction.vote.groupBy({ by: ['choice'], where: { proposalId }, _count: { _all: true } }),
    transaction.proposalElector.count({ where: { proposalId } }),
  ]);
  const countOf = (choice: 'yes' | 'no' | 'abstain') => groups.find((group) => group.choice === choice)?._count._all ?? 0;
  const result = tally({ yes: countOf('yes'), no: countOf('no'), abstain: countOf('abstain') }, electorate, rule);
  await transaction.vote.updateMany({ where: { proposalId }, data: { choice: null } });
  await transaction.proposal.update({
    where: { id: proposalId },
    data: { status: result.endState, closedAt: now, result: result as unknown as Prisma.InputJsonObject },
  });
  let enacted: CloseOutcome['enacted'];
  if (result.endState === 'passed' && isPolicyKind(proposal.kind)) {
    const kind = proposal.kind;
    const latest = await transaction.policyVersion.findFirst({ where: { kind }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (latest?.version ?? 0) + 1;
    await transaction.policyVersion.create({
      data: {
        kind,
        version,
        payload: policySchemas[kind].parse(proposal.payload) as Prisma.InputJsonObject,
        enactedAt: now,
        proposalId,
        // Only a credit policy (the limits of open accounts) and a surplus rule (the named accounts it
        // creates in the ledger) have state outside this transaction to change.
        appliedAt: kind === 'credit' || kind === 'surplus' ? null : now,
      },
    });
    enacted = { kind, version };
  }
  const dataUse = await decideDataUse(transaction, proposal, result.endState === 'passed', now);
  await notifyElectors(transaction, proposal, notificationKinds.proposalClosed, { payload: { endState: result.endState } });
  return { closed: true, result, ...(enacted ? { enacted } : {}), ...(dataUse ? { dataUse } : {}) };
}
