// checkout: turns the buyer's cart into one order per producer, in one database transaction
// (ledger.transaction): the cart's offers are locked and checked, their stock reserved, the orders'
// holds written as one linked ledger batch, and the orders, their items and the producers'
// notifications inserted, the bought lines removed from the cart. Either all of it commits or none of
// it: a checkout refused for any reason (or cut off by a crash) leaves no order, no hold and no
// reserved stock behind, and while it runs the stock it reserved is locked, not taken away from the
// buyers who wait for it. The checkout key makes a retry return the orders of the checkout that
// committed; a refused checkout keeps no key and may be tried again. Checkouts sent at the same time
// share that transaction (checkoutTogether), each with the outcome it would have had if they had run
// one after the other.
import { randomUUID } from 'node:crypto';
import { Coalescer, Decimal, TRANSFER_FAILURE_CODES, type Account, type TransferFailureCode, type TransferResult } from '@allmende/ledger';
import { z } from 'zod';
import type { Order } from '../../../prisma/generated/client/client';
import { ValidationError } from '../errors';
import { ensureMemberAccount } from '../wallet/ensure-member-account';
import { InsufficientCreditError, TransferRejectedError } from '../wallet/errors';
import { orderEventNotifications, type OrderNotice } from '../notifications/order-notifications';
import { cartLinesMaximum } from './cart';
import { lockCheckouts, insertOrders, type LockedCartLine, type NewOrder } from './checkout-statements';
import {
  deliveryChoicesByProducer,
  deliveryChoicesSchema,
  readCartDeliveryOptions,
  type DeliveryChoice,
  type DeliveryChoiceInput,
  type OfferDeliveryOptions,
} from './delivery-choice';
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
  /** The orders as this checkout wrote them (as Prisma would read them now); absent for a retry. */
  written?: Order[];
}

/** A checkout ready to run: its input checked, the buyer's account and delivery options read. */
export interface PreparedCheckout {
  buyer: { id: string; displayName: string };
  idempotencyKey: string;
  expected: ReadonlyMap<string, Decimal>;
  deliveries: readonly DeliveryChoice[];
  deliveryOptions: OfferDeliveryOptions;
  buyerAccountId: string;
}

/** What became of one checkout of a batch. */
export type CheckoutOutcome =
  | { ok: true; result: CheckoutResult }
  /** Refused by a check of the cart (an error of this module or a ValidationError). */
  | { ok: false; error: Error }
  /** Refused by the ledger: the holds were not written. */
  | { ok: false; refusal: TransferFailureCode };

export type CheckoutServices = OrderServices & { checkouts: Checkouts };

/**
 * This process's checkouts. Those sent while a batch of them is in flight go together in the next
 * batch (checkoutTogether): one transaction, one statement that locks all their carts' offers, one
 * ledger batch of all their holds, one statement that writes all their orders. It also keeps the ids
 * of the escrow account and of buyers' accounts, which never change once the accounts exist. Built
 * once per process, in the composition root.
 */
export class Checkouts {
  private readonly coalescer: Coalescer<PreparedCheckout, CheckoutOutcome>;
  private escrow: Promise<Account> | undefined;
  private readonly accountIds = new Map<string, string>();

  constructor(private readonly services: OrderServices) {
    // One batch at a time: the market benchmark's checkouts ran at 420-440 orders/s this way, against
    // 370-400 with two in flight, whose batches were smaller and waited for each other's offer rows.
    this.coalescer = new Coalescer(async (batch) => checkoutTogether(services, await this.escrowAccount(), batch), {
      batchSizeMaximum: checkoutBatchMaximum,
      flushesConcurrentMaximum: 1,
    });
  }

  submit(checkout: PreparedCheckout): Promise<CheckoutOutcome> {
    return this.coalescer.submit(checkout);
  }

  /** Resolves once no checkout is queued or running. */
  drain(): Promise<void> {
    return this.coalescer.drain();
  }

  /** The id of the buyer's account, created if missing (ensureMemberAccount). */
  async buyerAccountId(buyer: { id: string }): Promise<string> {
    const known = this.accountIds.get(buyer.id);
    if (known) return known;
    const { id } = await ensureMemberAccount(this.services, buyer);
    if (this.accountIds.size >= accountIdsKeptMaximum) this.accountIds.clear();
    this.accountIds.set(buyer.id, id);
    return id;
  }

