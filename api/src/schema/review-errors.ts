// Typed results of the review mutations.
import { builder } from '../builder';
import { AlreadyReviewedError, ReviewAlreadyAnsweredError, ReviewNotFoundError } from '../reviews/errors';
import { ErrorInterface } from './errors';

builder.objectType(AlreadyReviewedError, { name: 'AlreadyReviewedError', interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof AlreadyReviewedError });
builder.objectType(ReviewNotFoundError, { name: 'ReviewNotFoundError', interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof ReviewNotFoundError });
builder.objectType(ReviewAlreadyAnsweredError, {
  name: 'ReviewAlreadyAnsweredError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ReviewAlreadyAnsweredError,
});
