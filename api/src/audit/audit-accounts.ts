// The accounts as an accountant reads them: every account of the cooperative currency (members, the
// fund, escrow and any other system account) with its name, balances and limits. Member accounts
// keep only the member id; the name is read from the member (and is the account's own name once the
// member is gone).
import { type Account, type AccountBalance, type Ledger, balanceOf } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { memberIdOfAccountCode } from '../wallet/ensure-member-account';

export interface AuditAccount {
  account: Account;
  balance: AccountBalance;
  /** The member's display name, or the system account's name. */
  displayName: string;
  memberId: string | null;
}

/** The order in which account types are listed: the cooperative's own accounts first. */
export const accountTypeOrder = ['fund', 'escrow', 'system', 'member'] as const;

export const auditAccountsPageMaximum = 1000;

/** Names and balances of the given accounts, by id. */
export async function describeAccounts(services: { prisma: PrismaClient; ledger: Ledger }, accounts: readonly Account[]): Promise<Map<string, AuditAccount>> {
  const memberIds = [...new Set(accounts.map((account) => memberIdOfAccountCode(account.code)).filter((id): id is string => id !== null))];
  const members = memberIds.length ? await services.prisma.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(members.map((member) => [member.id, member.displayName]));
  return new Map(
    accounts.map((account) => {
      const memberId = memberIdOfAccountCode(account.code);
      return [account.id, { account, balance: balanceOf(account), displayName: (memberId && names.get(memberId)) || account.name, memberId }];
    }),
  );
}

/** The accounts with these ids, described; unknown ids are left out. */
export async function describeAccountIds(services: { prisma: PrismaClient; ledger: Ledger }, accountIds: readonly string[]): Promise<Map<string, AuditAccount>> {
  const unique = [...new Set(accountIds)];
  return unique.length ? describeAccounts(services, await services.ledger.getAccounts(unique)) : new Map();
}

export function compareAuditAccounts(left: AuditAccount, right: AuditAccount): number {
  return accountTypeOrder.indexOf(left.account.type) - accountTypeOrder.indexOf(right.account.type) || left.displayName.localeCompare(right.displayName, 'de');
}

/**
 * A page of the accounts (in id order, up to 1,000), each described, the cooperative's own accounts
 * first and members by name within the page; `after` is the previous page's last account id.
 */
export async function listAuditAccounts(
  services: { prisma: PrismaClient; ledger: Ledger },
  page: { after: string | null },
): Promise<{ accounts: AuditAccount[]; nextAfter: string | null }> {
  const accounts = await services.ledger.listAccounts({ currency: cooperativeCurrency.code, afterId: page.after, limit: auditAccountsPageMaximum });
  const described = await describeAccounts(services, accounts);
  const last = accounts[accounts.length - 1];
  return { accounts: [...described.values()].sort(compareAuditAccounts), nextAfter: accounts.length === auditAccountsPageMaximum && last ? last.id : null };
}
