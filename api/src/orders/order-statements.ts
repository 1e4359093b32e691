// The statements of an order's moves after checkout, run on the session of the transaction that also
// writes the move's ledger operation (see order-lifecycle.ts). Rows are locked in one order in every
// transaction: the order row, then its offers' rows (in id order), then the ledger's accounts (the
// ledger locks them in id order), so two moves can wait for each other but never deadlock.
import { Decimal, type SqlSession } from '@allmende/ledger';
import { insertNotificationsSql, type NotificationRow, type OrderNotice } from '../notifications/order-notifications';
import type { OrderStatus } from './order-status';
import { StatementParameters } from './statement-parameters';
import { amountText } from '../wallet/cooperative-currency';

/** An order as its move reads it, its row locked until the transaction ends. */
export interface LockedOrder extends OrderNotice {
  status: OrderStatus;
  total: Decimal;
  holdTransferId: string | null;
  producerAmount: Decimal | null;
  contributionAmount: Decimal | null;
}

type LockedOrderRow = {
  id: string;
  buyer_id: string;
  producer_id: string;
  status: OrderStatus;
  total: string;
  hold_transfer_id: string | null;
  producer_amount: string | null;
  contribution_amount: string | null;
  buyer_name: string;
  producer_name: string;
  item_titles: string[] | null;
};

/** Locks the order's row (FOR NO KEY UPDATE: messages and reviews may still refer to it) and reads it. */
export async function lockOrder(session: SqlSession, orderId: string): Promise<LockedOrder | null> {
  const { rows } = await session.run<LockedOrderRow>(
    `SELECT o.id::text AS id, o."buyerId"::text AS buyer_id, o."producerId"::text AS producer_id, o.status::text AS status,
       o.total::text AS total, o."holdTransferId"::text AS hold_transfer_id, o."producerAmount"::text AS producer_amount,
       o."contributionAmount"::text AS contribution_amount, b."displayName" AS buyer_name, p."displayName" AS producer_name,
       (SELECT json_agg(i.title ORDER BY i.title) FROM "OrderItem" i WHERE i."orderId" = o.id) AS item_titles
     FROM "Order" o JOIN "Member" b ON b.id = o."buyerId" JOIN "Member" p ON p.id = o."producerId"
     WHERE o.id = $1::uuid
     FOR NO KEY UPDATE OF o`,
    [orderId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    buyerId: row.buyer_id,
    producerId: row.producer_id,
    buyerName: row.buyer_name,
    producerName: row.producer_name,
    itemTitles: row.item_titles ?? [],
    status: row.status,
    total: new Decimal(row.total),
    holdTransferId: row.hold_transfer_id,
    producerAmount: row.producer_amount === null ? null : new Decimal(row.producer_amount),
    contributionAmount: row.contribution_amount === null ? null : new Decimal(row.contribution_amount),
  };
}

/**
 * Returns the units of the order's items to their offers' stock (offers of unlimited stock have
 * none to return). The offers' rows are locked in id order before any is changed.
 */
export async function releaseStock(session: SqlSession, orderId: string): Promise<void> {
  await session.run(
    `WITH locked AS MATERIALIZED (
       SELECT f.id FROM "Offer" f
       WHERE f.id IN (SELECT i."offerId" FROM "OrderItem" i WHERE i."orderId" = $1::uuid) AND f.stock IS NOT NULL
       ORDER BY f.id FOR NO KEY UPDATE
     )
     UPDATE "Offer" f SET stock = f.stock + i.quantity
     FROM "OrderItem" i, locked l
     WHERE i."orderId" = $1::uuid AND f.id = i."offerId" AND f.id = l.id`,
    [orderId],
  );
}

/** What a move changes on the order row besides its state; unset fields keep their value. */
export interface OrderChange {
  status: OrderStatus;
  acceptedAt?: Date;
  fulfilledAt?: Date;
  closedAt?: Date;
  disputeReason?: string;
  producerAmount?: Decimal;
  contributionAmount?: Decimal;
  refundAmount?: Decimal;
}

/** Writes the order's new state and the notifications of the move, in one statement. */
export async function recordMove(session: SqlSession, orderId: string, change: OrderChange, notifications: readonly NotificationRow[], now: Date): Promise<void> {
  const parameters = new StatementParameters();
  const amount = (value: Decimal | undefined) => (value === undefined ? null : amountText(value));
  const id = parameters.add(orderId, 'uuid');
  const assignments = [
    `status = ${parameters.add(change.status, 'text')}::"OrderStatus"`,
    `"updatedAt" = ${parameters.add(now, 'timestamptz')}`,
    `"acceptedAt" = COALESCE(${parameters.add(change.acceptedAt ?? null, 'timestamptz')}, "acceptedAt")`,
    `"fulfilledAt" = COALESCE(${parameters.add(change.fulfilledAt ?? null, 'timestamptz')}, "fulfilledAt")`,
    `"closedAt" = COALESCE(${parameters.add(change.closedAt ?? null, 'timestamptz')}, "closedAt")`,
    `"disputeReason" = COALESCE(${parameters.add(change.disputeReason ?? null, 'text')}, "disputeReason")`,
    `"producerAmount" = COALESCE(${parameters.add(amount(change.producerAmount), 'numeric')}, "producerAmount")`,
    `"contributionAmount" = COALESCE(${parameters.add(amount(change.contributionAmount), 'numeric')}, "contributionAmount")`,
    `"refundAmount" = COALESCE(${parameters.add(amount(change.refundAmount), 'numeric')}, "refundAmount")`,
  ];
  const { rows } = await session.run<{ moved: number }>(
    `WITH moved AS (UPDATE "Order" SET ${assignments.join(', ')} WHERE id = ${id} RETURNING id),
     notified AS (${insertNotificationsSql(notifications, parameters)})
     SELECT (SELECT count(*) FROM moved)::int AS moved`,
    parameters.values,
  );
  if (Number(rows[0]?.moved) !== 1) throw new Error(`Order ${orderId} vanished while its row was locked`);
}
