// readTransfer: one transfer opened for an accountant: both sides, the order or proposal it belongs
// to, its place in the hash chain, and the transfers it is linked with: the hold a post or void
// resolves (or the post or void that resolved this hold), the transfer a reversal reverses, and the
// other transfers with the same reference (an order's hold, post, payout and contribution).
import { type Ledger, type TransferBlock } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { type AuditTransferLine, describeTransfers } from './audit-transfers';

export const relatedTransfersMaximum = 50;

export interface AuditTransferDetail {
  line: AuditTransferLine;
  block: TransferBlock | null;
  /** Linked by the ledger: the hold, its resolution, the reversed transfer. */
  linked: AuditTransferLine[];
  /** Other transfers with the same reference, oldest first (at most 50), without the linked ones. */
  sameReference: AuditTransferLine[];
}

export async function readTransfer(services: { prisma: PrismaClient; ledger: Ledger }, transferId: string): Promise<AuditTransferDetail | null> {
  const transfer = await services.ledger.getTransfer(transferId);
  if (!transfer) return null;
  const linkedIds = [transfer.pendingId, transfer.reversalOfId].filter((id): id is string => id !== null);
  const [block, linkedTransfers, status, sameReference] = await Promise.all([
    services.ledger.findTransferBlock(transfer.id),
    Promise.all(linkedIds.map((id) => services.ledger.getTransfer(id))),
    transfer.type === 'pending' ? services.ledger.getPendingStatus(transfer.id) : Promise.resolve(null),
    transfer.reference
      ? services.ledger.listJournal({ currency: cooperativeCurrency.code, reference: transfer.reference, order: 'asc', limit: relatedTransfersMaximum + 1 })
      : Promise.resolve(null),
  ]);
  const linked = [...linkedTransfers, status?.resolution ?? null].filter((item): item is NonNullable<typeof item> => item !== null);
  // The transfer itself and the ones linked to it are shown already.
  const shown = new Set([transfer.id, ...linked.map((item) => item.id)]);
  const related = sameReference?.ok ? sameReference.transfers.filter((item) => !shown.has(item.id)).slice(0, relatedTransfersMaximum) : [];
  const described = await describeTransfers(services, [transfer, ...linked, ...related]);
  return {
    line: described[0]!,
    block,
    linked: described.slice(1, 1 + linked.length),
    sameReference: described.slice(1 + linked.length),
  };
}
