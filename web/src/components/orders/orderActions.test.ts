import type { OrderStatus } from '../../generated/graphql';
import { movesMoney, orderActionsFor } from './orderActions';

describe('orderActionsFor', () => {
  it('lets the producer accept or decline a new order and deliver an accepted one', () => {
    expect(orderActionsFor('placed', 'producer')).toEqual(['accept', 'reject']);
    expect(orderActionsFor('accepted', 'producer')).toEqual(['fulfil']);
    expect(orderActionsFor('fulfilled', 'producer')).toEqual([]);
  });

  it('lets the buyer cancel a new order, confirm a delivered one and report a problem in between', () => {
    expect(orderActionsFor('placed', 'buyer')).toEqual(['cancel']);
    expect(orderActionsFor('accepted', 'buyer')).toEqual(['dispute']);
    expect(orderActionsFor('fulfilled', 'buyer')).toEqual(['confirm', 'dispute']);
  });

  it('offers nothing on closed orders or to anyone else', () => {
    const closed: OrderStatus[] = ['rejected', 'cancelled', 'confirmed', 'disputed', 'resolved', 'failed', 'placing'];
    for (const status of closed) {
      expect(orderActionsFor(status, 'buyer')).toEqual([]);
      expect(orderActionsFor(status, 'producer')).toEqual([]);
    }
    expect(orderActionsFor('placed', null)).toEqual([]);
  });

  it('asks for confirmation before the escrowed credits move', () => {
    expect(['accept', 'reject', 'fulfil', 'cancel', 'confirm', 'dispute'].filter((action) => movesMoney(action as never))).toEqual([
      'reject',
      'cancel',
      'confirm',
      'dispute',
    ]);
  });
});
