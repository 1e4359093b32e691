// checkout: turns the buyer's cart into one order per producer. Stock is reserved and the orders are
// written in one database transaction (state placing); the holds are then written as one linked
// ledger batch, so either every order gets its hold or none does. The ledger commits in its own
// transaction, so a refused batch is compensated: a second transaction moves the orders to failed and
// returns their stock. The checkout key makes a retry return the same orders and the same holds.
import { Decimal, TRANSFER_FAILURE_CODES, type Ledger, type TransferBatchItem, type TransferFailureCode } from '@allmende/ledger';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { cooperativeCurrency, escrowAccountCode } from '../wallet/cooperative-currency';
import { ensureMemberAccount } from '../wallet/ensure-member-account';
import { InsufficientCreditError, TransferRejectedError } from '../wallet/errors';
import { CartEmptyError, CheckoutAbandonedError, OfferUnavailableError, OutOfStockError, OwnOfferError, PriceChangedError } from './errors';
import { cartLinesMaximum } from './cart';
import { notifyOrderEvent } from '../notifications/order-notifications';
import { holdKey, loadOrders, type OrderWithItems } from './order-queries';
import { amountSchema, idempotencyKeySchema, parseInput } from '../shared/input';

export const holdKind = 'escrow';

const checkoutSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  expectedPrices: z.array(z.object({ offerId: z.uuid({ message: 'not an offer id' }), price: amountSchema })).max(cartLinesMaximum),
});

export interface CheckoutInput {
  idempotencyKey: string;
  /** The unit prices the buyer saw, per offer in the cart. */
  expectedPrices: { offerId: string; price: string }[];
}

export interface CheckoutResult {
  orders: OrderWithItems[];
  /** True when this was a retry of a checkout that already happened. */
  alreadyExisted: boolean;
}

class StockReservationFailed extends Error {
  constructor(
    readonly offerId: string,
    readonly reason: 'out_of_stock' | 'changed',
  ) {
    super(`Stock of offer ${offerId} could not be reserved: ${reason}`);
  }
}

type Services = { prisma: PrismaClient; ledger: Ledger };

/**
 * Checks out the buyer's cart. Throws ValidationError, CartEmptyError, OwnOfferError,
 * OfferUnavailableError, PriceChangedError, OutOfStockError, InsufficientCreditError or
 * TransferRejectedError; after any of them nothing is reserved and nothing is held.
 */
