// The moves of an order after checkout (see the state machine in order-status.ts). Each move first
// claims the new state with an update conditional on the old one, so two concurrent moves cannot both
// pass; stock is returned in that same transaction. The ledger operation follows with keys derived
// from the order id and the step, so repeating a move (after a crash or a lost response) finishes it
// without a second transfer. A settlement the ledger refuses puts the order back in its old state.
// The other party's notification is written in the transaction that records the move: with the claim,
// or for confirm and resolve with the settled amounts, so a refused settlement notifies nobody.
import { Decimal, type Ledger, type TransferBatchItem } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { cooperativeCurrency, escrowAccountCode, fundAccountCode } from '../wallet/cooperative-currency';
import { ensureMemberAccount } from '../wallet/ensure-member-account';
import { ValidationError } from '../errors';
import { notifyOrderEvent, type OrderEvent } from '../notifications/order-notifications';
import { TransferRejectedError } from '../wallet/errors';
import { contributionRateAt, splitPayment } from './contribution-policy';
import { OrderForbiddenError, OrderNotFoundError, OrderStatusError } from './errors';
import { loadOrders, orderStepKey, type OrderWithItems } from './order-queries';
import { ORDER_TRANSITIONS, type OrderAction, type OrderStatus } from './order-status';

export type Services = { prisma: PrismaClient; ledger: Ledger };
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

export async function loadOrder(prisma: PrismaClient, orderId: string): Promise<OrderWithItems> {
  const [order] = await loadOrders(prisma, { id: orderId });
  if (!order) throw new OrderNotFoundError();
  return order;
}

function authorize(order: OrderWithItems, actor: Actor, action: OrderAction): void {
  if (actor === 'system') return;
  const party = partyOf[action];
  const allowed =
    party === 'admin' ? actor.roles.includes('admin') : party === 'buyer' ? order.buyerId === actor.id : order.producerId === actor.id;
  if (!allowed) throw new OrderForbiddenError();
}

interface Claim {
  order: OrderWithItems;
  /** False when the order was already in the target state: a repeat. */
  claimed: boolean;
  from: OrderStatus;
}

/** Checks and claims the move; returns the stock of the order's items when asked to. */
async function claim(
  services: Services,
  orderId: string,
  actor: Actor,
  action: OrderAction,
  data: Record<string, unknown>,
  options: { releaseStock?: boolean; notify?: OrderEvent } = {},
): Promise<Claim> {
  const { prisma } = services;
  const order = await loadOrder(prisma, orderId);
  authorize(order, actor, action);
  const { from, to } = ORDER_TRANSITIONS[action];
  if (order.status === to) return { order, claimed: false, from: order.status };
  if (!from.includes(order.status)) throw new OrderStatusError(order.status, action);
  const claimed = await prisma.$transaction(async (transaction) => {
    const { count } = await transaction.order.updateMany({ where: { id: order.id, status: order.status }, data: { ...data, status: to } });
    if (count === 0) return false;
    if (options.notify) await notifyOrderEvent(transaction, order.id, options.notify);
    if (options.releaseStock) {
      for (const item of order.items) {
        await transaction.$executeRaw`UPDATE "Offer" SET stock = stock + ${item.quantity} WHERE id = ${item.offerId}::uuid AND stock IS NOT NULL`;
      }
    }
    return true;
  });
  if (!claimed) {
    // Another request moved the order first: a repeat when it reached the same state, else refused.
    const now = await loadOrder(prisma, orderId);
    if (now.status === to) return { order: now, claimed: false, from: order.status };
    throw new OrderStatusError(now.status, action);
  }
  return { order: await loadOrder(prisma, orderId), claimed: true, from: order.status };
}

function holdOf(order: OrderWithItems): string {
  if (!order.holdTransferId) throw new Error(`Order ${order.id} is ${order.status} but has no hold.`);
  return order.holdTransferId;
}

