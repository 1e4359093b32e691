// The moves of an order after checkout (see the state machine in order-status.ts). Each move is one
// database transaction (ledger.transaction) that locks the order's row, checks the move against the
// state it finds there, returns the stock (reject, cancel), writes the ledger operation (void, or post
// with payout and contribution), records the new state with the settled amounts and notifies the
// other party. Either all of it commits or none of it: a crash or a refused ledger operation at any
// point leaves the order as it was, and the same move can simply be made again. A move to the state
// the order is already in is a repeat: it changes nothing and writes no second ledger transfer.
import { Decimal, type Account, type LedgerTransaction } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { recordAuditEvent } from '../audit/audit-log';
import { ensureMemberAccount } from '../wallet/ensure-member-account';
import { TransferRejectedError } from '../wallet/errors';
import { amountText } from '../wallet/cooperative-currency';
import { orderEventNotifications, orderPayoutNotifications, type OrderEvent } from '../notifications/order-notifications';
import { OrderForbiddenError, OrderNotFoundError, OrderStatusError } from './errors';
import {
  cooperativeAccounts,
  firstFailure,
  settlementRequests,
  voidRequest,
  type CooperativeAccounts,
  type OrderServices,
  type Settlement,
  type SettlingAction,
} from './order-money';
import { loadOrders, type OrderWithItems } from './order-queries';
import { lockOrder, recordMove, releaseStock, type LockedOrder, type OrderChange } from './order-statements';
import { ORDER_TRANSITIONS, type OrderAction } from './order-status';
import { contributionRateAt } from './contribution-policy';
import { z } from 'zod';
import { parseInput } from '../shared/input';

export type Actor = { id: string; roles: readonly string[] } | 'system';

type Party = 'buyer' | 'producer' | 'admin';
const partyOf: Record<OrderAction, Party> = {
  accept: 'producer',
  reject: 'producer',
  fulfil: 'producer',
  cancel: 'buyer',
  dispute: 'buyer',
  confirm: 'buyer',
  resolve: 'admin',
};

const eventOf: Record<OrderAction, OrderEvent> = {
  accept: 'accepted',
  reject: 'rejected',
  fulfil: 'fulfilled',
  cancel: 'cancelled',
  dispute: 'disputed',
  confirm: 'confirmed',
  resolve: 'resolved',
};

export async function loadOrder(prisma: PrismaClient, orderId: string): Promise<OrderWithItems> {
  const [order] = await loadOrders(prisma, { id: orderId });
  if (!order) throw new OrderNotFoundError();
  return order;
}

function authorize(order: { buyerId: string; producerId: string }, actor: Actor, action: OrderAction): void {
  if (actor === 'system') return;
  const party = partyOf[action];
  const allowed =
    party === 'admin' ? actor.roles.includes('admin') : party === 'buyer' ? order.buyerId === actor.id : order.producerId === actor.id;
  if (!allowed) throw new OrderForbiddenError();
}

/** The ledger operation of a move; a settlement's amount is read from the locked order. */
type LedgerStep = { kind: 'void' } | { kind: 'settle'; action: SettlingAction; amountOf: (order: LockedOrder) => Decimal };

interface Move {
  action: OrderAction;
  /** The row's changes besides the state, given the time of the move. */
  change: (now: Date) => Omit<OrderChange, 'status'>;
  releaseStock?: boolean;
  ledger?: LedgerStep;
  /** For a move that finds the order already in its target state: throws unless it is the same move. */
  checkRepeat?: (order: LockedOrder) => void;
}

/**
 * What a settlement needs that is read before its transaction starts: the accounts it pays into, and
 * the contribution rate in force when the order was placed.
 */
type SettlementTerms = CooperativeAccounts & { producer: Account; contributionRate: Decimal };

/**
 * Makes a move. Unknown orders, the wrong party and moves the state does not allow are refused from a
 * plain read first, without a transaction; the transaction checks the state again under the lock.
 */
