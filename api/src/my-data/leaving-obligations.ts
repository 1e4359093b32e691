// What must be settled before a member can leave: a balance other than zero (the cooperative's
// mutual credit must balance, so a debt is paid by selling or receiving credits and a surplus spent or
// given away), holds on the account, orders still open as buyer or as producer, and open needs.
import type { Decimal, Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { amountText } from '../wallet/cooperative-currency';
import { findMemberAccount } from '../wallet/ensure-member-account';

/** The states of an order that still expect a step from someone (see orders/order-status.ts). */
export const openOrderStatuses = ['placing', 'placed', 'accepted', 'fulfilled', 'disputed'] as const;

/** At most this many order numbers are listed per obligation; the count is always complete. */
export const listedOrderNumbersMax = 20;

/** In the order the leaving page lists them. */
export type LeavingObligation =
  | { kind: 'balance'; amount: string }
  | { kind: 'outgoing_holds'; amount: string }
  | { kind: 'incoming_holds'; amount: string }
  | { kind: 'open_orders_as_buyer'; count: number; orderNumbers: number[] }
  | { kind: 'open_orders_as_producer'; count: number; orderNumbers: number[] }
  | { kind: 'open_needs'; count: number };

export interface AccountFigures {
  posted: Decimal;
  pendingDebits: Decimal;
  pendingCredits: Decimal;
}

/** The ledger's part: what the member's account still holds. No account means nothing. */
export async function readAccountFigures(ledger: Ledger, memberId: string): Promise<AccountFigures | null> {
  const account = await findMemberAccount(ledger, memberId);
  if (!account) return null;
  const [balance] = await ledger.getBalances([account.id]);
  if (!balance) return null;
  return { posted: balance.posted, pendingDebits: balance.pendingDebits, pendingCredits: balance.pendingCredits };
}

export function accountObligations(figures: AccountFigures | null): LeavingObligation[] {
  if (!figures) return [];
  const obligations: LeavingObligation[] = [];
  if (!figures.posted.isZero()) obligations.push({ kind: 'balance', amount: amountText(figures.posted) });
  if (!figures.pendingDebits.isZero()) obligations.push({ kind: 'outgoing_holds', amount: amountText(figures.pendingDebits) });
  if (!figures.pendingCredits.isZero()) obligations.push({ kind: 'incoming_holds', amount: amountText(figures.pendingCredits) });
  return obligations;
}

type Reader = Pick<PrismaClient, 'order' | 'need'>;

/** The marketplace's part: open orders on either side and open needs, read with the given client. */
export async function marketplaceObligations(prisma: Reader, memberId: string, now: Date): Promise<LeavingObligation[]> {
  const openOrders = async (side: 'buyerId' | 'producerId') => {
    const where = { [side]: memberId, status: { in: [...openOrderStatuses] } };
    // One statement after the other: the reader may be a transaction, which runs them in turn anyway.
    const count = await prisma.order.count({ where });
    const listed = count === 0 ? [] : await prisma.order.findMany({ where, select: { number: true }, orderBy: { number: 'asc' }, take: listedOrderNumbersMax });
    return { count, orderNumbers: listed.map((order) => order.number) };
  };
  const asBuyer = await openOrders('buyerId');
  const asProducer = await openOrders('producerId');
  const needs = await prisma.need.count({ where: { memberId, closedAt: null, expiresAt: { gt: now } } });
  const obligations: LeavingObligation[] = [];
  if (asBuyer.count > 0) obligations.push({ kind: 'open_orders_as_buyer', ...asBuyer });
  if (asProducer.count > 0) obligations.push({ kind: 'open_orders_as_producer', ...asProducer });
  if (needs > 0) obligations.push({ kind: 'open_needs', count: needs });
  return obligations;
}

/** Everything that stands between the member and leaving; empty when they may leave now. */
export async function readLeavingObligations(services: { prisma: PrismaClient; ledger: Ledger }, memberId: string, now = new Date()): Promise<LeavingObligation[]> {
  const [account, marketplace] = await Promise.all([readAccountFigures(services.ledger, memberId), marketplaceObligations(services.prisma, memberId, now)]);
  return [...accountObligations(account), ...marketplace];
}
