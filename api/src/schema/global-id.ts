import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type { Context } from '../context';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The row id inside a global ID of one of the given types, or null when the ID is malformed or of
 * another type (callers answer that like an unknown id).
 */
export function rowIdOf(globalId: string, typenames: readonly string[]): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typenames.includes(typename) && uuidPattern.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The logged-in member; only for fields whose auth scopes already require one. */
export function memberOf(context: Context): NonNullable<Context['member']> {
  if (!context.member) throw new GraphQLError('Please log in first.', { extensions: { code: 'UNAUTHENTICATED' } });
  return context.member;
}