async function makeMove(services: OrderServices, actor: Actor, orderId: string, move: Move, read?: OrderWithItems): Promise<OrderWithItems> {
  const { prisma, ledger } = services;
  const current = read ?? (await loadOrder(prisma, orderId));
  authorize(current, actor, move.action);
  const { from, to } = ORDER_TRANSITIONS[move.action];
  if (current.status !== to && !from.includes(current.status)) throw new OrderStatusError(current.status, move.action);
  // Creating an account is a transaction of its own, so it happens before (an empty account is no
  // trace of anything).
  const terms: SettlementTerms | null =
    move.ledger?.kind === 'settle'
      ? {
          ...(await cooperativeAccounts(ledger)),
          producer: await ensureMemberAccount(services, { id: current.producerId }),
          contributionRate: await contributionRateAt(prisma, current.createdAt),
        }
      : null;

  await ledger.transaction(async (transaction) => {
    const order = await lockOrder(transaction.session, orderId);
    if (!order) throw new OrderNotFoundError();
    if (order.status === to) {
      move.checkRepeat?.(order);
      return;
    }
    if (!from.includes(order.status)) throw new OrderStatusError(order.status, move.action);
    if (move.releaseStock) await releaseStock(transaction.session, order.id);
    const settlement = move.ledger ? await writeLedgerStep(transaction, order, move.ledger, terms) : null;
    const now = new Date();
    // A payout to the producer is also money received: the producer hears of it with the move.
    const payout = settlement && move.ledger?.kind === 'settle' ? orderPayoutNotifications(order, move.ledger.action, settlement.producerAmount) : [];
    await recordMove(
      transaction.session,
      order.id,
      { ...move.change(now), ...(settlement ?? {}), status: to },
      [...orderEventNotifications(order, eventOf[move.action]), ...payout],
      now,
    );
    // The board's settlement of a dispute is a board action: it goes to the audit log with the move.
    if (move.action === 'resolve') {
      await recordAuditEvent(transaction.session, {
        actorId: actor === 'system' ? null : actor.id,
        action: 'order_dispute_resolved',
        subjectType: 'order',
        subjectId: order.id,
        details: {
          total: amountText(order.total),
          producerAmount: settlement ? amountText(settlement.producerAmount) : null,
          contributionAmount: settlement ? amountText(settlement.contributionAmount) : null,
          refundAmount: settlement ? amountText(settlement.refundAmount) : null,
        },
      });
    }
  });
  return loadOrder(prisma, orderId);
}

/** Writes the move's ledger operation; a refusal throws, which rolls the whole move back. */
async function writeLedgerStep(transaction: LedgerTransaction, order: LockedOrder, step: LedgerStep, terms: SettlementTerms | null): Promise<Settlement | null> {
  if (!order.holdTransferId) throw new Error(`Order ${order.id} is ${order.status} but has no hold.`);
  const held = { id: order.id, holdTransferId: order.holdTransferId, total: order.total };
  if (step.kind === 'void') {
    const [result] = await transaction.createTransfers([voidRequest(held)]);
    if (!result?.ok && result?.code !== 'pending_already_voided') {
      throw new Error(`The hold of order ${order.id} cannot be voided: ${result?.code ?? 'no result'}`);
    }
    return null;
  }
  if (!terms) throw new Error('A settlement needs its terms');
  const { items, settlement } = settlementRequests(held, step.action, step.amountOf(order), terms);
  const failure = firstFailure(await transaction.createTransfers(items));
  if (failure) throw new TransferRejectedError(failure);
  return settlement;
}

export async function acceptOrder(services: OrderServices, actor: Actor, orderId: string): Promise<OrderWithItems> {
  return makeMove(services, actor, orderId, { action: 'accept', change: (now) => ({ acceptedAt: now }) });
}

export async function fulfilOrder(services: OrderServices, actor: Actor, orderId: string): Promise<OrderWithItems> {
  return makeMove(services, actor, orderId, { action: 'fulfil', change: (now) => ({ fulfilledAt: now }) });
}