async function voidHold(services: Services, order: OrderWithItems): Promise<void> {
  const result = await services.ledger.createTransfer({ type: 'void', idempotencyKey: orderStepKey(order.id, 'void'), pendingId: holdOf(order), reference: order.id });
  if (!result.ok && result.code !== 'pending_already_voided') throw new Error(`The hold of order ${order.id} cannot be voided: ${result.code}`);
}

/**
 * Posts `amount` of the hold to escrow and passes it on as one linked chain: the producer's part to
 * the producer and the contribution to the fund. The rest of the hold goes back to the buyer.
 */
async function settle(services: Services, order: OrderWithItems, step: string, amount: Decimal): Promise<{ producer: Decimal; contribution: Decimal }> {
  const { ledger, prisma } = services;
  const split = splitPayment(amount, await contributionRateAt(prisma, order.createdAt));
  const producer = await prisma.member.findUniqueOrThrow({ where: { id: order.producerId }, select: { id: true, displayName: true } });
  const [producerAccount, escrow, fund] = await Promise.all([
    ensureMemberAccount(services, producer),
    ledger.findAccountByCode(cooperativeCurrency.code, escrowAccountCode),
    ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode),
  ]);
  if (!escrow || !fund) throw new Error('The escrow or fund account is missing; the cooperative ledger is not set up.');
  const common = { currency: cooperativeCurrency.code, reference: order.id, memo: `Order ${order.id}` };
  const items: TransferBatchItem[] = [
    { type: 'post', idempotencyKey: orderStepKey(order.id, `${step}:post`), pendingId: holdOf(order), amount: amount.toFixed(cooperativeCurrency.scale), reference: order.id, linked: true },
    {
      type: 'immediate',
      idempotencyKey: orderStepKey(order.id, `${step}:producer`),
      debitAccountId: escrow.id,
      creditAccountId: producerAccount.id,
      amount: split.producer.toFixed(cooperativeCurrency.scale),
      kind: 'sale',
      ...common,
      linked: split.contribution.isPositive(),
    },
  ];
  if (split.contribution.isPositive()) {
    items.push({
      type: 'immediate',
      idempotencyKey: orderStepKey(order.id, `${step}:fund`),
      debitAccountId: escrow.id,
      creditAccountId: fund.id,
      amount: split.contribution.toFixed(cooperativeCurrency.scale),
      kind: 'contribution',
      ...common,
    });
  }
  // A producer's part of zero (a tiny amount that is all contribution) needs no transfer.
  const batch = split.producer.isPositive() ? items : items.filter((item) => item.type !== 'immediate' || item.creditAccountId !== producerAccount.id);
  if (batch.length === 1) delete batch[0]!.linked;
  const results = await ledger.createTransfers(batch);
  const failure = results.find((result) => !result.ok && result.code !== 'linked_event_failed') ?? results.find((result) => !result.ok);
  if (failure && !failure.ok) throw new TransferRejectedError(failure.code);
  return split;
}

/** Records the settled amounts and notifies of the move in one transaction. */
async function recordSettlement(
  services: Services,
  orderId: string,
  amounts: { producerAmount: string; contributionAmount: string; refundAmount: string },
  event: OrderEvent,
): Promise<void> {
  await services.prisma.$transaction(async (transaction) => {
    await transaction.order.update({ where: { id: orderId }, data: amounts });
    await notifyOrderEvent(transaction, orderId, event);
  });
}

export async function acceptOrder(services: Services, actor: Actor, orderId: string): Promise<OrderWithItems> {
  const { order } = await claim(services, orderId, actor, 'accept', { acceptedAt: new Date() }, { notify: 'accepted' });
  return order;
}

export async function fulfilOrder(services: Services, actor: Actor, orderId: string): Promise<OrderWithItems> {
  const { order } = await claim(services, orderId, actor, 'fulfil', { fulfilledAt: new Date() }, { notify: 'fulfilled' });
  return order;
}

/** The producer declines the order: the hold is voided and the stock returned. */
export async function rejectOrder(services: Services, actor: Actor, orderId: string): Promise<OrderWithItems> {
  const { order } = await claim(services, orderId, actor, 'reject', { closedAt: new Date() }, { releaseStock: true, notify: 'rejected' });
  await voidHold(services, order);
  return order;
}

