// The statements of a checkout, run on the session of the transaction that also writes the orders'
// holds (see checkout.ts). The cart's offers are locked in id order before the ledger locks its
// accounts, the order in which every order transaction takes its locks (see order-statements.ts).
import { Decimal, type SqlSession } from '@allmende/ledger';
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

/**
 * In one statement: the ids of the orders the buyer already made with this checkout key, and the
 * buyer's cart lines with their offers, whose rows are locked (in id order) until the transaction ends.
 * The lines come in offer id order; offerIdsByTitle gives their order by title as the database sorts
 * titles (as an order's items are listed).
 */
export async function lockCheckout(
  session: SqlSession,
  query: { buyerId: string; checkoutKey: string; linesMaximum: number },
): Promise<{ existingOrderIds: string[]; lines: LockedCartLine[]; offerIdsByTitle: string[] }> {
  const { rows } = await session.run<{ existing: string[] | null; lines: LineJson[] | null; by_title: string[] | null }>(
    `SELECT (SELECT json_agg(x.id) FROM "Order" x WHERE x."buyerId" = $1::uuid AND x."checkoutKey" = $2::text) AS existing,
       cart.lines, cart.by_title
     FROM (
       SELECT json_agg(json_build_object('offerId', l.id, 'producerId', l."producerId", 'title', l.title, 'unit', l.unit,
           'price', l.price::text, 'stock', l.stock, 'status', l.status, 'quantity', l.quantity) ORDER BY l.id) AS lines,
         json_agg(l.id ORDER BY l.title, l.id) AS by_title
       FROM (SELECT f.id, f."producerId", f.title, f.unit, f.price, f.stock, f.status, c.quantity
             FROM "CartItem" c JOIN "Offer" f ON f.id = c."offerId"
             WHERE c."memberId" = $1::uuid
             ORDER BY f.id LIMIT $3::int
             FOR NO KEY UPDATE OF f) l
     ) cart`,
    [query.buyerId, query.checkoutKey, query.linesMaximum],
  );
  const row = rows[0]!;
  return {
    existingOrderIds: row.existing ?? [],
    lines: (row.lines ?? []).map((line) => ({ ...line, price: new Decimal(line.price) })),
    offerIdsByTitle: row.by_title ?? [],
  };
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

/**
 * In one statement: takes the bought units out of the offers' stock (their rows are locked and were
 * checked to have them), inserts the placed orders with their items and notifications, and removes
 * the bought lines from the cart.
 */
export async function insertOrders(
  session: SqlSession,
  checkout: {
    buyerId: string;
    checkoutKey: string;
    now: Date;
    orders: readonly NewOrder[];
    notifications: readonly NotificationRow[];
    /** The lines of offers with limited stock. */
    reservations: ReadonlyArray<{ offerId: string; quantity: number }>;
  },
): Promise<void> {
  const parameters = new StatementParameters();
  const { orders } = checkout;
  const items = orders.flatMap((order) => order.items.map((item) => ({ orderId: order.id, ...item })));
  const buyer = parameters.add(checkout.buyerId, 'uuid');
  const key = parameters.add(checkout.checkoutKey, 'text');
  const now = parameters.add(checkout.now, 'timestamptz');
  const list = <T>(rows: readonly T[], valueOf: (row: T) => unknown, type: string) => parameters.add(rows.map(valueOf), type);
  const { reservations } = checkout;
  const { rows } = await session.run<{ orders: number; items: number; reserved: number }>(
    `WITH reserved AS (
       UPDATE "Offer" f SET stock = f.stock - w.quantity
       FROM unnest(${list(reservations, (line) => line.offerId, 'uuid[]')}, ${list(reservations, (line) => line.quantity, 'int[]')}) AS w(id, quantity)
       WHERE f.id = w.id AND f.stock >= w.quantity
       RETURNING f.id
     ),
     orders AS (
       INSERT INTO "Order" (id, "buyerId", "producerId", "checkoutKey", status, total, "holdTransferId", "deliveryOption", "deliveryNote", "messageToProducer", "placedAt", "createdAt", "updatedAt")
       SELECT o.id, ${buyer}, o.producer, ${key}, 'placed', o.total, o.hold, o.delivery_option::"DeliveryOption", o.delivery_note, o.message, ${now}, ${now}, ${now}
       FROM unnest(${list(orders, (order) => order.id, 'uuid[]')}, ${list(orders, (order) => order.producerId, 'uuid[]')},
         ${list(orders, (order) => amountText(order.total), 'numeric[]')}, ${list(orders, (order) => order.holdTransferId, 'uuid[]')},
         ${list(orders, (order) => order.deliveryOption, 'text[]')}, ${list(orders, (order) => order.deliveryNote, 'text[]')},
         ${list(orders, (order) => order.messageToProducer, 'text[]')}) AS o(id, producer, total, hold, delivery_option, delivery_note, message)
       RETURNING id
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
     notified AS (${insertNotificationsSql(checkout.notifications, parameters)}),
     cleared AS (
       DELETE FROM "CartItem" WHERE "memberId" = ${buyer} AND "offerId" = ANY(${list(items, (item) => item.offerId, 'uuid[]')})
     )
     SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM items)::int AS items, (SELECT count(*) FROM reserved)::int AS reserved`,
    parameters.values,
  );
  const written = rows[0];
  if (Number(written?.reserved) !== reservations.length) throw new Error('Stock changed under a row lock');
  if (Number(written?.orders) !== orders.length || Number(written?.items) !== items.length) throw new Error('Not every order of the checkout was written');
}
