// The statements of a checkout, run on the session of the transaction that also writes the orders'
// holds (see checkout.ts). The cart's offers are locked in id order before the ledger locks its
// accounts, the order in which every order transaction takes its locks (see order-statements.ts).
import { Decimal, type SqlSession } from '@allmende/ledger';
import { Prisma, type Order } from '../../../prisma/generated/client/client';
import { insertNotificationsSql, type NotificationRow } from '../notifications/order-notifications';
import { StatementParameters } from './statement-parameters';
import { amountText } from '../wallet/cooperative-currency';

/** A cart line with its offer as the offer's locked row has it now. */
export interface LockedCartLine {
  offerId: string;
  producerId: string;
  title: string;
  unit: string;
  price: Decimal;
  /** Units in stock; null for unlimited. */
  stock: number | null;
  status: string;
  quantity: number;
}

type LineJson = { offerId: string; producerId: string; title: string; unit: string; price: string; stock: number | null; status: string; quantity: number };

/** What one checkout of a batch finds: its key's orders, its cart lines and their order by title. */
export interface LockedCheckout {
  existingOrderIds: string[];
  /** The cart's lines in offer id order, with their offers as the locked rows have them. */
  lines: LockedCartLine[];
  /** The lines' offer ids in the order the database sorts their titles (as an order's items are listed). */
  offerIdsByTitle: string[];
}

/**
 * In one statement, for each checkout of a batch (in the order given): the ids of the orders its buyer
 * already made with its key, and the buyer's cart lines (at most linesMaximum) with their offers. The
 * offers of all the carts are locked in id order until the transaction ends.
 */
export async function lockCheckouts(
  session: SqlSession,
  checkouts: ReadonlyArray<{ buyerId: string; checkoutKey: string }>,
  linesMaximum: number,
): Promise<LockedCheckout[]> {
  const { rows } = await session.run<{ existing: string[] | null; lines: LineJson[] | null; by_title: string[] | null }>(
    `WITH requests AS (
       SELECT r.n, r.buyer, r.key FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS r(buyer, key, n)
     ),
     lines AS (
       SELECT r.n, c."offerId", c.quantity
       FROM requests r CROSS JOIN LATERAL (
         SELECT c."offerId", c.quantity FROM "CartItem" c WHERE c."memberId" = r.buyer ORDER BY c."offerId" LIMIT $3::int
       ) c
     ),
     locked AS MATERIALIZED (
       SELECT f.id, f."producerId", f.title, f.unit, f.price, f.stock, f.status
       FROM "Offer" f WHERE f.id IN (SELECT "offerId" FROM lines)
       ORDER BY f.id
       FOR NO KEY UPDATE
     )
     SELECT (SELECT json_agg(x.id) FROM "Order" x WHERE x."buyerId" = r.buyer AND x."checkoutKey" = r.key) AS existing,
       (SELECT json_agg(json_build_object('offerId', f.id, 'producerId', f."producerId", 'title', f.title, 'unit', f.unit,
           'price', f.price::text, 'stock', f.stock, 'status', f.status, 'quantity', l.quantity) ORDER BY f.id)
        FROM lines l JOIN locked f ON f.id = l."offerId" WHERE l.n = r.n) AS lines,
       (SELECT json_agg(f.id ORDER BY f.title, f.id) FROM lines l JOIN locked f ON f.id = l."offerId" WHERE l.n = r.n) AS by_title
     FROM requests r
     ORDER BY r.n`,
    [checkouts.map((checkout) => checkout.buyerId), checkouts.map((checkout) => checkout.checkoutKey), linesMaximum],
  );
  return rows.map((row) => ({
    existingOrderIds: row.existing ?? [],
    lines: (row.lines ?? []).map((line) => ({ ...line, price: new Decimal(line.price) })),
    offerIdsByTitle: row.by_title ?? [],
  }));
}

export interface NewOrder {
  id: string;
  producerId: string;
  total: Decimal;
  holdTransferId: string;
  deliveryOption: string | null;
  deliveryNote: string;
  messageToProducer: string;
  items: ReadonlyArray<{ offerId: string; title: string; unit: string; unitPrice: Decimal; quantity: number; lineTotal: Decimal }>;
}

/** A checkout of a batch as it is written: its buyer, its key, its orders and their notifications. */
export interface CheckoutToWrite {
  buyerId: string;
  checkoutKey: string;
  orders: readonly NewOrder[];
  notifications: readonly NotificationRow[];
}

/**
 * In one statement, for the checkouts of a batch: takes the bought units out of the offers' stock
 * (their rows are locked and were checked to have them), inserts the placed orders with their items
 * and notifications, and removes the bought lines from the buyers' carts. Returns the orders as
 * written, every column as Prisma reads it.
 */
