// Expected failures of data-use requests, each a typed GraphQL result.
import { AppError } from '../errors';

/** The verification link is unknown, used already or expired: the request must be filed again. */
export class InvalidVerificationLinkError extends AppError {
  readonly code = 'invalid_verification_link';
  constructor() {
    super('This verification link is unknown, was used already or has expired.');
    this.name = 'InvalidVerificationLinkError';
  }
}
