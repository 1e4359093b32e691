// Sets up the Pothos schema builder: plugins, scalars and context. Types live in src/schema/.
import SchemaBuilder from '@pothos/core';
import { scopesOf, type Scopes } from './members/scopes';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { Decimal } from 'decimal.js';
import type PrismaTypes from '../../prisma/generated/pothos-types';
import { getDatamodel } from '../../prisma/generated/pothos-types';
import type { Context } from './context';
import type { z } from 'zod';
import { ValidationError } from './errors';
import { fieldProblemOf } from './shared/rules/field-problems';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: Scopes;
  AuthContexts: { signedIn: Context & { member: NonNullable<Context['member']> }; member: Context & { member: NonNullable<Context['member']> } };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: Decimal | string };
    File: { Input: File; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (context) => scopesOf(context.member),
    unauthorizedError: (_parent, context) =>
      !context.member
        ? new GraphQLError('Please log in first.', { extensions: { code: 'UNAUTHENTICATED' } })
        : context.member.status === 'applicant' || context.member.status === 'declined'
          ? new GraphQLError('Your membership has not been admitted.', { extensions: { code: 'NOT_ADMITTED' } })
          : new GraphQLError('You are not allowed to do this.', { extensions: { code: 'FORBIDDEN' } }),
  },
  // Input validation failures become typed results too. They are returned before field authorization
  // runs, which only reveals what was wrong with the caller's own input.
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true },
  // Argument validation failures become the same typed ValidationError as the use cases raise. Field
  // paths are named within the mutation's single `input` argument, e.g. "email".
  validation: {
    // The schemas are zod's, so each issue is a zod issue and has its field problem. The plugin hands
    // them over as objects whose prototype is zod's issue, with the path to the argument added.
    validationError: (result, args) =>
      new ValidationError(
        result.issues.map((issue) => {
          const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment));
          const found = fieldProblemOf(Object.create(issue, { path: { value: path } }) as z.core.$ZodIssue, args);
          if (path[0] === 'input' && path.length > 1) path.shift();
          return { field: path.join('.') || 'input', message: issue.message, ...found };
        }),
      ),
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
});

builder.queryType({});
builder.mutationType({});
