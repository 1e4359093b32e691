import { GraphQLError } from 'graphql';
import type { Context } from '../context';

/** The logged-in member; only for fields whose auth scopes already require one. */
export function memberOf(context: Context): NonNullable<Context['member']> {
  if (!context.member) throw new GraphQLError('Please log in first.', { extensions: { code: 'UNAUTHENTICATED' } });
  return context.member;
}
