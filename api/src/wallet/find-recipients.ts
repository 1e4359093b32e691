// findRecipients: other members a member can pay, found by part of their display name. Returns only
// ids and display names, never e-mail addresses.
import type { PrismaClient } from '../db/client';

export const recipientsMaximum = 10;
export const recipientSearchLengthMaximum = 80;

export interface Recipient {
  id: string;
  displayName: string;
}

export async function findRecipients(prisma: PrismaClient, senderId: string, search: string): Promise<Recipient[]> {
  const term = search.trim().slice(0, recipientSearchLengthMaximum);
  if (term.length === 0) return [];
  return prisma.member.findMany({
    where: { id: { not: senderId }, status: 'admitted', displayName: { contains: term, mode: 'insensitive' } },
    select: { id: true, displayName: true },
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
    take: recipientsMaximum,
  });
}