  private escrowAccount(): Promise<Account> {
    this.escrow ??= cooperativeAccounts(this.services.ledger).then(
      (accounts) => accounts.escrow,
      (error: unknown) => {
        this.escrow = undefined;
        throw error;
      },
    );
    return this.escrow;
  }
}

/** Buyers' account ids kept by a process (about 100 bytes each). */
const accountIdsKeptMaximum = 200_000;

/** Most checkouts in one transaction. */
const checkoutBatchMaximum = 64;

/**
 * Checks out the buyer's cart. Throws ValidationError, CartEmptyError, OwnOfferError,
 * OfferUnavailableError, PriceChangedError, OutOfStockError, DeliveryOptionUnavailableError,
 * InsufficientCreditError or TransferRejectedError; after any of them nothing is reserved, held or written.
 */
export async function checkout(services: CheckoutServices, buyer: { id: string; displayName: string }, input: CheckoutInput): Promise<CheckoutResult> {
  const prepared = await prepareCheckout(services, buyer, input);
  const outcome = await services.checkouts.submit(prepared);
  if (outcome.ok) return outcome.result;
  if ('error' in outcome) throw outcome.error;
  return throwRefusal(services, buyer, outcome.refusal);
}

export async function prepareCheckout(services: CheckoutServices, buyer: { id: string; displayName: string }, input: CheckoutInput): Promise<PreparedCheckout> {
  const { idempotencyKey, expectedPrices, deliveries } = parseInput(checkoutSchema, input);
  // The account before the transaction: creating one is a transaction of its own, and an empty
  // account is no trace of anything.
  const [buyerAccountId, deliveryOptions] = await Promise.all([services.checkouts.buyerAccountId(buyer), readCartDeliveryOptions(services.prisma, buyer.id, deliveries)]);
  const expected = new Map(expectedPrices.map((entry) => [entry.offerId, new Decimal(entry.price)]));
  return { buyer, idempotencyKey, expected, deliveries, deliveryOptions, buyerAccountId };
}

/**
 * Runs checkouts in one transaction, with the outcomes they would have had one after the other: each
 * is checked against the stock the ones before it left, in the order given, and the stock of one
 * refused by the ledger goes back to the ones that asked for it in vain, checked again after the
 * others (so one refused for stock asked for more than is left when they commit). A checkout refused for any reason
 * leaves nothing; the others commit together. Two checkouts of one buyer never share a transaction
 * (the second would see the cart the first empties): the later one runs in a transaction after.
 * A batch that fails as a whole for another reason is run again one checkout at a time, so that one
 * checkout's failure is nobody else's.
 */
