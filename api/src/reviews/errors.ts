// Expected failures of reviews, each a typed GraphQL result. Reviewing an order checks, in this
// order: the input, that the order exists, that the member bought it, that it is settled (see
// reviewable.ts), and that it has no review yet. Not found, forbidden and wrong state reuse the
// order errors, since they are about the order.
import { AppError } from '../errors';

export class AlreadyReviewedError extends AppError {
  readonly code = 'already_reviewed';
  constructor() {
    super('This order has been reviewed already.');
    this.name = 'AlreadyReviewedError';
  }
}

export class ReviewNotFoundError extends AppError {
  readonly code = 'review_not_found';
  constructor() {
    super('No such review.');
    this.name = 'ReviewNotFoundError';
  }
}

export class ReviewAlreadyAnsweredError extends AppError {
  readonly code = 'review_already_answered';
  constructor() {
    super('This review has been answered already.');
    this.name = 'ReviewAlreadyAnsweredError';
  }
}
