// How money moves for orders, in one place: the services the order use cases take, the ledger key of
// every step, the amounts as the currency writes them, the ledger requests of each step (hold, void,
// post with payout and contribution) and how a linked batch's failure is read. checkout.ts and
// order-lifecycle.ts write these requests inside the transaction that records the order's move.
import type { Account, Decimal, Ledger, TransferBatchItem, TransferFailureCode, TransferResult } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { amountText, cooperativeCurrency, escrowAccountCode, fundAccountCode } from '../wallet/cooperative-currency';
import { splitPayment } from './contribution-policy';

/** What the order use cases need: the database client for reads, the ledger for the transaction. */
export type OrderServices = { prisma: PrismaClient; ledger: Ledger };

/**
 * The ledger steps of an order. Each transfer's idempotency key is derived from the order id and its
 * step, so no step can ever write a second transfer.
 */
export type OrderStep =
  | 'hold'
  | 'void'
  | `${SettlingAction}:post`
  | `${SettlingAction}:producer`
  | `${SettlingAction}:fund`;

/** The moves that post the hold. */
export type SettlingAction = 'confirm' | 'resolve';

export function orderStepKey(orderId: string, step: OrderStep): string {
  return `order:${orderId}:${step}`;
}

/** The kind of an order's hold in the ledger (and of its post, which keeps the hold's kind). */
export const holdKind = 'escrow';
/** The kind of the transfer that pays a settled order's contribution to the fund. */
export const contributionKind = 'contribution';
/** The kind of the transfer that pays a settled order's producer. */
export const salePayoutKind = 'sale';

/**
 * The failure that refused a batch, or null when every item succeeded. In a linked chain the items
 * after the one that failed get linked_event_failed; the first other code is the real reason.
 */
export function firstFailure(results: readonly TransferResult[]): TransferFailureCode | null {
  let linked: TransferFailureCode | null = null;
  for (const result of results) {
    if (result.ok) continue;
    if (result.code !== 'linked_event_failed') return result.code;
    linked ??= result.code;
  }
  return linked;
}

export interface CooperativeAccounts {
  escrow: Account;
  fund: Account;
}

/** The escrow and fund accounts, which the ledger creates with the currency. */
export async function cooperativeAccounts(ledger: Ledger): Promise<CooperativeAccounts> {
  const [escrow, fund] = await Promise.all([
    ledger.findAccountByCode(cooperativeCurrency.code, escrowAccountCode),
    ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode),
  ]);
  if (!escrow || !fund) throw new Error('The escrow or fund account is missing; the cooperative ledger is not set up.');
  return { escrow, fund };
}

/** The holds of a checkout's orders as one linked chain: every order gets its hold or none does. */
export function holdRequests(orders: ReadonlyArray<{ id: string; total: Decimal }>, buyerAccountId: string, escrow: Account): TransferBatchItem[] {
  return orders.map((order, index) => ({
    type: 'pending',
    idempotencyKey: orderStepKey(order.id, 'hold'),
    debitAccountId: buyerAccountId,
    creditAccountId: escrow.id,
    currency: cooperativeCurrency.code,
    amount: amountText(order.total),
    kind: holdKind,
    memo: `Order ${order.id}`,
    reference: order.id,
    linked: index < orders.length - 1,
  }));
}

/** Releases the whole hold back to the buyer. */
export function voidRequest(order: { id: string; holdTransferId: string }): TransferBatchItem {
  return { type: 'void', idempotencyKey: orderStepKey(order.id, 'void'), pendingId: order.holdTransferId, reference: order.id };
}

export interface Settlement {
  /** What goes to the producer and to the fund; they sum to the amount posted. */
  producerAmount: Decimal;
  contributionAmount: Decimal;
  /** What goes back to the buyer: the rest of the hold. */
  refundAmount: Decimal;
}

/**
 * Posts `amount` of the hold to escrow and passes it on as one linked chain: the producer's part to
 * the producer and the contribution to the fund; the rest of the hold goes back to the buyer. An
 * amount of zero voids the hold instead.
 */
export function settlementRequests(
  order: { id: string; holdTransferId: string; total: Decimal },
  action: SettlingAction,
  amount: Decimal,
  terms: CooperativeAccounts & { producer: Account; contributionRate: Decimal },
): { items: TransferBatchItem[]; settlement: Settlement } {
  const refundAmount = order.total.minus(amount);
  if (amount.isZero()) return { items: [voidRequest(order)], settlement: { producerAmount: amount, contributionAmount: amount, refundAmount } };
  const split = splitPayment(amount, terms.contributionRate);
  const common = { currency: cooperativeCurrency.code, reference: order.id, memo: `Order ${order.id}` };
  const items: TransferBatchItem[] = [
    { type: 'post', idempotencyKey: orderStepKey(order.id, `${action}:post`), pendingId: order.holdTransferId, amount: amountText(amount), reference: order.id },
  ];
  // A producer's part of zero (a tiny amount that is all contribution) needs no transfer.
  if (split.producer.isPositive()) {
    items.push({
      type: 'immediate',
      idempotencyKey: orderStepKey(order.id, `${action}:producer`),
      debitAccountId: terms.escrow.id,
      creditAccountId: terms.producer.id,
      amount: amountText(split.producer),
      kind: salePayoutKind,
      ...common,
    });
  }
  if (split.contribution.isPositive()) {
    items.push({
      type: 'immediate',
      idempotencyKey: orderStepKey(order.id, `${action}:fund`),
      debitAccountId: terms.escrow.id,
      creditAccountId: terms.fund.id,
      amount: amountText(split.contribution),
      kind: contributionKind,
      ...common,
    });
  }
  const linked = items.map((item, index) => (index < items.length - 1 ? { ...item, linked: true } : item));
  return { items: linked, settlement: { producerAmount: split.producer, contributionAmount: split.contribution, refundAmount } };
}
