// A member's statement as people read it: each entry names the other side (a member's display name
// or the system account's name), what it was for, whether it is reserved, booked or released, and
// the signed change of the balance.
import { type Account, type AccountType, Decimal, type Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { isUuid } from '../shared/global-id';
import { memberIdOfAccountCode } from './ensure-member-account';
import { describeStatementEntry, type StatementEntry, type StatementFacts, type StatementOrder } from './statement-entries';

export type { StatementEntry } from './statement-entries';

export const statementPageMaximum = 100;
export const statementPageDefault = 20;

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

/** The orders named by the transfers' references, for the statement of a member who bought or sold. */
async function ordersOf(prisma: PrismaClient, references: ReadonlyArray<string | null>): Promise<Map<string, StatementOrder>> {
  const ids = [...new Set(references.filter((reference): reference is string => reference !== null && isUuid(reference)))];
  if (ids.length === 0) return new Map();
  const orders = await prisma.order.findMany({
    where: { id: { in: ids } },
    select: { id: true, number: true, buyerId: true, producerId: true, contributionAmount: true, buyer: { select: { displayName: true } }, producer: { select: { displayName: true } } },
  });
  return new Map(
    orders.map((order) => [
      order.id,
      {
        id: order.id,
        number: order.number,
        buyerId: order.buyerId,
        producerId: order.producerId,
        buyerName: order.buyer.displayName,
        producerName: order.producer.displayName,
        contributionAmount: order.contributionAmount === null ? null : new Decimal(order.contributionAmount.toString()),
      },
    ]),
  );
}

/**
 * A page of the statement of a member's account, as the member reads it (see statement-entries.ts).
 * Holds that were posted or voided are left out, so a page may hold fewer entries than asked for;
 * the cursor still continues where the ledger's page ended.
 */
export async function readStatement(
  services: { prisma: PrismaClient; ledger: Ledger },
  account: Pick<Account, 'id' | 'code'>,
  page: { first: number; after: string | null },
): Promise<StatementPage> {
  const accountId = account.id;
  const limit = Math.min(Math.max(Math.trunc(page.first), 1), statementPageMaximum);
  const result = await services.ledger.getStatement({ accountId, order: 'desc', limit, cursor: page.after });
  if (!result.ok) {
    if (result.code === 'cursor_invalid') throw new StatementCursorInvalidError();
    throw new Error(`The statement of account ${accountId} cannot be read: ${result.code}`);
  }
  const otherIds = result.entries.map(({ transfer, side }) => (side === 'debit' ? transfer.creditAccountId : transfer.debitAccountId));
  const holdIds = result.entries.filter(({ transfer }) => transfer.type === 'pending').map(({ transfer }) => transfer.id);
  const [names, holdStatuses, orders] = await Promise.all([
    counterpartyNames(services.prisma, services.ledger, otherIds),
    services.ledger.getPendingStatuses(holdIds),
    ordersOf(services.prisma, result.entries.map(({ transfer }) => transfer.reference)),
  ]);
  const facts: StatementFacts = {
    memberId: memberIdOfAccountCode(account.code),
    counterparties: names,
    holdStates: new Map(holdStatuses.map((status) => [status.pending.id, status.state])),
    orders,
  };
  const entries = result.entries.map((entry) => describeStatementEntry(entry, facts)).filter((entry): entry is StatementEntry => entry !== null);
  return { entries, nextCursor: result.nextCursor };
}