export async function insertOrders(session: SqlSession, batch: { now: Date; checkouts: readonly CheckoutToWrite[] }): Promise<Order[]> {
  const parameters = new StatementParameters();
  const orders = batch.checkouts.flatMap((checkout) => checkout.orders.map((order) => ({ ...order, buyerId: checkout.buyerId, checkoutKey: checkout.checkoutKey })));
  const items = orders.flatMap((order) => order.items.map((item) => ({ orderId: order.id, buyerId: order.buyerId, ...item })));
  const unitsByOffer = new Map<string, number>();
  for (const item of items) unitsByOffer.set(item.offerId, (unitsByOffer.get(item.offerId) ?? 0) + item.quantity);
  const units = [...unitsByOffer].map(([offerId, quantity]) => ({ offerId, quantity }));
  const now = parameters.add(batch.now, 'timestamptz');
  const list = <T>(rows: readonly T[], valueOf: (row: T) => unknown, type: string) => parameters.add(rows.map(valueOf), type);
  const { rows } = await session.run<{ orders: OrderJson[] | null; items: number; oversold: number }>(
    `WITH reserved AS (
       UPDATE "Offer" f SET stock = f.stock - w.quantity
       FROM unnest(${list(units, (line) => line.offerId, 'uuid[]')}, ${list(units, (line) => line.quantity, 'int[]')}) AS w(id, quantity)
       WHERE f.id = w.id AND f.stock IS NOT NULL
       RETURNING f.stock
     ),
     orders AS (
       INSERT INTO "Order" (id, "buyerId", "producerId", "checkoutKey", status, total, "holdTransferId", "deliveryOption", "deliveryNote", "messageToProducer", "placedAt", "createdAt", "updatedAt")
       SELECT o.id, o.buyer, o.producer, o.key, 'placed', o.total, o.hold, o.delivery_option::"DeliveryOption", o.delivery_note, o.message, ${now}, ${now}, ${now}
       FROM unnest(${list(orders, (order) => order.id, 'uuid[]')}, ${list(orders, (order) => order.buyerId, 'uuid[]')}, ${list(orders, (order) => order.checkoutKey, 'text[]')},
         ${list(orders, (order) => order.producerId, 'uuid[]')},
         ${list(orders, (order) => amountText(order.total), 'numeric[]')}, ${list(orders, (order) => order.holdTransferId, 'uuid[]')},
         ${list(orders, (order) => order.deliveryOption, 'text[]')}, ${list(orders, (order) => order.deliveryNote, 'text[]')},
         ${list(orders, (order) => order.messageToProducer, 'text[]')}) AS o(id, buyer, key, producer, total, hold, delivery_option, delivery_note, message)
       RETURNING *
     ),
     items AS (
       INSERT INTO "OrderItem" (id, "orderId", "offerId", title, unit, "unitPrice", quantity, "lineTotal")
       SELECT gen_random_uuid(), i.order_id, i.offer_id, i.title, i.unit, i.unit_price, i.quantity, i.line_total
       FROM unnest(${list(items, (item) => item.orderId, 'uuid[]')}, ${list(items, (item) => item.offerId, 'uuid[]')},
         ${list(items, (item) => item.title, 'text[]')}, ${list(items, (item) => item.unit, 'text[]')},
         ${list(items, (item) => amountText(item.unitPrice), 'numeric[]')}, ${list(items, (item) => item.quantity, 'int[]')},
         ${list(items, (item) => amountText(item.lineTotal), 'numeric[]')}) AS i(order_id, offer_id, title, unit, unit_price, quantity, line_total)
       RETURNING id
     ),
     notified AS (${insertNotificationsSql(
       batch.checkouts.flatMap((checkout) => checkout.notifications),
       parameters,
     )}),
     cleared AS (
       DELETE FROM "CartItem" c
       USING unnest(${list(items, (item) => item.buyerId, 'uuid[]')}, ${list(items, (item) => item.offerId, 'uuid[]')}) AS d(buyer, offer)
       WHERE c."memberId" = d.buyer AND c."offerId" = d.offer
     )
     SELECT (SELECT json_agg(json_build_object(${orderJsonFields})) FROM orders o) AS orders, (SELECT count(*) FROM items)::int AS items,
       (SELECT count(*) FROM reserved WHERE stock < 0)::int AS oversold`,
    parameters.values,
  );
  if (Number(rows[0]?.oversold) !== 0) throw new Error('Stock changed under a row lock');
  const written = (rows[0]?.orders ?? []).map(orderOfJson);
  if (written.length !== orders.length || Number(rows[0]?.items) !== items.length) throw new Error('Not every order of the checkout was written');
  return written;
}

/** Every column of an inserted order, amounts as text so that no digit is lost on the way. */
const orderJsonFields = `'id', o.id, 'buyerId', o."buyerId", 'producerId', o."producerId", 'checkoutKey', o."checkoutKey", 'number', o.number,
  'status', o.status, 'total', o.total::text, 'holdTransferId', o."holdTransferId", 'producerAmount', o."producerAmount"::text,
  'contributionAmount', o."contributionAmount"::text, 'refundAmount', o."refundAmount"::text, 'disputeReason', o."disputeReason",
  'failureCode', o."failureCode", 'placedAt', o."placedAt", 'acceptedAt', o."acceptedAt", 'fulfilledAt', o."fulfilledAt", 'closedAt', o."closedAt",
  'createdAt', o."createdAt", 'updatedAt', o."updatedAt", 'deliveryNote', o."deliveryNote", 'deliveryOption', o."deliveryOption",
  'messageToProducer', o."messageToProducer"`;

type OrderJson = Omit<Order, 'total' | 'producerAmount' | 'contributionAmount' | 'refundAmount' | 'placedAt' | 'acceptedAt' | 'fulfilledAt' | 'closedAt' | 'createdAt' | 'updatedAt'> & {
  total: string;
  producerAmount: string | null;
  contributionAmount: string | null;
  refundAmount: string | null;
  placedAt: string | null;
  acceptedAt: string | null;
  fulfilledAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** An order as Prisma reads it, from the row the insert returned. */
function orderOfJson(row: OrderJson): Order {
  const amount = (value: string | null) => (value === null ? null : new Prisma.Decimal(value));
  const time = (value: string | null) => (value === null ? null : new Date(value));
  return {
    ...row,
    total: new Prisma.Decimal(row.total),
    producerAmount: amount(row.producerAmount),
    contributionAmount: amount(row.contributionAmount),
    refundAmount: amount(row.refundAmount),
    placedAt: time(row.placedAt),
    acceptedAt: time(row.acceptedAt),
    fulfilledAt: time(row.fulfilledAt),
    closedAt: time(row.closedAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}
