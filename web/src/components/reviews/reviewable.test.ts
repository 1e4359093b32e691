import { isReviewable } from './reviewable';

describe('isReviewable', () => {
  it('offers the rating form for confirmed orders and disputes that paid the producer', () => {
    expect(isReviewable({ status: 'confirmed', producerAmount: '9.70', contributionAmount: '0.30' })).toBe(true);
    expect(isReviewable({ status: 'resolved', producerAmount: '3.88', contributionAmount: '0.12' })).toBe(true);
    expect(isReviewable({ status: 'resolved', producerAmount: '0.00', contributionAmount: '0.01' })).toBe(true);
  });

  it('not for open orders or disputes refunded in full', () => {
    for (const status of ['placed', 'accepted', 'fulfilled', 'disputed', 'cancelled', 'rejected']) {
      expect(isReviewable({ status, producerAmount: null, contributionAmount: null })).toBe(false);
    }
    expect(isReviewable({ status: 'resolved', producerAmount: '0.00', contributionAmount: '0.00' })).toBe(false);
  });
});