/** The producer declines the order: the hold is voided and the stock returned. */
export async function rejectOrder(services: OrderServices, actor: Actor, orderId: string): Promise<OrderWithItems> {
  return makeMove(services, actor, orderId, { action: 'reject', change: (now) => ({ closedAt: now }), releaseStock: true, ledger: { kind: 'void' } });
}

/** The buyer withdraws the order before the producer accepted it: the hold is voided and the stock returned. */
export async function cancelOrder(services: OrderServices, actor: Actor, orderId: string): Promise<OrderWithItems> {
  return makeMove(services, actor, orderId, { action: 'cancel', change: (now) => ({ closedAt: now }), releaseStock: true, ledger: { kind: 'void' } });
}

export const disputeReasonLengthMaximum = 1000;

const disputeSchema = z.object({
  reason: z.string().trim().min(3, 'at least 3 characters').max(disputeReasonLengthMaximum, `at most ${disputeReasonLengthMaximum} characters`),
});

/** The buyer disputes an accepted or fulfilled order, saying why; the hold stays until an admin resolves it. */
export async function disputeOrder(services: OrderServices, actor: Actor, orderId: string, reasonInput: string): Promise<OrderWithItems> {
  const { reason } = parseInput(disputeSchema, { reason: reasonInput });
  return makeMove(services, actor, orderId, { action: 'dispute', change: () => ({ disputeReason: reason }) });
}

/**
 * The buyer (or the auto-confirm job) confirms delivery: the hold is posted, the producer paid and the
 * contribution paid to the fund. A refusal by the ledger leaves the order fulfilled.
 */
export async function confirmOrder(services: OrderServices, actor: Actor, orderId: string): Promise<OrderWithItems> {
  return makeMove(services, actor, orderId, {
    action: 'confirm',
    change: (now) => ({ closedAt: now }),
    ledger: { kind: 'settle', action: 'confirm', amountOf: (order) => order.total },
  });
}

export type DisputeOutcome = 'pay_producer' | 'partial_refund' | 'refund_buyer';

/**
 * An admin settles a dispute: pay the producer everything, pay part of it (the rest goes back to
 * the buyer), or give everything back. Stock is not returned: the goods may have been delivered.
 */
export async function resolveDispute(
  services: OrderServices,
  actor: Actor,
  orderId: string,
  outcome: DisputeOutcome,
  amountToProducer: Decimal | null,
): Promise<OrderWithItems> {
  const current = await loadOrder(services.prisma, orderId);
  authorize(current, actor, 'resolve');
  const total = new Decimal(current.total.toString());
  const paid = outcome === 'pay_producer' ? total : outcome === 'refund_buyer' ? new Decimal(0) : amountToProducer;
  if (paid === null || paid.isNegative() || paid.greaterThan(total) || (outcome === 'partial_refund' && (paid.isZero() || paid.greaterThanOrEqualTo(total)))) {
    const message = 'for a partial refund more than zero and less than the total';
    throw new ValidationError([
      paid === null || !paid.isPositive()
        ? { field: 'amountToProducer', code: paid === null ? 'required' : 'not_positive', params: {}, message }
        : { field: 'amountToProducer', code: 'amount_not_below_total', params: { total: amountText(total) }, message },
    ]);
  }
  return makeMove(
    services,
    actor,
    orderId,
    {
      action: 'resolve',
      change: (now) => ({ closedAt: now }),
      ledger: { kind: 'settle', action: 'resolve', amountOf: () => paid },
      // Only the same resolution is a repeat.
      checkRepeat: (order) => {
        const previous = (order.producerAmount ?? new Decimal(0)).plus(order.contributionAmount ?? new Decimal(0));
        if (!previous.equals(paid)) throw new OrderStatusError(order.status, 'resolved again');
      },
    },
    current,
  );
}
