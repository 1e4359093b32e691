// Transfers as an accountant reads them: both sides named, the order or proposal the reference
// names, and for a hold its state (pending, posted, voided, expired). Read for a whole page at once:
// one ledger read of the accounts, one of the holds' states, one query per kind of reference.
import { type Ledger, type PendingState, type Transfer } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { type AuditAccount, describeAccountIds } from './audit-accounts';
import { type ReferencedOrder, type ReferencedProposal, readTransferReferences } from './transfer-references';

export interface AuditTransferLine {
  transfer: Transfer;
  debit: AuditAccount | null;
  credit: AuditAccount | null;
  order: ReferencedOrder | null;
  proposal: ReferencedProposal | null;
  /** For a pending transfer: its state now. */
  holdState: PendingState | null;
}

export async function describeTransfers(services: { prisma: PrismaClient; ledger: Ledger }, transfers: readonly Transfer[]): Promise<AuditTransferLine[]> {
  const pendingIds = transfers.filter((transfer) => transfer.type === 'pending').map((transfer) => transfer.id);
  const [accounts, references, statuses] = await Promise.all([
    describeAccountIds(services, transfers.flatMap((transfer) => [transfer.debitAccountId, transfer.creditAccountId])),
    readTransferReferences(services.prisma, transfers.map((transfer) => transfer.reference)),
    pendingIds.length ? services.ledger.getPendingStatuses(pendingIds) : Promise.resolve([]),
  ]);
  const states = new Map(statuses.map((status) => [status.pending.id, status.state]));
  return transfers.map((transfer) => ({
    transfer,
    debit: accounts.get(transfer.debitAccountId) ?? null,
    credit: accounts.get(transfer.creditAccountId) ?? null,
    order: transfer.reference ? (references.orders.get(transfer.reference) ?? null) : null,
    proposal: transfer.reference ? (references.proposals.get(transfer.reference) ?? null) : null,
    holdState: states.get(transfer.id) ?? null,
  }));
}
