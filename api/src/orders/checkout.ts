// checkout: turns the buyer's cart into one order per producer, in one database transaction
// (ledger.transaction): the cart's offers are locked and checked, their stock reserved, the orders'
// holds written as one linked ledger batch, and the orders, their items and the producers'
// notifications inserted, the bought lines removed from the cart. Either all of it commits or none of
// it: a checkout refused for any reason (or cut off by a crash) leaves no order, no hold and no
// reserved stock behind, and while it runs the stock it reserved is locked, not taken away from the
// buyers who wait for it. The checkout key makes a retry return the orders of the checkout that
// committed; a refused checkout keeps no key and may be tried again.
import { randomUUID } from 'node:crypto';
import { Decimal, TRANSFER_FAILURE_CODES, type Account, type LedgerTransaction, type TransferFailureCode } from '@allmende/ledger';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { ensureMemberAccount } from '../wallet/ensure-member-account';
import { InsufficientCreditError, TransferRejectedError } from '../wallet/errors';
import { orderEventNotifications, type OrderNotice } from '../notifications/order-notifications';
import { cartLinesMaximum } from './cart';
import { lockCheckout, insertOrders, type LockedCartLine, type NewOrder } from './checkout-statements';
import { deliveryChoicesByProducer, deliveryChoicesSchema, readCartDeliveryOptions, type DeliveryChoice, type DeliveryChoiceInput } from './delivery-choice';
import { CartEmptyError, OfferUnavailableError, OutOfStockError, OwnOfferError, PriceChangedError } from './errors';
import { cooperativeAccounts, firstFailure, holdRequests, type OrderServices } from './order-money';
import { parseInput, amountSchema } from '../shared/input';
import { amountText } from '../wallet/cooperative-currency';

const checkoutSchema = z.object({
  idempotencyKey: z
    .string()
    .min(8, 'at least 8 characters')
    .max(64, 'at most 64 characters')
    .regex(/^[A-Za-z0-9_.:-]+$/, 'only letters, digits, "_", ".", ":" and "-"'),
  expectedPrices: z.array(z.object({ offerId: z.uuid({ message: 'not an offer id' }), price: amountSchema })).max(cartLinesMaximum),
  deliveries: deliveryChoicesSchema(cartLinesMaximum).nullish().transform((choices) => choices ?? []),
});

export interface CheckoutInput {
  idempotencyKey: string;
  /** The unit prices the buyer saw, per offer in the cart. */
  expectedPrices: { offerId: string; price: string }[];
  /** How each producer's order is handed over; an order without a choice is left to agree on. */
  deliveries?: DeliveryChoiceInput[] | null;
}

export interface CheckoutResult {
  /** One order per producer, in the order they were written. */
  orderIds: string[];
  /** True when this was a retry of a checkout that already happened. */
  alreadyExisted: boolean;
}

/** The ledger refused the holds: thrown inside the transaction to roll it back, answered after. */
class HoldsRefused extends Error {
  constructor(readonly code: TransferFailureCode) {
    super(`The holds were refused: ${code}`);
  }
}

/**
 * Checks out the buyer's cart. Throws ValidationError, CartEmptyError, OwnOfferError,
 * OfferUnavailableError, PriceChangedError, OutOfStockError, DeliveryOptionUnavailableError,
 * InsufficientCreditError or TransferRejectedError; after any of them nothing is reserved, held or written.
 */
export async function checkout(services: OrderServices, buyer: { id: string; displayName: string }, input: CheckoutInput): Promise<CheckoutResult> {
  const { idempotencyKey, expectedPrices, deliveries } = parseInput(checkoutSchema, input);
  const { prisma, ledger } = services;
  const expected = new Map(expectedPrices.map((entry) => [entry.offerId, new Decimal(entry.price)]));
  // Accounts before the transaction: creating one is a transaction of its own, and an empty account
  // is no trace of anything.
  const [buyerAccount, { escrow }, deliveryOptions] = await Promise.all([
    ensureMemberAccount(services, buyer),
    cooperativeAccounts(ledger),
    readCartDeliveryOptions(prisma, buyer.id, deliveries),
  ]);

  let outcome: CheckoutResult;
  try {
    outcome = await ledger.transaction(async (transaction) => {
      const { existingOrderIds, lines, offerIdsByTitle } = await lockCheckout(transaction.session, { buyerId: buyer.id, checkoutKey: idempotencyKey, linesMaximum: cartLinesMaximum });
      if (existingOrderIds.length > 0) return { orderIds: existingOrderIds.sort(), alreadyExisted: true };
      checkLines(buyer.id, lines, expected);
      const choices = deliveryChoicesByProducer(lines, deliveries, deliveryOptions);
      const orders = await placeHolds(transaction, lines, buyerAccount.id, escrow, choices);
      const notifications = orders.flatMap((order) => orderEventNotifications(placedNotice(buyer, order, offerIdsByTitle), 'placed'));
      const reservations = lines.filter((line) => line.stock !== null);
      await insertOrders(transaction.session, { buyerId: buyer.id, checkoutKey: idempotencyKey, now: new Date(), orders, notifications, reservations });
      return { orderIds: orders.map((order) => order.id).sort(), alreadyExisted: false };
    });
  } catch (error) {
    if (error instanceof HoldsRefused) return throwRefusal(services, buyer, error.code);
    throw error;
  }
  return outcome;
}

