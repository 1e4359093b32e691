// Expected failures of the API's use cases: a closed list of typed errors with stable snake_case
// codes. @pothos/plugin-errors turns them into union results sharing the GraphQL `Error` interface,
// so clients branch on __typename or code, never on message text.

import type { FieldProblem } from './shared/rules/field-problems';

export abstract class AppError extends Error {
  abstract readonly code: string;
}

/** One field's problem: a stable code with its parameters, and the same in English for logs. */
export interface FieldError extends FieldProblem {
  field: string;
  message: string;
}

export class ValidationError extends AppError {
  readonly code = 'validation_failed';
  constructor(readonly fieldErrors: FieldError[]) {
    super(`Invalid input: ${fieldErrors.map((error) => `${error.field}: ${error.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

export class EmailTakenError extends AppError {
  readonly code = 'email_taken';
  constructor() {
    super('An account with this e-mail address already exists.');
    this.name = 'EmailTakenError';
  }
}

export class WeakPasswordError extends AppError {
  readonly code = 'weak_password';
  constructor(readonly reason: string) {
    super(`The password is too weak: ${reason}.`);
    this.name = 'WeakPasswordError';
  }
}

export class InvalidResetTokenError extends AppError {
  readonly code = 'invalid_reset_token';
  constructor() {
    super('The link to reset the password is unknown, used or expired.');
    this.name = 'InvalidResetTokenError';
  }
}

export class InvalidCredentialsError extends AppError {
  readonly code = 'invalid_credentials';
  constructor() {
    super('E-mail address or password is wrong.');
    this.name = 'InvalidCredentialsError';
  }
}
