import type { reviewsDe } from './reviews.de';

export const reviewsEn: typeof reviewsDe = {
  title: 'Reviews',
  none: 'No reviews yet.',
  count: 'no reviews | {count} review | {count} reviews',
  stars: '{count} stars | {count} star | {count} stars',
  averageLabel: 'Average {average} out of 5 stars',
  more: 'More reviews',
  answerBy: "The producer's answer",
  yours: 'Your review',
  form: {
    title: 'Rate this order',
    rating: 'Stars',
    ratingRequired: 'Please choose 1 to 5 stars.',
    text: 'Your impression (optional)',
    textTooLong: 'At most {count} characters.',
    submit: 'Send review',
  },
  answerForm: {
    label: 'Your answer',
    submit: 'Publish answer',
    invalid: 'Please write 1 to {count} characters.',
  },
  errors: {
    already_reviewed: 'This order has been reviewed already.',
    invalid_order_status: 'You can rate an order once it is completed.',
    order_forbidden: 'Only the buyer of this order can rate it.',
    order_not_found: 'This order does not exist.',
    review_not_found: 'This review does not exist.',
    review_already_answered: 'This review has been answered already.',
    other: 'That did not work. Please try again.',
  },
};
