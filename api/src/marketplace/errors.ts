// Expected failures of the marketplace use cases, in the order they are checked: the thing must
// exist, belong to the caller, and be in a state that allows the change.
import { AppError } from '../errors';

export class NotFoundError extends AppError {
  readonly code = 'not_found';
  constructor(readonly entity: 'offer' | 'need' | 'need_answer' | 'producer_profile' | 'postcode' | 'offer_image') {
    super(`No such ${entity.replace('_', ' ')}.`);
    this.name = 'NotFoundError';
  }
}

export class NotOwnerError extends AppError {
  readonly code = 'not_owner';
  constructor() {
    super('This belongs to another member.');
    this.name = 'NotOwnerError';
  }
}

export class StatusTransitionError extends AppError {
  readonly code = 'invalid_status_transition';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`An offer cannot go from ${from} to ${to}.`);
    this.name = 'StatusTransitionError';
  }
}

export class NeedClosedError extends AppError {
  readonly code = 'need_closed';
  constructor() {
    super('This need has expired or was closed.');
    this.name = 'NeedClosedError';
  }
}

export class AlreadyAnsweredError extends AppError {
  readonly code = 'already_answered';
  constructor() {
    super('This offer already answers this need.');
    this.name = 'AlreadyAnsweredError';
  }
}

export class OfferNotActiveError extends AppError {
  readonly code = 'offer_not_active';
  constructor() {
    super('Only an active offer can answer a need.');
    this.name = 'OfferNotActiveError';
  }
}
