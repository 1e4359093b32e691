// What a logged-in person may do, from their status and roles: the GraphQL auth scopes and the
// downloads outside GraphQL read it here, so both answer the same.
import type { Member } from '../../../prisma/generated/client/client';

export interface Scopes {
  signedIn: boolean;
  member: boolean;
  producer: boolean;
  accountant: boolean;
  admin: boolean;
}

/**
 * Every scope but `signedIn` and `accountant` needs an admitted member (`member`): applicants and
 * declined applicants are logged in but may only read `me`, their notifications (the board's decision
 * among them) and the public pages until the board (or the admission policy) admits them. An external
 * person (an outside auditor: status `external`, never a member) has the accountant role only:
 * reading the books, never trading, voting or acting for the board.
 */
export function scopesOf(person: Pick<Member, 'status' | 'roles'> | null): Scopes {
  const status = person?.status;
  const admitted = status === 'admitted';
  const roles = person?.roles ?? [];
  return {
    signedIn: person !== null,
    member: admitted,
    producer: admitted && roles.includes('producer'),
    accountant: (admitted || status === 'external') && roles.includes('accountant'),
    admin: admitted && roles.includes('admin'),
  };
}
