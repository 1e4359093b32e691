// Notifications of an order's moves and messages. They are written with the caller's transaction, so
// a notification exists exactly when the change it reports was committed. Each order event has a
// dedupKey per recipient: a repeated or concurrent move inserts nothing a second time.
import type { Prisma } from '../../../prisma/generated/client/client';
import { notificationKinds, type NotificationKind } from './notification-kinds';
import { amountText } from '../wallet/cooperative-currency';

export type OrderEvent = 'placed' | 'accepted' | 'rejected' | 'fulfilled' | 'cancelled' | 'disputed' | 'confirmed' | 'resolved';
type Party = 'buyer' | 'producer';

/** Who hears of each event: the party that did not make the move (both for an admin's resolution). */
const recipientsOf: Record<OrderEvent, { kind: NotificationKind; parties: Party[] }> = {
  placed: { kind: notificationKinds.orderPlaced, parties: ['producer'] },
  accepted: { kind: notificationKinds.orderAccepted, parties: ['buyer'] },
  rejected: { kind: notificationKinds.orderRejected, parties: ['buyer'] },
  fulfilled: { kind: notificationKinds.orderFulfilled, parties: ['buyer'] },
  cancelled: { kind: notificationKinds.orderCancelled, parties: ['producer'] },
  disputed: { kind: notificationKinds.orderDisputed, parties: ['producer'] },
  confirmed: { kind: notificationKinds.orderConfirmed, parties: ['producer'] },
  resolved: { kind: notificationKinds.orderResolved, parties: ['buyer', 'producer'] },
};

export const messageExcerptLengthMax = 140;

export function orderLink(orderId: string): string {
  return `/orders/${orderId}`;
}

interface OrderSummary {
  id: string;
  buyerId: string;
  producerId: string;
  title: string;
  total: string;
  buyerName: string;
  producerName: string;
}

/** "Äpfel" for one item, "Äpfel +2" for three. */
async function summarize(transaction: Prisma.TransactionClient, orderId: string): Promise<OrderSummary> {
  const order = await transaction.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      buyerId: true,
      producerId: true,
      total: true,
      items: { select: { title: true }, orderBy: { title: 'asc' } },
      buyer: { select: { displayName: true } },
      producer: { select: { displayName: true } },
    },
  });
  const [first, ...rest] = order.items;
  const title = `${first?.title ?? ''}${rest.length > 0 ? ` +${rest.length}` : ''}`;
  return {
    id: order.id,
    buyerId: order.buyerId,
    producerId: order.producerId,
    title,
    total: amountText(order.total),
    buyerName: order.buyer.displayName,
    producerName: order.producer.displayName,
  };
}

export async function notifyOrderEvent(transaction: Prisma.TransactionClient, orderId: string, event: OrderEvent): Promise<void> {
  const order = await summarize(transaction, orderId);
  const { kind, parties } = recipientsOf[event];
  await transaction.notification.createMany({
    data: parties.map((party) => {
      const recipientId = party === 'buyer' ? order.buyerId : order.producerId;
      return {
        recipientId,
        kind,
        payload: { orderId: order.id, orderTitle: order.title, orderTotal: order.total, actorName: party === 'buyer' ? order.producerName : order.buyerName },
        link: orderLink(order.id),
        dedupKey: `order:${order.id}:${event}:${recipientId}`,
      };
    }),
    skipDuplicates: true,
  });
}

/**
 * Tells the other party of a new message. While they have an unread message notification of this
 * order, no further one is written: one unread notification (and one e-mail) per thread is enough.
 */
export async function notifyOrderMessage(transaction: Prisma.TransactionClient, orderId: string, authorId: string, body: string): Promise<void> {
  const order = await summarize(transaction, orderId);
  const recipientId = authorId === order.buyerId ? order.producerId : order.buyerId;
  const unread = await transaction.notification.findFirst({
    where: { recipientId, kind: notificationKinds.orderMessage, readAt: null, link: orderLink(order.id) },
    select: { id: true },
  });
  if (unread) return;
  const excerpt = body.length > messageExcerptLengthMax ? `${body.slice(0, messageExcerptLengthMax - 1)}…` : body;
  await transaction.notification.create({
    data: {
      recipientId,
      kind: notificationKinds.orderMessage,
      payload: { orderId: order.id, orderTitle: order.title, actorName: authorId === order.buyerId ? order.buyerName : order.producerName, excerpt },
      link: orderLink(order.id),
    },
  });
}
