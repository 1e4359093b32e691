// Admission. Registering makes an applicant; the admission policy in force says who admits: the board
// (a member with the admin role) or, when members voted for it, everyone at registration. Admitting
// gives the next member number; a declined applicant is told the board's reason.
import type { Member, Prisma } from '../../../prisma/generated/client/client';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { recordAuditEvent } from '../audit/audit-log';
import { isUuid } from '../shared/global-id';
import { parseInput } from '../shared/input';
import { ApplicationNotPendingError } from './errors';
import { notifyApplicant } from './governance-notifications';

export const declineReasonLength = { min: 3, max: 500 } as const;

async function lockApplicant(transaction: Prisma.TransactionClient, memberId: string): Promise<Member> {
  const locked = isUuid(memberId) ? await transaction.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Member" WHERE "id" = ${memberId}::uuid FOR UPDATE` : [];
  if (locked.length === 0) throw new ApplicationNotPendingError('unknown');
  const member = await transaction.member.findUniqueOrThrow({ where: { id: memberId } });
  if (member.status !== 'applicant') throw new ApplicationNotPendingError(member.status);
  return member;
}

/** Admits an applicant inside the caller's transaction; `decidedBy` is null for automatic admission. */
export async function admitInTransaction(transaction: Prisma.TransactionClient, memberId: string, decidedBy: string | null, now = new Date()): Promise<Member> {
  await lockApplicant(transaction, memberId);
  // Numbers are given one at a time: the advisory lock orders concurrent admissions.
  await transaction.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('allmende:member-number'))`;
  const { _max } = await transaction.member.aggregate({ _max: { memberNumber: true } });
  const admitted = await transaction.member.update({
    where: { id: memberId },
    data: { status: 'admitted', admittedAt: now, memberNumber: (_max.memberNumber ?? 0) + 1, decidedById: decidedBy },
  });
  await notifyApplicant(transaction, memberId, 'admitted', { memberNumber: admitted.memberNumber });
  await recordAuditEvent(transaction, {
    actorId: decidedBy,
    action: 'member_admitted',
    subjectType: 'member',
    subjectId: memberId,
    details: { memberNumber: admitted.memberNumber },
  });
  return admitted;
}

export async function admitMember(prisma: PrismaClient, board: Pick<Member, 'id'>, memberId: string): Promise<Member> {
  return prisma.$transaction((transaction) => admitInTransaction(transaction, memberId, board.id));
}

const declineSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(declineReasonLength.min, `at least ${declineReasonLength.min} characters`)
    .max(declineReasonLength.max, `at most ${declineReasonLength.max} characters`),
});

export async function declineMember(prisma: PrismaClient, board: Pick<Member, 'id'>, memberId: string, input: { reason: string }): Promise<Member> {
  const { reason } = parseInput(declineSchema, input);
  return prisma.$transaction(async (transaction) => {
    await lockApplicant(transaction, memberId);
    const declined = await transaction.member.update({ where: { id: memberId }, data: { status: 'declined', declineReason: reason, decidedById: board.id } });
    await notifyApplicant(transaction, memberId, 'declined', { reason });
    await recordAuditEvent(transaction, { actorId: board.id, action: 'member_declined', subjectType: 'member', subjectId: memberId, details: { reason } });
    return declined;
  });
}
