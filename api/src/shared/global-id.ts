// Global ids (Relay's base64 "Type:id") and the row ids inside them. Use cases take row ids; the
// GraphQL layer and the few use cases that accept a client's id in either form decode them here.
import { decodeGlobalID } from '@pothos/plugin-relay';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/**
 * The row id inside a global ID of one of the given types, or null when the ID is malformed or of
 * another type (callers answer that like an unknown id).
 */
export function rowIdOf(globalId: string, typenames: readonly string[]): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typenames.includes(typename) && isUuid(id) ? id : null;
  } catch {
    return null;
  }
}
