import type { PrismaClient } from '../db/client';

export const markReadBatchMax = 100;

/**
 * Marks the member's notifications as read: the given ones, or all unread ones when no ids are
 * given. Others' notifications are never touched. Returns how many changed.
 */
export async function markNotificationsRead(prisma: PrismaClient, memberId: string, ids: string[] | null): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { recipientId: memberId, readAt: null, ...(ids ? { id: { in: ids.slice(0, markReadBatchMax) } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
