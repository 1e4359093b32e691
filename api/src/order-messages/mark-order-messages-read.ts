import type { PrismaClient } from '../db/client';
import { notificationKinds } from '../notifications/notification-kinds';
import { orderLink } from '../notifications/order-notifications';
import { loadOrderForParty, type ThreadViewer } from './thread-access';

/**
 * Marks the thread read up to its newest message, and the member's message notifications of this order
 * with it. The marker is the newest message's own time, not the clock's, so a message written while
 * this runs stays unread. Returns the number of messages that were unread.
 */
export async function markOrderMessagesRead(prisma: PrismaClient, member: ThreadViewer, orderId: string): Promise<number> {
  const order = await loadOrderForParty(prisma, orderId, member);
  return prisma.$transaction(async (transaction) => {
    const newest = await transaction.orderMessage.findFirst({ where: { orderId: order.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { createdAt: true } });
    if (!newest) return 0;
    const marker = await transaction.orderMessageRead.findUnique({ where: { orderId_memberId: { orderId: order.id, memberId: member.id } } });
    const unread = await transaction.orderMessage.count({
      where: { orderId: order.id, authorId: { not: member.id }, ...(marker ? { createdAt: { gt: marker.readAt } } : {}) },
    });
    if (!marker || marker.readAt < newest.createdAt) {
      await transaction.orderMessageRead.upsert({
        where: { orderId_memberId: { orderId: order.id, memberId: member.id } },
        create: { orderId: order.id, memberId: member.id, readAt: newest.createdAt },
        update: { readAt: newest.createdAt },
      });
    }
    await transaction.notification.updateMany({
      where: { recipientId: member.id, kind: notificationKinds.orderMessage, link: orderLink(order.id), readAt: null },
      data: { readAt: new Date() },
    });
    return unread;
  });
}