/** A new order as the producer's notification describes it: with the buyer's name. */
function placedNotice(buyer: { id: string; displayName: string }, order: NewOrder, offerIdsByTitle: readonly string[]): OrderNotice {
  const items = offerIdsByTitle.flatMap((offerId) => order.items.filter((item) => item.offerId === offerId));
  return { id: order.id, buyerId: buyer.id, producerId: order.producerId, buyerName: buyer.displayName, producerName: '', itemTitles: items.map((item) => item.title), total: order.total };
}

/**
 * Checks the locked lines, reporting the first problem in this order: empty cart, an offer that
 * cannot be bought, a price that is not the one the buyer saw, missing stock.
 */
function checkLines(buyerId: string, lines: readonly LockedCartLine[], expected: ReadonlyMap<string, Decimal>): void {
  if (lines.length === 0) throw new CartEmptyError();
  for (const line of lines) {
    if (line.producerId === buyerId) throw new OwnOfferError(line.offerId);
    if (line.status !== 'active') throw new OfferUnavailableError(line.offerId, line.status);
  }
  for (const line of lines) {
    const seen = expected.get(line.offerId);
    if (!seen) throw new ValidationError([{ field: 'expectedPrices', code: 'invalid', params: {}, message: `no price given for offer ${line.offerId}` }]);
    if (!seen.equals(line.price)) throw new PriceChangedError(line.offerId, amountText(line.price));
  }
  for (const line of lines) {
    if (line.stock !== null && line.stock < line.quantity) throw new OutOfStockError(line.offerId, line.stock);
  }
}

/** One order per producer, each with its hold; the holds are one linked chain, all or none. */
async function placeHolds(
  transaction: LedgerTransaction,
  lines: readonly LockedCartLine[],
  buyerAccountId: string,
  escrow: Account,
  choices: ReadonlyMap<string, DeliveryChoice>,
): Promise<NewOrder[]> {
  const byProducer = new Map<string, LockedCartLine[]>();
  for (const line of lines) byProducer.set(line.producerId, [...(byProducer.get(line.producerId) ?? []), line]);
  const drafts = [...byProducer].map(([producerId, producerLines]) => {
    const items = producerLines.map((line) => ({
      offerId: line.offerId,
      title: line.title,
      unit: line.unit,
      unitPrice: line.price,
      quantity: line.quantity,
      lineTotal: line.price.times(line.quantity),
    }));
    const choice = choices.get(producerId);
    return {
      id: randomUUID(),
      producerId,
      items,
      total: items.reduce((sum, item) => sum.plus(item.lineTotal), new Decimal(0)),
      deliveryOption: choice?.option ?? null,
      deliveryNote: choice?.note ?? '',
      messageToProducer: choice?.message ?? '',
    };
  });
  const results = await transaction.createTransfers(holdRequests(drafts, buyerAccountId, escrow));
  const failure = firstFailure(results);
  if (failure) throw new HoldsRefused(failure);
  return drafts.map((draft, index) => {
    const result = results[index];
    if (!result?.ok) throw new Error('A linked batch succeeded without a result for every item.');
    return { ...draft, holdTransferId: result.transfer.id };
  });
}

async function throwRefusal(services: OrderServices, buyer: { id: string }, code: TransferFailureCode): Promise<never> {
  if (code === 'exceeds_credit_limit') {
    const account = await ensureMemberAccount(services, buyer);
    const [balance] = await services.ledger.getBalances([account.id]);
    throw new InsufficientCreditError(amountText(balance?.available ?? new Decimal(0)));
  }
  if ((TRANSFER_FAILURE_CODES as readonly string[]).includes(code)) throw new TransferRejectedError(code);
  throw new Error(`Unknown ledger failure ${code}`);
}
