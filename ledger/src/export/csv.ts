// CSV (RFC 4180): one row per transfer of every type, holds and voids included, in sequence order.
// Amounts are plain decimals at the currency's scale; accounts appear by code (and id).
import { formatAmount } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import { type JournalHeader } from './journal-entries';

export const CSV_COLUMNS = [
  'sequence',
  'id',
  'created_at',
  'type',
  'kind',
  'debit_account_id',
  'debit_account_code',
  'credit_account_id',
  'credit_account_code',
  'amount',
  'currency',
  'pending_id',
  'reversal_of_id',
  'expires_at',
  'reference',
  'memo',
] as const;

/** Quotes a field when it holds a comma, a quote, a line break, or could be read as a formula. */
export function csvField(value: string): string {
  if (/^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvTransfer(transfer: Transfer, header: Pick<JournalHeader, 'currency'> & { codeOf: (accountId: string) => string }): string {
  const fields = [
    transfer.sequence.toString(),
    transfer.id,
    transfer.createdAt.toISOString(),
    transfer.type,
    transfer.kind,
    transfer.debitAccountId,
    header.codeOf(transfer.debitAccountId),
    transfer.creditAccountId,
    header.codeOf(transfer.creditAccountId),
    formatAmount(transfer.amount, header.currency.scale),
    transfer.currency,
    transfer.pendingId ?? '',
    transfer.reversalOfId ?? '',
    transfer.expiresAt ? transfer.expiresAt.toISOString() : '',
    transfer.reference ?? '',
    transfer.memo,
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
}
