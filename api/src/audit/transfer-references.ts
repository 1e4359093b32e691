// What a transfer belongs to: its reference names an order (the order's id) or a proposal (a
// proposal's id). Read in one query per kind for a page of transfers.
import type { PrismaClient } from '../db/client';
import type { OrderStatus } from '../../../prisma/generated/client/enums';
import { isUuid } from '../shared/global-id';
import { amountText } from '../wallet/cooperative-currency';

export interface ReferencedOrder {
  id: string;
  number: number;
  status: OrderStatus;
  total: string;
  buyerName: string;
  producerName: string;
}

export interface ReferencedProposal {
  id: string;
  title: string;
  kind: string;
}

export interface TransferReferences {
  orders: Map<string, ReferencedOrder>;
  proposals: Map<string, ReferencedProposal>;
}

export async function readTransferReferences(prisma: PrismaClient, references: ReadonlyArray<string | null>): Promise<TransferReferences> {
  const ids = [...new Set(references.filter((reference): reference is string => reference !== null && isUuid(reference)))];
  if (ids.length === 0) return { orders: new Map(), proposals: new Map() };
  const [orders, proposals] = await Promise.all([
    prisma.order.findMany({
      where: { id: { in: ids } },
      select: { id: true, number: true, status: true, total: true, buyer: { select: { displayName: true } }, producer: { select: { displayName: true } } },
    }),
    prisma.proposal.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, kind: true } }),
  ]);
  return {
    orders: new Map(
      orders.map((order) => [
        order.id,
        { id: order.id, number: order.number, status: order.status, total: amountText(order.total), buyerName: order.buyer.displayName, producerName: order.producer.displayName },
      ]),
    ),
    proposals: new Map(proposals.map((proposal) => [proposal.id, proposal])),
  };
}
