// Every member has one account in the cooperative currency, found by its code "member:<memberId>".
// Creating it is idempotent: when two requests race, the unique code lets one insert win and the
// other finds the account it wrote.
import type { Account, Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import { cooperativeCurrency } from './cooperative-currency';

export const memberAccountCodePrefix = 'member:';

export function memberAccountCode(memberId: string): string {
  return `${memberAccountCodePrefix}${memberId}`;
}

/** The member id of a member account's code, or null for other accounts. */
export function memberIdOfAccountCode(code: string | null): string | null {
  return code?.startsWith(memberAccountCodePrefix) ? code.slice(memberAccountCodePrefix.length) : null;
}

export async function findMemberAccount(ledger: Ledger, memberId: string): Promise<Account | null> {
  return ledger.findAccountByCode(cooperativeCurrency.code, memberAccountCode(memberId));
}

/**
 * Returns the member's account, creating it with the limits of the credit policy in force when it is
 * missing. Only admitted members reach code that calls this (see the `member` auth scope).
 */
export async function ensureMemberAccount(services: { ledger: Ledger; prisma: PrismaClient }, member: { id: string }): Promise<Account> {
  const { ledger } = services;
  const existing = await findMemberAccount(ledger, member.id);
  if (existing) return existing;
  const { creditLimit, maximumBalance } = (await policyInForce(services.prisma, 'credit')).payload;
  const result = await ledger.createAccount({
    currency: cooperativeCurrency.code,
    type: 'member',
    code: memberAccountCode(member.id),
    // The account keeps the member id only; names are read from the member, which may be erased.
    name: `Member ${member.id}`,
    creditLimit,
    maximumBalance,
  });
  if (result.ok) return result.account;
  if (result.code === 'account_exists') {
    const concurrent = await findMemberAccount(ledger, member.id);
    if (concurrent) return concurrent;
  }
  throw new Error(`The account of member ${member.id} cannot be created: ${result.code}`);
}
