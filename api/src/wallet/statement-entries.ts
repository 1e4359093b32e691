// What an entry of a member's statement means to the member, decided from the ledger's data alone:
// the transfer's type (a hold, its post or void, an immediate transfer), whether a hold is still
// open, and the order its reference names. The ledger records an order's money as a hold to escrow,
// then a post and payouts from escrow (or a void); the member should read none of that plumbing:
//
//   buyer:    checkout   hold, open       → order_reserved  (pending: reserved, not spent)
//             confirm    post of the hold → order_paid      (booked: one payment to the producer)
//             cancel     void of the hold → order_released  (released: the reservation ends)
//   producer: confirm    escrow → producer → order_sale      (booked: paid by the buyer)
//   member:   surplus run  fund → member    → surplus_share   (booked: a share of the period's surplus)
//             demurrage    member → fund    → demurrage       (booked: the fee on the balance above the exempt amount)
//
// A hold that was posted or voided is not shown: its post or void tells the whole story, so an order
// is never shown as paid twice. The other side of an order's entry is the other member of the order,
// never the escrow account.
import { type AccountType, type Decimal, type PendingState, type StatementEntry as LedgerStatementEntry, type TransferType } from '@allmende/ledger';
import { salePayoutKind } from '../orders/order-money';
import { periodOfSurplusReference, surplusTransferKind } from '../surplus/transfers';
import { demurrageTransferKind } from '../demurrage/transfers';
import { paymentKind } from './send-credits';

export const statementPurposes = ['payment_sent', 'payment_received', 'order_reserved', 'order_paid', 'order_released', 'order_sale', 'surplus_share', 'demurrage', 'other'] as const;
export type StatementPurpose = (typeof statementPurposes)[number];

/** pending: reserved, the balance has not moved; booked: the balance moved; released: a reservation ended. */
export const statementEntryStates = ['pending', 'booked', 'released'] as const;
export type StatementEntryState = (typeof statementEntryStates)[number];

/** The order a transfer's reference names, as the statement needs it. */
export interface StatementOrder {
  id: string;
  number: number;
  buyerId: string;
  producerId: string;
  buyerName: string;
  producerName: string;
  contributionAmount: Decimal | null;
}

export interface Counterparty {
  name: string;
  memberId: string | null;
  type: AccountType | null;
}

export interface StatementEntry {
  transferId: string;
  date: Date;
  purpose: StatementPurpose;
  state: StatementEntryState;
  counterparty: Counterparty;
  /** The order the entry belongs to, for the member who bought or sold. */
  order: Pick<StatementOrder, 'id' | 'number'> | null;
  memo: string;
  kind: string;
  type: TransferType;
  /** Change of the posted balance by this entry: zero for reservations and releases. */
  amount: Decimal;
  /** An open reservation's amount, signed as it will change the balance (negative when paying). */
  reservedAmount: Decimal | null;
  /** What a void, or a post of less than the hold, gave back (positive). */
  releasedAmount: Decimal | null;
  /** For a sale: the cooperative contribution the fund received from the same order. */
  contributionAmount: Decimal | null;
  /** For a share of the surplus: its period ("2026-11"), whose explanation the member can read. */
  surplusPeriod: string | null;
  /** Posted balance right after this entry. */
  balance: Decimal;
}

export interface StatementFacts {
  memberId: string | null;
  /** The other account of each transfer, by account id. */
  counterparties: ReadonlyMap<string, Counterparty>;
  /** The state of each hold on the page, by the hold's transfer id. */
  holdStates: ReadonlyMap<string, PendingState>;
  /** Orders by id, for transfers whose reference is an order's id. */
  orders: ReadonlyMap<string, StatementOrder>;
}


/** The statement entry a ledger entry becomes, or null when another entry already tells it. */
export function describeStatementEntry(entry: LedgerStatementEntry, facts: StatementFacts): StatementEntry | null {
  const { transfer, side } = entry;
  const heldChange = entry.pendingCreditsChange.minus(entry.pendingDebitsChange);
  if (transfer.type === 'pending' && (facts.holdStates.get(transfer.id) ?? 'pending') !== 'pending') return null;

  const candidate = transfer.reference ? facts.orders.get(transfer.reference) : undefined;
  const role = candidate && facts.memberId ? (candidate.buyerId === facts.memberId ? 'buyer' : candidate.producerId === facts.memberId ? 'producer' : null) : null;
  const order = role ? candidate! : null;
  const otherAccountId = side === 'debit' ? transfer.creditAccountId : transfer.debitAccountId;
  const counterparty: Counterparty = order
    ? role === 'buyer'
      ? { name: order.producerName, memberId: order.producerId, type: 'member' }
      : { name: order.buyerName, memberId: order.buyerId, type: 'member' }
    : (facts.counterparties.get(otherAccountId) ?? { name: '', memberId: null, type: null });

  const base = {
    transferId: transfer.id,
    date: transfer.createdAt,
    counterparty,
    order: order ? { id: order.id, number: order.number } : null,
    memo: transfer.memo,
    kind: transfer.kind,
    type: transfer.type,
    amount: entry.postedChange,
    reservedAmount: null,
    releasedAmount: null,
    contributionAmount: null,
    surplusPeriod: null,
    balance: entry.postedBalance,
  };
  switch (transfer.type) {
    case 'pending':
      return { ...base, purpose: order && role === 'buyer' ? 'order_reserved' : 'other', state: 'pending', reservedAmount: heldChange };
    case 'void':
      return { ...base, purpose: order && role === 'buyer' ? 'order_released' : 'other', state: 'released', releasedAmount: heldChange.abs() };
    case 'post': {
      // A post of less than the hold releases the rest in the same transfer.
      const released = heldChange.abs().minus(entry.postedChange.abs());
      return { ...base, purpose: order && role === 'buyer' ? 'order_paid' : 'other', state: 'booked', releasedAmount: released.greaterThan(0) ? released : null };
    }
    case 'immediate':
      if (order && role === 'producer' && transfer.kind === salePayoutKind) {
        return { ...base, purpose: 'order_sale', state: 'booked', contributionAmount: order.contributionAmount };
      }
      if (transfer.kind === surplusTransferKind && side === 'credit') {
        return { ...base, purpose: 'surplus_share', state: 'booked', surplusPeriod: periodOfSurplusReference(transfer.reference) };
      }
      if (transfer.kind === demurrageTransferKind && side === 'debit') return { ...base, purpose: 'demurrage', state: 'booked' };
      if (transfer.kind === paymentKind) return { ...base, purpose: side === 'debit' ? 'payment_sent' : 'payment_received', state: 'booked' };
      return { ...base, purpose: 'other', state: 'booked' };
    default:
      return { ...base, purpose: 'other', state: 'booked' };
  }
}
