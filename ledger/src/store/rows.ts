// Column lists and row mappers. Every NUMERIC, BIGINT, UUID and xid8 column is read as text, so no
// value passes through a JavaScript number on the way out.
import { type Account, type AccountStatus, type AccountType } from '../domain/account';
import { type Currency } from '../domain/currency';
import { type Block, type ChainHead } from '../domain/hash-chain';
import { decimalFromStorage } from '../domain/money';
import { type Transfer, type TransferType } from '../domain/transfer';
import { type BatchAccount } from '../domain/units';
import { type SealableTransfer } from '../store';

export const currencyColumns = `c.code, c.name, c.symbol, c.scale, c.created_at`;

export interface CurrencyRow {
  code: string;
  name: string;
  symbol: string;
  scale: number;
  created_at: Date;
}

export function currencyFromRow(row: CurrencyRow): Currency {
  return { code: row.code, name: row.name, symbol: row.symbol, scale: Number(row.scale), createdAt: new Date(row.created_at) };
}

export const accountColumns = `a.id::text AS id, a.currency_code, a.type, a.code, a.name,
  a.credit_limit::text AS credit_limit, a.maximum_balance::text AS maximum_balance, a.status,
  a.debits_posted::text AS debits_posted, a.credits_posted::text AS credits_posted,
  a.debits_pending::text AS debits_pending, a.credits_pending::text AS credits_pending,
  a.created_at, a.closed_at`;

export interface AccountRow {
  id: string;
  currency_code: string;
  type: string;
  code: string | null;
  name: string;
  credit_limit: string;
  maximum_balance: string | null;
  status: string;
  debits_posted: string;
  credits_posted: string;
  debits_pending: string;
  credits_pending: string;
  created_at: Date;
  closed_at: Date | null;
}

