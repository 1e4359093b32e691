import { builder } from '../builder';
import {
  AlreadyAnsweredError,
  NeedClosedError,
  NotFoundError,
  NotOwnerError,
  OfferNotActiveError,
  StatusTransitionError,
} from '../marketplace/errors';
import { ErrorInterface } from './errors';

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'offer, need, need_answer, producer_profile, postcode or offer_image.' }),
  }),
});

builder.objectType(NotOwnerError, {
  name: 'NotOwnerError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotOwnerError,
});

builder.objectType(StatusTransitionError, {
  name: 'StatusTransitionError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof StatusTransitionError,
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
  }),
});

builder.objectType(NeedClosedError, {
  name: 'NeedClosedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NeedClosedError,
});

builder.objectType(AlreadyAnsweredError, {
  name: 'AlreadyAnsweredError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AlreadyAnsweredError,
});

builder.objectType(OfferNotActiveError, {
  name: 'OfferNotActiveError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof OfferNotActiveError,
});
