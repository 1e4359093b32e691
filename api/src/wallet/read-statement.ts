// A member's statement as people read it: each entry names the other side of the transfer (a
// member's display name or the system account's name) and the signed change of the balance.
import type { Account, AccountType, Decimal, Ledger, StatementEntry as LedgerStatementEntry, TransferType } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { memberIdOfAccountCode } from './ensure-member-account';

export const statementPageMaximum = 100;
export const statementPageDefault = 20;

export interface StatementEntry {
  transferId: string;
  date: Date;
  /** The other account's owner: a member's display name, or the system account's name. */
  counterpartyName: string;
  /** The other member's id, or null for system accounts. */
  counterpartyMemberId: string | null;
  /** The other account's type: member, fund, escrow or system. */
  counterpartyType: AccountType | null;
  memo: string;
  kind: string;
  type: TransferType;
  /** Change of the posted balance by this transfer (negative when paying); for holds, the held change. */
  amount: Decimal;
  /** Posted balance right after this transfer. */
  balance: Decimal;
}

export interface StatementPage {
  entries: StatementEntry[];
  nextCursor: string | null;
}

export class StatementCursorInvalidError extends Error {
  constructor() {
    super('The statement cursor is not valid.');
    this.name = 'StatementCursorInvalidError';
  }
}

/** Display names of the accounts on the other side, read in one query per source. */
export async function counterpartyNames(prisma: PrismaClient, ledger: Ledger, accountIds: readonly string[]): Promise<Map<string, { name: string; memberId: string | null; type: AccountType }>> {
  const accounts: Account[] = accountIds.length ? await ledger.getAccounts([...new Set(accountIds)]) : [];
  const memberIds = accounts.map((account) => memberIdOfAccountCode(account.code)).filter((id): id is string => id !== null);
  const members = memberIds.length
    ? await prisma.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, displayName: true } })
    : [];
  const memberNames = new Map(members.map((member) => [member.id, member.displayName]));
  return new Map(
    accounts.map((account) => {
      const memberId = memberIdOfAccountCode(account.code);
      const name = memberId ? (memberNames.get(memberId) ?? account.name) : account.name;
      return [account.id, { name, memberId, type: account.type }];
    }),
  );
}

function signedChange(entry: LedgerStatementEntry): Decimal {
  if (!entry.postedChange.isZero()) return entry.postedChange;
  return entry.pendingCreditsChange.minus(entry.pendingDebitsChange);
}

export async function readStatement(
  services: { prisma: PrismaClient; ledger: Ledger },
  accountId: string,
  page: { first: number; after: string | null },
): Promise<StatementPage> {
  const limit = Math.min(Math.max(Math.trunc(page.first), 1), statementPageMaximum);
  const result = await services.ledger.getStatement({ accountId, order: 'desc', limit, cursor: page.after });
  if (!result.ok) {
    if (result.code === 'cursor_invalid') throw new StatementCursorInvalidError();
    throw new Error(`The statement of account ${accountId} cannot be read: ${result.code}`);
  }
  const otherIds = result.entries.map(({ transfer, side }) => (side === 'debit' ? transfer.creditAccountId : transfer.debitAccountId));
  const names = await counterpartyNames(services.prisma, services.ledger, otherIds);
  const entries = result.entries.map((entry, index): StatementEntry => {
    const other = names.get(otherIds[index]!);
    return {
      transferId: entry.transfer.id,
      date: entry.transfer.createdAt,
      counterpartyName: other?.name ?? '',
      counterpartyMemberId: other?.memberId ?? null,
      counterpartyType: other?.type ?? null,
      memo: entry.transfer.memo,
      kind: entry.transfer.kind,
      type: entry.transfer.type,
      amount: signedChange(entry),
      balance: entry.postedBalance,
    };
  });
  return { entries, nextCursor: result.nextCursor };
}
