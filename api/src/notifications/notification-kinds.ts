/** Kinds of in-app notifications. Orders and messages will add theirs. */
export const notificationKinds = {
  needAnswered: 'need_answered',
  reviewReceived: 'review_received',
} as const;

export type NotificationKind = (typeof notificationKinds)[keyof typeof notificationKinds];
