import { builder } from '../builder';
import { fieldProblemCodes } from '../shared/rules/field-problems';
import { EmailTakenError, InvalidCredentialsError, ValidationError, WeakPasswordError, type FieldError } from '../errors';

export const ErrorInterface = builder.interfaceRef<{ code: string; message: string }>('Error').implement({
  description: 'The shared shape of every expected failure. Branch on __typename or code, never on message.',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

const FieldErrorCodeEnum = builder.enumType('FieldErrorCode', {
  description: 'What is wrong with an input field; clients word it in their own language.',
  values: fieldProblemCodes,
});

const FieldErrorParamType = builder.objectRef<{ name: string; value: string }>('FieldErrorParam').implement({
  description: 'A parameter of a field error, e.g. min = "3" for too_short.',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.exposeString('value'),
  }),
});

const FieldErrorType = builder.objectRef<FieldError>('FieldError').implement({
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Dotted path of the input field, e.g. "email".' }),
    code: t.field({ type: FieldErrorCodeEnum, resolve: (error) => error.code }),
    params: t.field({
      type: [FieldErrorParamType],
      description: 'The parameters of the code, e.g. the minimum length.',
      resolve: (error) => Object.entries(error.params).map(([name, value]) => ({ name, value: String(value) })),
    }),
    message: t.exposeString('message', { description: 'The problem in English; forms word the code instead.' }),
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