/** The buyer withdraws the order before the producer accepted it. */
export async function cancelOrder(services: Services, actor: Actor, orderId: string): Promise<OrderWithItems> {
  const { order } = await claim(services, orderId, actor, 'cancel', { closedAt: new Date() }, { releaseStock: true, notify: 'cancelled' });
  await voidHold(services, order);
  return order;
}

export const disputeReasonLengthMaximum = 1000;

export async function disputeOrder(services: Services, actor: Actor, orderId: string, reason: string): Promise<OrderWithItems> {
  const { order } = await claim(services, orderId, actor, 'dispute', { disputeReason: reason }, { notify: 'disputed' });
  return order;
}

/** The buyer (or the auto-confirm job) confirms delivery: the hold is paid out. */
export async function confirmOrder(services: Services, actor: Actor, orderId: string): Promise<OrderWithItems> {
  const { order, from, claimed } = await claim(services, orderId, actor, 'confirm', { closedAt: new Date() });
  try {
    const split = await settle(services, order, 'confirm', new Decimal(order.total.toString()));
    if (claimed || order.producerAmount === null) {
      await recordSettlement(services, order.id, { producerAmount: split.producer.toFixed(2), contributionAmount: split.contribution.toFixed(2), refundAmount: '0.00' }, 'confirmed');
    }
  } catch (error) {
    if (claimed) await services.prisma.order.updateMany({ where: { id: order.id, status: 'confirmed' }, data: { status: from, closedAt: null } });
    throw error;
  }
  return loadOrder(services.prisma, order.id);
}

export type DisputeOutcome = 'pay_producer' | 'partial_refund' | 'refund_buyer';

/**
 * An admin settles a dispute: pay the producer everything, pay part of it (the rest goes back to
 * the buyer), or give everything back. Stock is not returned: the goods may have been delivered.
 */
export async function resolveDispute(
  services: Services,
  actor: Actor,
  orderId: string,
  outcome: DisputeOutcome,
  amountToProducer: Decimal | null,
): Promise<OrderWithItems> {
  const current = await loadOrder(services.prisma, orderId);
  authorize(current, actor, 'resolve');
  const total = new Decimal(current.total.toString());
  const paid = outcome === 'pay_producer' ? total : outcome === 'refund_buyer' ? new Decimal(0) : amountToProducer;
  if (paid === null || paid.isNegative() || paid.greaterThan(total) || (outcome === 'partial_refund' && (paid.isZero() || paid.equals(total)))) {
    throw new ValidationError([{ field: 'amountToProducer', message: 'for a partial refund more than zero and less than the total' }]);
  }
  const { order, from, claimed } = await claim(services, orderId, actor, 'resolve', { closedAt: new Date() });
  if (!claimed && order.producerAmount !== null) {
    // A repeat: only the same resolution is one.
    const previous = new Decimal(order.producerAmount.toString()).plus(order.contributionAmount?.toString() ?? '0');
    if (!previous.equals(paid)) throw new OrderStatusError(order.status, 'resolved again');
  }
  try {
    if (paid.isZero()) {
      await voidHold(services, order);
      await recordSettlement(services, order.id, { producerAmount: '0.00', contributionAmount: '0.00', refundAmount: total.toFixed(2) }, 'resolved');
    } else {
      const split = await settle(services, order, 'resolve', paid);
      await recordSettlement(
        services,
        order.id,
        { producerAmount: split.producer.toFixed(2), contributionAmount: split.contribution.toFixed(2), refundAmount: total.minus(paid).toFixed(2) },
        'resolved',
      );
    }
  } catch (error) {
    if (claimed && error instanceof TransferRejectedError) {
      await services.prisma.order.updateMany({ where: { id: order.id, status: 'resolved' }, data: { status: from, closedAt: null } });
    }
    throw error;
  }
  return loadOrder(services.prisma, order.id);
}