export function accountFromRow(row: AccountRow): Account {
  return {
    id: row.id,
    currency: row.currency_code,
    type: row.type as AccountType,
    code: row.code,
    name: row.name,
    creditLimit: decimalFromStorage(row.credit_limit),
    maximumBalance: row.maximum_balance === null ? null : decimalFromStorage(row.maximum_balance),
    status: row.status as AccountStatus,
    debitsPosted: decimalFromStorage(row.debits_posted),
    creditsPosted: decimalFromStorage(row.credits_posted),
    debitsPending: decimalFromStorage(row.debits_pending),
    creditsPending: decimalFromStorage(row.credits_pending),
    createdAt: new Date(row.created_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
  };
}

export const transferColumns = `t.id::text AS id, t.sequence::text AS sequence, t.idempotency_key, t.type,
  t.debit_account_id::text AS debit_account_id, t.credit_account_id::text AS credit_account_id,
  t.currency_code, t.amount::text AS amount, t.pending_id::text AS pending_id,
  t.reversal_of_id::text AS reversal_of_id, t.timeout_seconds, t.expires_at, t.kind, t.memo,
  t.reference, t.created_at`;

export interface TransferRow {
  id: string;
  sequence: string;
  idempotency_key: string;
  type: string;
  debit_account_id: string;
  credit_account_id: string;
  currency_code: string;
  amount: string;
  pending_id: string | null;
  reversal_of_id: string | null;
  timeout_seconds: number | null;
  expires_at: Date | null;
  kind: string;
  memo: string;
  reference: string | null;
  created_at: Date;
}

export function transferFromRow(row: TransferRow): Transfer {
  return {
    id: row.id,
    sequence: BigInt(row.sequence),
    idempotencyKey: row.idempotency_key,
    type: row.type as TransferType,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    currency: row.currency_code,
    amount: decimalFromStorage(row.amount),
    pendingId: row.pending_id,
    reversalOfId: row.reversal_of_id,
    timeoutSeconds: row.timeout_seconds === null ? null : Number(row.timeout_seconds),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    kind: row.kind,
    memo: row.memo,
    reference: row.reference,
    createdAt: new Date(row.created_at),
  };
}

export function sealableFromRow(row: TransferRow & { xid: string }): SealableTransfer {
  return { ...transferFromRow(row), xid: row.xid };
}

export const blockColumns = `b.number::text AS number, b.previous_hash, b.hash, b.first_xid::text AS first_xid,
  b.first_sequence::text AS first_sequence, b.last_xid::text AS last_xid, b.last_sequence::text AS last_sequence,
  b.transfer_count, encode(b.transfer_digests, 'hex') AS transfer_digests, b.sealed_at`;

export interface BlockRow {
  number: string;
  previous_hash: string;
  hash: string;
  first_xid: string;
  first_sequence: string;
  last_xid: string;
  last_sequence: string;
  transfer_count: number;
  transfer_digests: string;
  sealed_at: Date;
}

export function blockFromRow(row: BlockRow): Block {
  return {
    number: BigInt(row.number),
    previousHash: row.previous_hash,
    hash: row.hash,
    first: { xid: row.first_xid, sequence: BigInt(row.first_sequence) },
    last: { xid: row.last_xid, sequence: BigInt(row.last_sequence) },
    transferCount: Number(row.transfer_count),
    transferDigests: Buffer.from(row.transfer_digests, 'hex'),
    sealedAt: new Date(row.sealed_at),
  };
}

export const chainHeadColumns = `h.last_block_number::text AS last_block_number, h.last_hash,
  h.last_xid::text AS last_xid, h.last_sequence::text AS last_sequence`;

export interface ChainHeadRow {
  last_block_number: string;
  last_hash: string;
  last_xid: string;
  last_sequence: string;
}

export function chainHeadFromRow(row: ChainHeadRow): ChainHead {
  return {
    lastBlockNumber: BigInt(row.last_block_number),
    lastHash: row.last_hash,
    last: { xid: row.last_xid, sequence: BigInt(row.last_sequence) },
  };
}

/**
 * The same columns as JSON arrays, for statements that return rows of several kinds at once. Every
 * number that is money or a sequence is cast to text first, so JSON never carries it as a number.
 */
/** A BatchAccount as a JSON array; `extra` columns may follow (batchAccountFromJson ignores them). */
export const batchAccountJson = (alias: string, extra = '') => `json_build_array(${alias}.id, ${alias}.currency_code,
  ${alias}.status, ${alias}.credit_limit::text, ${alias}.maximum_balance::text, ${alias}.debits_posted::text,
  ${alias}.credits_posted::text, ${alias}.debits_pending::text, ${alias}.credits_pending::text${extra})`;

type JsonBatchAccount = [string, string, string, string, string | null, string, string, string, string];

export function batchAccountFromJson(value: unknown): BatchAccount {
  const [id, currency, status, creditLimit, maximumBalance, debitsPosted, creditsPosted, debitsPending, creditsPending] = value as JsonBatchAccount;
  return { id, currency, status: status as AccountStatus, creditLimit, maximumBalance, debitsPosted, creditsPosted, debitsPending, creditsPending };
}

export const transferJson = (alias: string) => `json_build_array(${alias}.id, ${alias}.sequence::text,
  ${alias}.idempotency_key, ${alias}.type, ${alias}.debit_account_id, ${alias}.credit_account_id, ${alias}.currency_code,
  ${alias}.amount::text, ${alias}.pending_id, ${alias}.reversal_of_id, ${alias}.timeout_seconds, ${alias}.expires_at,
  ${alias}.kind, ${alias}.memo, ${alias}.reference, ${alias}.created_at)`;

type JsonTransfer = [string, string, string, string, string, string, string, string, string | null, string | null, number | null, string | null, string, string, string | null, string];

export function transferFromJson(value: unknown): Transfer {
  const [id, sequence, key, type, debit, credit, currency, amount, pendingId, reversalOfId, timeoutSeconds, expiresAt, kind, memo, reference, createdAt] =
    value as JsonTransfer;
  return transferFromRow({
    id,
    sequence,
    idempotency_key: key,
    type,
    debit_account_id: debit,
    credit_account_id: credit,
    currency_code: currency,
    amount,
    pending_id: pendingId,
    reversal_of_id: reversalOfId,
    timeout_seconds: timeoutSeconds,
    expires_at: expiresAt === null ? null : new Date(expiresAt),
    kind,
    memo,
    reference,
    created_at: new Date(createdAt),
  });
}

/** Timestamps go to the database as ISO text, cast there; the value stays exact to the millisecond. */
export function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
