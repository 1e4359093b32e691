import type { PrismaClient } from '../db/client';
import { notificationKinds } from '../notifications/notification-kinds';
import { conversationLink, findConversation, loadPartner } from './conversation-pair';

/**
 * Marks the member's conversation with another member read up to its newest message, and the member's
 * notifications of it with it. The marker is the newest message's own time, not the clock's, so a
 * message written while this runs stays unread. Returns the number of messages that were unread.
 */
export async function markConversationRead(prisma: PrismaClient, memberId: string, otherMemberId: string): Promise<number> {
  await loadPartner(prisma, memberId, otherMemberId);
  const conversation = await findConversation(prisma, memberId, otherMemberId);
  if (!conversation) return 0;
  return prisma.$transaction(async (transaction) => {
    const newest = await transaction.directMessage.findFirst({ where: { conversationId: conversation.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { createdAt: true } });
    if (!newest) return 0;
    const key = { conversationId_memberId: { conversationId: conversation.id, memberId } };
    const marker = await transaction.conversationRead.findUnique({ where: key });
    const unread = await transaction.directMessage.count({
      where: { conversationId: conversation.id, authorId: { not: memberId }, ...(marker ? { createdAt: { gt: marker.readAt } } : {}) },
    });
    if (!marker || marker.readAt < newest.createdAt) {
      await transaction.conversationRead.upsert({ where: key, create: { conversationId: conversation.id, memberId, readAt: newest.createdAt }, update: { readAt: newest.createdAt } });
    }
    await transaction.notification.updateMany({
      where: { recipientId: memberId, kind: notificationKinds.directMessage, link: conversationLink(otherMemberId), readAt: null },
      data: { readAt: new Date() },
    });
    return unread;
  });
}
