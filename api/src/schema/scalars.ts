import { Decimal } from 'decimal.js';
import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder';

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 format, e.g. 2026-11-24T10:00:00.000Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string.');
    return date;
  },
});

const decimalPattern = /^-?\d{1,20}(\.\d{1,18})?$/;

builder.scalarType('Decimal', {
  description: 'A decimal number as a string, e.g. "12.50". Amounts of money are never floats.',
  serialize: (value) => (value instanceof Decimal ? value.toFixed() : String(value)),
  parseValue: (value) => {
    if (typeof value !== 'string' || !decimalPattern.test(value)) {
      throw new GraphQLError('Decimal must be a string like "12.50".');
    }
    return value;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING || !decimalPattern.test(node.value)) {
      throw new GraphQLError('Decimal must be a string like "12.50".');
    }
    return node.value;
  },
});
