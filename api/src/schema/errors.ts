import { builder } from '../builder';
import { EmailTakenError, InvalidCredentialsError, ValidationError, WeakPasswordError, type FieldError } from '../errors';

export const ErrorInterface = builder.interfaceRef<{ code: string; message: string }>('Error').implement({
  description: 'The shared shape of every expected failure. Branch on __typename or code, never on message.',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

const FieldErrorType = builder.objectRef<FieldError>('FieldError').implement({
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Dotted path of the input field, e.g. "email".' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorType], resolve: (error) => error.fieldErrors }),
  }),
});

builder.objectType(EmailTakenError, {
  name: 'EmailTakenError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EmailTakenError,
});

builder.objectType(WeakPasswordError, {
  name: 'WeakPasswordError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof WeakPasswordError,
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
});
