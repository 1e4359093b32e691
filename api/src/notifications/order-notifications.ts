// Notifications of an order's moves and messages. They are written in the caller's transaction, so
// a notification exists exactly when the change it reports was committed: the moves of an order write
// theirs with the order's state and its ledger operation (orderEventNotifications, inserted by the
// order's statements), messages through Prisma. Each order event has a dedupKey per recipient: a
// repeated move inserts nothing a second time.
import type { Decimal } from '@allmende/ledger';
import type { Prisma } from '../../../prisma/generated/client/client';
import type { StatementParameters } from '../orders/statement-parameters';
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

/** The order as its notifications describe it. */
export interface OrderNotice {
  id: string;
  buyerId: string;
  producerId: string;
  buyerName: string;
  producerName: string;
  /** The items' titles, sorted. */
  itemTitles: readonly string[];
  total: { toFixed(digits: number): string };
}

export interface NotificationRow {
  recipientId: string;
  kind: NotificationKind;
  payload: Record<string, string>;
  link: string;
  dedupKey: string | null;
}

/** "Äpfel" for one item, "Äpfel +2" for three. */
function orderTitle(titles: readonly string[]): string {
  const [first, ...rest] = titles;
  return `${first ?? ''}${rest.length > 0 ? ` +${rest.length}` : ''}`;
}

/** The notifications of an order event: one per recipient, each with its dedupKey. */
export function orderEventNotifications(order: OrderNotice, event: OrderEvent): NotificationRow[] {
  const { kind, parties } = recipientsOf[event];
  return parties.map((party) => {
    const recipientId = party === 'buyer' ? order.buyerId : order.producerId;
    return {
      recipientId,
      kind,
      payload: { orderId: order.id, orderTitle: orderTitle(order.itemTitles), orderTotal: amountText(order.total), actorName: party === 'buyer' ? order.producerName : order.buyerName },
      link: orderLink(order.id),
      dedupKey: `order:${order.id}:${event}:${recipientId}`,
    };
  });
}

/**
 * An INSERT of the rows, for a data-modifying CTE of the caller's statement; a row whose dedupKey
 * exists is skipped.
 */
export function insertNotificationsSql(rows: readonly NotificationRow[], parameters: StatementParameters): string {
  const recipients = parameters.add(
    rows.map((row) => row.recipientId),
    'uuid[]',
  );
  const kinds = parameters.add(
    rows.map((row) => row.kind),
    'text[]',
  );
  const payloads = parameters.add(
    rows.map((row) => JSON.stringify(row.payload)),
    'text[]',
  );
  const links = parameters.add(
    rows.map((row) => row.link),
    'text[]',
  );
  const dedupKeys = parameters.add(
    rows.map((row) => row.dedupKey),
    'text[]',
  );
  return `INSERT INTO "Notification" (id, "recipientId", kind, payload, link, "dedupKey")
    SELECT gen_random_uuid(), n.recipient, n.kind, n.payload::jsonb, n.link, n.dedup
    FROM unnest(${recipients}, ${kinds}, ${payloads}, ${links}, ${dedupKeys}) AS n(recipient, kind, payload, link, dedup)
    ON CONFLICT ("dedupKey") DO NOTHING`;
}

/** Where a notification of money received leads: the wallet, whose statement shows the entry. */
export const walletLink = '/wallet';

/**
 * The notification of money that arrived in a member's account: the amount, who paid, and for an
 * order's payout the order. The dedupKey names the transfer's cause, so it is written once.
 */
export function creditsReceivedNotification(credit: {
  recipientId: string;
  amount: { toFixed(digits: number): string };
  payerName: string;
  dedupKey: string;
  orderId?: string;
}): NotificationRow {
  return {
    recipientId: credit.recipientId,
    kind: notificationKinds.creditsReceived,
    payload: { amount: amountText(credit.amount), actorName: credit.payerName, ...(credit.orderId ? { orderId: credit.orderId } : {}) },
    link: walletLink,
    dedupKey: `credits:${credit.dedupKey}:${credit.recipientId}`,
  };
}

/** The notification of a settled order's payout to its producer, or none when nothing was paid out. */
export function orderPayoutNotifications(order: OrderNotice, action: string, producerAmount: Decimal | null): NotificationRow[] {
  if (!producerAmount?.greaterThan(0)) return [];
  return [creditsReceivedNotification({ recipientId: order.producerId, amount: producerAmount, payerName: order.buyerName, dedupKey: `order:${order.id}:${action}`, orderId: order.id })];
}

export const messageExcerptLengthMax = 140;

export function orderLink(orderId: string): string {
  return `/orders/${orderId}`;
}

/** The order as a message notification describes it. */
async function summarize(transaction: Prisma.TransactionClient, orderId: string) {
  const order = await transaction.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      buyerId: true,
      producerId: true,
      items: { select: { title: true }, orderBy: { title: 'asc' } },
      buyer: { select: { displayName: true } },
      producer: { select: { displayName: true } },
    },
  });
  return {
    id: order.id,
    buyerId: order.buyerId,
    producerId: order.producerId,
    title: orderTitle(order.items.map((item) => item.title)),
    buyerName: order.buyer.displayName,
    producerName: order.producer.displayName,
  };
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