export async function checkout(services: Services, buyer: { id: string; displayName: string }, input: CheckoutInput): Promise<CheckoutResult> {
  const { idempotencyKey, expectedPrices } = parseInput(checkoutSchema, input);
  const { prisma } = services;
  const existing = await loadOrders(prisma, { buyerId: buyer.id, checkoutKey: idempotencyKey });
  if (existing.length > 0) return { orders: await finishCheckout(services, buyer, existing), alreadyExisted: true };

  const lines = await prisma.cartItem.findMany({ where: { memberId: buyer.id }, include: { offer: true }, orderBy: { offerId: 'asc' }, take: cartLinesMaximum });
  if (lines.length === 0) throw new CartEmptyError();
  const expected = new Map(expectedPrices.map((entry) => [entry.offerId, new Decimal(entry.price)]));
  for (const { offer } of lines) {
    if (offer.producerId === buyer.id) throw new OwnOfferError(offer.id);
    if (offer.status !== 'active') throw new OfferUnavailableError(offer.id, offer.status);
  }
  for (const { offer } of lines) {
    const seen = expected.get(offer.id);
    if (!seen) throw new ValidationError([{ field: 'expectedPrices', message: `no price given for offer ${offer.id}` }]);
    if (!seen.equals(offer.price.toString())) throw new PriceChangedError(offer.id, offer.price.toFixed(cooperativeCurrency.scale));
  }
  for (const { offer, quantity } of lines) {
    if (offer.stock !== null && offer.stock < quantity) throw new OutOfStockError(offer.id, offer.stock);
  }

  const byProducer = new Map<string, typeof lines>();
  for (const line of lines) byProducer.set(line.offer.producerId, [...(byProducer.get(line.offer.producerId) ?? []), line]);

  try {
    await prisma.$transaction(async (transaction) => {
      // Rows are updated in offer id order, so concurrent checkouts lock them in the same order.
      for (const { offer, quantity } of lines) {
        const reserved = await transaction.$executeRaw`
          UPDATE "Offer" SET stock = CASE WHEN stock IS NULL THEN NULL ELSE stock - ${quantity} END
          WHERE id = ${offer.id}::uuid AND status = 'active' AND price = ${offer.price.toString()}::numeric
            AND (stock IS NULL OR stock >= ${quantity})`;
        if (reserved !== 1) {
          const now = await transaction.offer.findUnique({ where: { id: offer.id }, select: { stock: true, status: true, price: true } });
          const outOfStock = now !== null && now.status === 'active' && now.price.equals(offer.price) && now.stock !== null && now.stock < quantity;
          throw new StockReservationFailed(offer.id, outOfStock ? 'out_of_stock' : 'changed');
        }
      }
      for (const [producerId, producerLines] of byProducer) {
        const total = producerLines.reduce((sum, line) => sum.plus(new Decimal(line.offer.price.toString()).times(line.quantity)), new Decimal(0));
        await transaction.order.create({
          data: {
            buyerId: buyer.id,
            producerId,
            checkoutKey: idempotencyKey,
            status: 'placing',
            total: total.toFixed(cooperativeCurrency.scale),
            items: {
              create: producerLines.map(({ offer, quantity }) => ({
                offerId: offer.id,
                title: offer.title,
                unit: offer.unit,
                unitPrice: offer.price,
                quantity,
                lineTotal: new Decimal(offer.price.toString()).times(quantity).toFixed(cooperativeCurrency.scale),
              })),
            },
          },
        });
      }
    });
  } catch (error) {
    if (error instanceof StockReservationFailed) {
      const offer = await prisma.offer.findUnique({ where: { id: error.offerId } });
      if (!offer) throw new OfferUnavailableError(error.offerId, 'archived');
      if (offer.status !== 'active') throw new OfferUnavailableError(offer.id, offer.status);
      if (!offer.price.equals(lines.find((line) => line.offerId === offer.id)!.offer.price)) {
        throw new PriceChangedError(offer.id, offer.price.toFixed(cooperativeCurrency.scale));
      }
      throw new OutOfStockError(offer.id, offer.stock ?? 0);
    }
    // A concurrent request with the same key wrote the orders first.
    if (isUniqueViolation(error)) {
      const concurrent = await loadOrders(prisma, { buyerId: buyer.id, checkoutKey: idempotencyKey });
      if (concurrent.length > 0) return { orders: await finishCheckout(services, buyer, concurrent), alreadyExisted: true };
    }
    throw error;
  }

  const placing = await loadOrders(prisma, { buyerId: buyer.id, checkoutKey: idempotencyKey });
  const orders = await finishCheckout(services, buyer, placing);
  return { orders, alreadyExisted: false };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * Writes the holds of orders still placing (all in one linked batch) and moves them to placed, or
 * on refusal to failed with their stock returned. Orders past placing are returned as they are; a
 * checkout whose orders failed throws the error it failed with.
 */
async function finishCheckout(services: Services, buyer: { id: string; displayName: string }, orders: OrderWithItems[]): Promise<OrderWithItems[]> {
  const { prisma, ledger } = services;
  const placing = orders.filter((order) => order.status === 'placing');
  if (placing.length > 0) {
    const [buyerAccount, escrow] = await Promise.all([
      ensureMemberAccount(services, buyer),
      ledger.findAccountByCode(cooperativeCurrency.code, escrowAccountCode),
    ]);
    if (!escrow) throw new Error('The escrow account is missing; the cooperative ledger is not set up.');
    const items: TransferBatchItem[] = placing.map((order, index) => ({
      type: 'pending',
      idempotencyKey: holdKey(order.id),
      debitAccountId: buyerAccount.id,
      creditAccountId: escrow.id,
      currency: cooperativeCurrency.code,
      amount: order.total.toFixed(cooperativeCurrency.scale),
      kind: holdKind,
      memo: `Order ${order.id}`,
      reference: order.id,
      linked: index < placing.length - 1,
    }));
    const results = await ledger.createTransfers(items);
    const failure = results.find((result) => !result.ok && result.code !== 'linked_event_failed') ?? results.find((result) => !result.ok);
    if (failure && !failure.ok) {
      await failOrders(prisma, placing, failure.code);
    } else {
      await prisma.$transaction(async (transaction) => {
        for (const [index, order] of placing.entries()) {
          const result = results[index];
          if (!result?.ok) throw new Error('A linked batch succeeded without a result for every item.');
          const { count } = await transaction.order.updateMany({
            where: { id: order.id, status: 'placing' },
            data: { status: 'placed', holdTransferId: result.transfer.id, placedAt: new Date() },
          });
          if (count === 1) await notifyOrderEvent(transaction, order.id, 'placed');
        }
        const offerIds = placing.flatMap((order) => order.items.map((item) => item.offerId));
        await transaction.cartItem.deleteMany({ where: { memberId: buyer.id, offerId: { in: offerIds } } });
      });
    }
  }
  const current = await loadOrders(prisma, { buyerId: buyer.id, checkoutKey: orders[0]!.checkoutKey });
  const failed = current.find((order) => order.status === 'failed');
  if (failed) {
    // A concurrent retry may have placed holds for orders that another request marked failed.
    await voidStrayHolds(ledger, current);
    await throwCheckoutFailure(services, buyer, failed.failureCode ?? 'linked_event_failed');
  }
  return current;
}

async function failOrders(prisma: PrismaClient, orders: OrderWithItems[], code: string): Promise<void> {
  await prisma.$transaction(async (transaction) => {
    for (const order of orders) {
      const { count } = await transaction.order.updateMany({ where: { id: order.id, status: 'placing' }, data: { status: 'failed', failureCode: code, closedAt: new Date() } });
      if (count === 0) continue;
      for (const item of order.items) {
        await transaction.$executeRaw`UPDATE "Offer" SET stock = stock + ${item.quantity} WHERE id = ${item.offerId}::uuid AND stock IS NOT NULL`;
      }
    }
  });
}

async function voidStrayHolds(ledger: Ledger, orders: OrderWithItems[]): Promise<void> {
  for (const order of orders.filter((candidate) => candidate.status === 'failed')) {
    const hold = await ledger.findTransferByIdempotencyKey(holdKey(order.id));
    if (hold) await ledger.createTransfer({ type: 'void', idempotencyKey: `order:${order.id}:void`, pendingId: hold.id });
  }
}

async function throwCheckoutFailure(services: Services, buyer: { id: string; displayName: string }, code: string): Promise<never> {
  const { ledger } = services;
  if (code === 'exceeds_credit_limit') {
    const account = await ensureMemberAccount(services, buyer);
    const [balance] = await ledger.getBalances([account.id]);
    throw new InsufficientCreditError((balance?.available ?? new Decimal(0)).toFixed(cooperativeCurrency.scale));
  }
  if ((TRANSFER_FAILURE_CODES as readonly string[]).includes(code)) throw new TransferRejectedError(code as TransferFailureCode);
  throw new CheckoutAbandonedError();
}

/** Placing orders older than this belong to a checkout whose request ended without finishing. */
export const placingStaleAfterMs = 10 * 60_000;
export const abandonedFailureCode = 'checkout_abandoned';

/**
 * Finishes checkouts left in placing (the process ended between reserving stock and recording the
 * holds): orders whose hold the ledger has are placed, the others fail and return their stock. A
 * retry of such a checkout then answers with CheckoutAbandonedError.
 */
export async function recoverStaleCheckouts(services: Services, now = new Date(), limit = 100): Promise<{ placed: number; failed: number }> {
  const { prisma, ledger } = services;
  const stale = await loadOrders(prisma, { status: 'placing', createdAt: { lt: new Date(now.getTime() - placingStaleAfterMs) } });
  let placed = 0;
  let failed = 0;
  for (const order of stale.slice(0, limit)) {
    const hold = await ledger.findTransferByIdempotencyKey(holdKey(order.id));
    if (hold) {
      placed += await prisma.$transaction(async (transaction) => {
        const { count } = await transaction.order.updateMany({ where: { id: order.id, status: 'placing' }, data: { status: 'placed', holdTransferId: hold.id, placedAt: now } });
        if (count === 1) await notifyOrderEvent(transaction, order.id, 'placed');
        return count;
      });
    } else {
      await failOrders(prisma, [order], abandonedFailureCode);
      failed += 1;
    }
  }
  return { placed, failed };
}
