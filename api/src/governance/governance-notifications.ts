// Notifications of governance: to the electorate when voting opens, a reminder to those who have not
// voted a day before it closes, the result to the electorate, and the board's decision to an
// applicant. Written in the caller's transaction with a dedupKey per recipient, so a repeated step
// notifies nobody twice.
import type { Prisma } from '../../../prisma/generated/client/client';
import { notificationKinds, type NotificationKind } from '../notifications/notification-kinds';

export function proposalLink(proposalId: string): string {
  return `/proposals/${proposalId}`;
}

/** Notifies the proposal's electors (only those who have not voted, when asked). */
export async function notifyElectors(
  transaction: Prisma.TransactionClient,
  proposal: { id: string; title: string; votingClosesAt: Date | null },
  kind: NotificationKind,
  options: { onlyNonVoters?: boolean; payload?: Record<string, unknown> } = {},
): Promise<number> {
  const electors = await transaction.proposalElector.findMany({
    where: { proposalId: proposal.id, ...(options.onlyNonVoters ? { member: { votes: { none: { proposalId: proposal.id } } } } : {}) },
    select: { memberId: true },
  });
  if (electors.length === 0) return 0;
  const { count } = await transaction.notification.createMany({
    data: electors.map(({ memberId }) => ({
      recipientId: memberId,
      kind,
      payload: { title: proposal.title, closesAt: proposal.votingClosesAt?.toISOString() ?? null, ...options.payload },
      link: proposalLink(proposal.id),
      dedupKey: `${kind}:${proposal.id}:${memberId}`,
    })),
    skipDuplicates: true,
  });
  return count;
}

export async function notifyApplicant(
  transaction: Prisma.TransactionClient,
  applicantId: string,
  decision: 'admitted' | 'declined',
  payload: Record<string, unknown>,
): Promise<void> {
  const kind = decision === 'admitted' ? notificationKinds.membershipAdmitted : notificationKinds.membershipDeclined;
  await transaction.notification.createMany({
    data: [{ recipientId: applicantId, kind, payload: payload as Prisma.InputJsonObject, link: '/membership', dedupKey: `${kind}:${applicantId}` }],
    skipDuplicates: true,
  });
}
