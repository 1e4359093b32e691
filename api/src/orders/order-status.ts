// The states of an order and the moves between them. One order is one producer's part of a checkout;
// its total is held in escrow (a pending ledger transfer from the buyer) from placing until it is
// settled. Who may make each move is checked by the use cases.
//
//   checkout ──▶ placing ──(hold placed)──▶ placed ──(producer accepts)──▶ accepted ──(producer fulfils)──▶ fulfilled
//                   │                         │                               │                                 │
//                   │ hold refused            │ producer rejects: void,       │ buyer disputes                  │ buyer confirms, or
//                   ▼                         │ release stock ──▶ rejected    ▼                                 │ the auto-confirm job
//                 failed (stock released)     │ buyer cancels: void,        disputed ◀──(buyer disputes)──────┤ after N days: post
//                                             │ release stock ──▶ cancelled   │                                 ▼
//                                             │                               │ admin resolves: post all,     confirmed
//                                             │                               │ post part (rest back to buyer)
//                                             │                               ▼ or void
//                                                                           resolved
//
// placing:   stock is reserved and the order row exists; the ledger hold is being written. A retry of
//            the same checkout key finishes it; a refused hold moves it to failed and returns the stock.
// Final states: rejected, cancelled, confirmed, resolved, failed. A move to the state the order is
// already in is a repeat: it changes nothing and writes no second ledger transfer.
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
