/** Kinds of in-app notifications. */
export const notificationKinds = {
  needAnswered: 'need_answered',
  reviewReceived: 'review_received',
  orderPlaced: 'order_placed',
  orderAccepted: 'order_accepted',
  orderRejected: 'order_rejected',
  orderFulfilled: 'order_fulfilled',
  orderCancelled: 'order_cancelled',
  orderDisputed: 'order_disputed',
  orderConfirmed: 'order_confirmed',
  orderResolved: 'order_resolved',
  orderMessage: 'order_message',
  creditsReceived: 'credits_received',
  directMessage: 'direct_message',
  votingOpened: 'voting_opened',
  votingClosesSoon: 'voting_closes_soon',
  proposalClosed: 'proposal_closed',
  membershipAdmitted: 'membership_admitted',
  membershipDeclined: 'membership_declined',
  attributeChallenged: 'attribute_challenged',
  attributeChallengeDecided: 'attribute_challenge_decided',
  demurrageAnnounced: 'demurrage_announced',
} as const;

export type NotificationKind = (typeof notificationKinds)[keyof typeof notificationKinds];
