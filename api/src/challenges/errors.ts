// Expected failures of attribute challenges, each a typed GraphQL result.
import { AppError } from '../errors';

export class ChallengeNotFoundError extends AppError {
  readonly code = 'challenge_not_found';
  constructor() {
    super('There is no such challenge.');
    this.name = 'ChallengeNotFoundError';
  }
}

/** The offer does not declare the attribute, so there is no claim to challenge. */
export class AttributeNotDeclaredError extends AppError {
  readonly code = 'attribute_not_declared';
  constructor(readonly attribute: string) {
    super(`The offer does not declare ${attribute}.`);
    this.name = 'AttributeNotDeclaredError';
  }
}

/** A challenge of this claim is waiting for its decision; one at a time per offer and attribute. */
export class ChallengePendingError extends AppError {
  readonly code = 'challenge_pending';
  constructor(readonly attribute: string) {
    super(`The claim ${attribute} of this offer is already being checked.`);
    this.name = 'ChallengePendingError';
  }
}

/** The challenge was decided; decisions are final. */
export class ChallengeDecidedError extends AppError {
  readonly code = 'challenge_decided';
  constructor(readonly status: string) {
    super(`This challenge was already decided (${status}).`);
    this.name = 'ChallengeDecidedError';
  }
}

/** The board waits for the producer's answer until the answer window has passed. */
export class ChallengeAwaitingAnswerError extends AppError {
  readonly code = 'challenge_awaiting_answer';
  constructor(readonly decidableFrom: Date) {
    super(`The producer can answer until ${decidableFrom.toISOString()}; decide after the answer or after that time.`);
    this.name = 'ChallengeAwaitingAnswerError';
  }
}

/**
 * Nobody takes part in a challenge on two sides: a producer cannot challenge their own offer, and a
 * board member cannot decide a challenge of their own offer or one they filed.
 */
export class ChallengeConflictError extends AppError {
  readonly code = 'challenge_conflict';
  constructor(readonly reason: 'own_offer' | 'own_challenge') {
    super(reason === 'own_offer' ? 'This is your own offer.' : 'You filed this challenge yourself.');
    this.name = 'ChallengeConflictError';
  }
}
