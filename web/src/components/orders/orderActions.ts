// Which of an order's moves the member looking at it may make, the web app's copy of the API's
// rules (api/src/orders/order-status.ts and the use cases' party checks); the API checks them again.
//
//   producer: placed ──accept──▶ accepted ──fulfil──▶ fulfilled
//             placed ──reject──▶ rejected (hold voided, credits back to the buyer)
//   buyer:    placed ──cancel──▶ cancelled (hold voided, credits back to the buyer)
//             fulfilled ──confirm──▶ confirmed (hold posted to the producer and the fund)
//             accepted, fulfilled ──dispute──▶ disputed (credits stay in escrow until resolved)
import type { OrderStatus } from '../../generated/graphql';

export type OrderAction = 'accept' | 'reject' | 'fulfil' | 'cancel' | 'confirm' | 'dispute';
export type OrderParty = 'buyer' | 'producer';

const moves: Record<OrderAction, { party: OrderParty; from: readonly OrderStatus[] }> = {
  accept: { party: 'producer', from: ['placed'] },
  reject: { party: 'producer', from: ['placed'] },
  fulfil: { party: 'producer', from: ['accepted'] },
  cancel: { party: 'buyer', from: ['placed'] },
  confirm: { party: 'buyer', from: ['fulfilled'] },
  dispute: { party: 'buyer', from: ['accepted', 'fulfilled'] },
};

/** The order's escrowed credits move (or are held for a dispute): these ask for confirmation first. */
const moneyMoves: ReadonlySet<OrderAction> = new Set<OrderAction>(['reject', 'cancel', 'confirm', 'dispute']);

/** The moves open to this party in this state, in the order the buttons are shown. */
export function orderActionsFor(status: OrderStatus, party: OrderParty | null): OrderAction[] {
  if (!party) return [];
  return (Object.keys(moves) as OrderAction[]).filter((action) => moves[action].party === party && moves[action].from.includes(status));
}

export function movesMoney(action: OrderAction): boolean {
  return moneyMoves.has(action);
}
