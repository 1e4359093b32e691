// The states of an order and the moves between them. One order is one producer's part of a checkout;
// its total is held in escrow (a pending ledger transfer from the buyer) from checkout until it is
// settled. Who may make each move is checked by the use cases. Every arrow is one database
// transaction that also writes its stock change, its ledger operation, the settled amounts and the
// notification (see checkout.ts and order-lifecycle.ts), so no order is ever between two states.
//
//   checkout: stock reserved, hold placed ──▶ placed ──(producer accepts)──▶ accepted ──(producer fulfils)──▶ fulfilled
//                                               │                               │                                 │
//                                               │ producer rejects: void,       │ buyer disputes                  │ buyer confirms, or
//                                               │ release stock ──▶ rejected    ▼                                 │ the auto-confirm job
//                                               │ buyer cancels: void,        disputed ◀──(buyer disputes)──────┤ after N days: post,
//                                               │ release stock ──▶ cancelled   │                                 │ pay producer and fund
//                                               │                               │ admin resolves: post all,       ▼
//                                               │                               │ post part (rest back to       confirmed
//                                               │                               ▼ buyer) or void
//                                                                             resolved
//
// Final states: rejected, cancelled, confirmed, resolved. A move to the state the order is already in
// is a repeat: it changes nothing and writes no second ledger transfer. placing and failed are states
// of an earlier checkout that wrote the order and its hold in separate transactions; no order enters
// them any more, and members never see them.
import type { OrderStatus } from '../../../prisma/generated/client/enums';

export type { OrderStatus };

export const ORDER_STATUSES = ['placing', 'placed', 'accepted', 'rejected', 'cancelled', 'fulfilled', 'disputed', 'confirmed', 'resolved', 'failed'] as const;

/** The states a member sees in their order lists; placing and failed belong to an unfinished checkout. */
export const VISIBLE_ORDER_STATUSES: OrderStatus[] = ['placed', 'accepted', 'rejected', 'cancelled', 'fulfilled', 'disputed', 'confirmed', 'resolved'];

export type OrderAction = 'accept' | 'reject' | 'fulfil' | 'cancel' | 'dispute' | 'confirm' | 'resolve';

/** For each action: the states it starts from and the state it leads to. */
export const ORDER_TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  accept: { from: ['placed'], to: 'accepted' },
  reject: { from: ['placed'], to: 'rejected' },
  fulfil: { from: ['accepted'], to: 'fulfilled' },
  cancel: { from: ['placed'], to: 'cancelled' },
  dispute: { from: ['accepted', 'fulfilled'], to: 'disputed' },
  confirm: { from: ['fulfilled'], to: 'confirmed' },
  resolve: { from: ['disputed'], to: 'resolved' },
};