export async function checkoutTogether(services: OrderServices, escrow: Account, batch: readonly PreparedCheckout[]): Promise<CheckoutOutcome[]> {
  const buyers = new Set<string>();
  const now = batch.filter((request) => !buyers.has(request.buyer.id) && buyers.add(request.buyer.id));
  const later = batch.filter((request) => !now.includes(request));
  let outcomes: CheckoutOutcome[];
  try {
    outcomes = await checkoutInOneTransaction(services, escrow, now);
  } catch (error) {
    if (now.length === 1) throw error;
    outcomes = [];
    for (const request of now) outcomes.push(...(await checkoutTogether(services, escrow, [request]).catch((alone: unknown) => [{ ok: false as const, error: asError(alone) }])));
  }
  const laterOutcomes = later.length > 0 ? await checkoutTogether(services, escrow, later) : [];
  return batch.map((request) => {
    const index = now.indexOf(request);
    return index >= 0 ? outcomes[index]! : laterOutcomes[later.indexOf(request)]!;
  });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A checkout of the batch with its orders drafted and its units counted against the stock. */
interface Placed {
  /** Its place in the batch. */
  index: number;
  request: PreparedCheckout;
  lines: readonly LockedCartLine[];
  offerIdsByTitle: readonly string[];
  drafts: OrderDraft[];
}

async function checkoutInOneTransaction(services: OrderServices, escrow: Account, batch: readonly PreparedCheckout[]): Promise<CheckoutOutcome[]> {
  return services.ledger.transaction(async (transaction) => {
    const locked = await lockCheckouts(
      transaction.session,
      batch.map((request) => ({ buyerId: request.buyer.id, checkoutKey: request.idempotencyKey })),
      cartLinesMaximum,
    );
    const outcomes: (CheckoutOutcome | undefined)[] = batch.map(() => undefined);
    // Units left of each offer with limited stock, as the checkouts before have left them.
    const stock = new Map<string, number>();
    for (const { lines } of locked) for (const line of lines) if (line.stock !== null) stock.set(line.offerId, line.stock);
    const take = (lines: readonly LockedCartLine[], sign: 1 | -1) => {
      for (const line of lines) if (line.stock !== null) stock.set(line.offerId, stock.get(line.offerId)! - sign * line.quantity);
    };
    const placed: Placed[] = [];
    const place = (index: number) => {
      const request = batch[index]!;
      const { existingOrderIds, lines, offerIdsByTitle } = locked[index]!;
      try {
        if (existingOrderIds.length > 0) {
          outcomes[index] = { ok: true, result: { orderIds: [...existingOrderIds].sort(), alreadyExisted: true } };
          return;
        }
        const now = lines.map((line) => (line.stock === null ? line : { ...line, stock: stock.get(line.offerId)! }));
        checkLines(request.buyer.id, now, request.expected);
        const choices = deliveryChoicesByProducer(now, request.deliveries, request.deliveryOptions);
        take(lines, 1);
        placed.push({ index, request, lines, offerIdsByTitle, drafts: draftOrders(lines, choices) });
      } catch (error) {
        outcomes[index] = { ok: false, error: asError(error) };
      }
    };
    batch.forEach((_request, index) => place(index));

    const held: (Placed & { orders: NewOrder[] })[] = [];
    while (placed.length > 0) {
      const round = placed.splice(0);
      const holds = round.map((entry) => holdRequests(entry.drafts, entry.request.buyerAccountId, escrow));
      const results = await transaction.createTransfers(holds.flat());
      let freed = false;
      let offset = 0;
      round.forEach((entry, roundIndex) => {
        const own = results.slice(offset, (offset += holds[roundIndex]!.length));
        const failure = firstFailure(own);
        if (failure) {
          outcomes[entry.index] = { ok: false, refusal: failure };
          take(entry.lines, -1);
          freed ||= entry.lines.some((line) => line.stock !== null);
          return;
        }
        held.push({ ...entry, orders: entry.drafts.map((draft, draftIndex) => ({ ...draft, holdTransferId: transferIdOf(own[draftIndex]) })) });
      });
      // Units freed by a checkout the ledger refused go to the later ones refused for want of them.
      if (freed) batch.forEach((_request, index) => isOutOfStock(outcomes[index]) && ((outcomes[index] = undefined), place(index)));
    }

    const written = new Map<string, Order>();
    if (held.length > 0) {
      const rows = await insertOrders(transaction.session, {
        now: new Date(),
        checkouts: held.map((entry) => ({
          buyerId: entry.request.buyer.id,
          checkoutKey: entry.request.idempotencyKey,
          orders: entry.orders,
          notifications: entry.orders.flatMap((order) => orderEventNotifications(placedNotice(entry.request.buyer, order, entry.offerIdsByTitle), 'placed')),
        })),
      });
      for (const row of rows) written.set(row.id, row);
    }
    for (const entry of held) {
      const orderIds = entry.orders.map((order) => order.id).sort();
      outcomes[entry.index] = { ok: true, result: { orderIds, alreadyExisted: false, written: orderIds.map((id) => written.get(id)!) } };
    }
    return outcomes.map((outcome) => {
      if (!outcome) throw new Error('A checkout of the batch was left without an outcome');
      return outcome;
    });
  });
}

function isOutOfStock(outcome: CheckoutOutcome | undefined): boolean {
  return outcome !== undefined && !outcome.ok && 'error' in outcome && outcome.error instanceof OutOfStockError;
}

function transferIdOf(result: TransferResult | undefined): string {
  if (!result?.ok) throw new Error('A linked batch succeeded without a result for every item.');
  return result.transfer.id;
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

type OrderDraft = Omit<NewOrder, 'holdTransferId'>;

/** One order per producer of the lines, with the buyer's delivery choice for it. */
function draftOrders(lines: readonly LockedCartLine[], choices: ReadonlyMap<string, DeliveryChoice>): OrderDraft[] {
  const byProducer = new Map<string, LockedCartLine[]>();
  for (const line of lines) byProducer.set(line.producerId, [...(byProducer.get(line.producerId) ?? []), line]);
  return [...byProducer].map(([producerId, producerLines]) => {
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
