// The hash chain as a file an outside auditor can check without access to the database: JSON lines,
// first a header, then one line per sealed block with its number, the previous block's hash, its own
// hash and the canonical form of each of its transfers (domain/hash-chain.ts), in block order.
// verifyChainExport recomputes every transfer's digest and every block's hash from the file alone and
// checks that the blocks link up from the genesis hash; the last hash it prints is compared with the
// one the cooperative shows (the verification page) or published. checkCsvAgainstChain then shows that
// a CSV export says the same as the sealed transfers, field by field.
//
// Blocks and their transfers never change, so the export reads them page by page without a snapshot
// and stops at the chain head it read first.
import { createHash } from 'node:crypto';
import { type ChainPosition, GENESIS_HASH, blockHash, canonicalTransfer } from '../domain/hash-chain';
import { Decimal } from '../domain/money';
import { type LedgerStoreReader } from '../store';
import { CSV_COLUMNS } from './csv';

export const CHAIN_EXPORT_FORMAT = 'allmende-ledger-chain';
export const CHAIN_EXPORT_VERSION = 1;

export type ChainExportSource = Pick<LedgerStoreReader, 'chainHead' | 'listBlocks' | 'listTransfersBetween'>;

const BLOCK_PAGE = 100;
const TRANSFER_PAGE = 5_000;

export interface ChainExportHeader {
  format: typeof CHAIN_EXPORT_FORMAT;
  version: number;
  blocks: string;
  lastHash: string;
}

export interface ChainExportBlock {
  number: string;
  previousHash: string;
  hash: string;
  sealedAt: string;
  /** The canonical form of each transfer, in block order, exactly as its digest was computed. */
  transfers: string[];
}

export async function* exportChain(
  source: ChainExportSource,
  options: { onProgress?: (progress: { transfersRead: number }) => void | Promise<void> } = {},
): AsyncGenerator<string> {
  const head = await source.chainHead();
  const header: ChainExportHeader = { format: CHAIN_EXPORT_FORMAT, version: CHAIN_EXPORT_VERSION, blocks: head.lastBlockNumber.toString(), lastHash: head.lastHash };
  yield `${JSON.stringify(header)}\n`;
  let previous: ChainPosition = { xid: '0', sequence: 0n };
  let transfersRead = 0;
  for (let afterNumber = 0n; afterNumber < head.lastBlockNumber; ) {
    const blocks = await source.listBlocks({ afterNumber, limit: BLOCK_PAGE });
    if (blocks.length === 0) break;
    for (const block of blocks) {
      if (block.number > head.lastBlockNumber) return;
      const transfers: string[] = [];
      for (let after = previous; ; ) {
        const page = await source.listTransfersBetween(after, block.last, TRANSFER_PAGE);
        for (const transfer of page) transfers.push(canonicalTransfer(transfer));
        if (page.length < TRANSFER_PAGE) break;
        after = page[page.length - 1]!;
      }
      const line: ChainExportBlock = { number: block.number.toString(), previousHash: block.previousHash, hash: block.hash, sealedAt: block.sealedAt.toISOString(), transfers };
      yield `${JSON.stringify(line)}\n`;
      transfersRead += transfers.length;
      await options.onProgress?.({ transfersRead });
      previous = block.last;
      afterNumber = block.number;
    }
  }
}

export type ChainExportVerification =
  | { ok: true; blocks: number; transfers: number; lastBlockNumber: string; lastHash: string; transfersById: Map<string, unknown[]> }
  | { ok: false; line: number; message: string };

/** Checks a chain export line by line; keeps every transfer's fields by id for checkCsvAgainstChain. */
export async function verifyChainExport(lines: AsyncIterable<string> | Iterable<string>): Promise<ChainExportVerification> {
  let lineNumber = 0;
  let header: ChainExportHeader | null = null;
  let previousNumber = 0n;
  let previousHash = GENESIS_HASH;
  let transfers = 0;
  const transfersById = new Map<string, unknown[]>();
  const broken = (message: string) => ({ ok: false as const, line: lineNumber, message });
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return broken('is not JSON');
    }
    if (header === null) {
      const candidate = parsed as Partial<ChainExportHeader>;
      if (candidate.format !== CHAIN_EXPORT_FORMAT || candidate.version !== CHAIN_EXPORT_VERSION) return broken(`is not a header of ${CHAIN_EXPORT_FORMAT} version ${CHAIN_EXPORT_VERSION}`);
      header = candidate as ChainExportHeader;
      continue;
    }
    const block = parsed as Partial<ChainExportBlock>;
    if (typeof block.number !== 'string' || !/^\d+$/.test(block.number) || !Array.isArray(block.transfers) || block.transfers.length === 0) return broken('is not a block');
    const number = BigInt(block.number);
    if (number !== previousNumber + 1n) return broken(`holds block ${number} after block ${previousNumber}`);
    if (block.previousHash !== previousHash) return broken(`block ${number} does not link to the hash of block ${previousNumber}`);
    const digests: Buffer[] = [];
    for (const canonical of block.transfers) {
      if (typeof canonical !== 'string') return broken(`block ${number} holds a transfer that is not text`);
      let fields: unknown;
      try {
        fields = JSON.parse(canonical);
      } catch {
        return broken(`block ${number} holds a transfer that is not JSON`);
      }
      if (!Array.isArray(fields) || fields[0] !== 1 || fields.length !== 17 || typeof fields[1] !== 'string') return broken(`block ${number} holds a transfer not in canonical form version 1`);
      digests.push(createHash('sha256').update(canonical, 'utf8').digest());
      transfersById.set(fields[1], fields);
    }
    const hash = blockHash(number, previousHash, Buffer.concat(digests));
    if (hash !== block.hash) return broken(`block ${number} does not match its hash: a transfer in it or the block itself was changed`);
    previousNumber = number;
    previousHash = hash;
    transfers += block.transfers.length;
  }
  if (header === null) return broken('the file is empty');
  if (BigInt(header.blocks) !== previousNumber || header.lastHash !== previousHash) return broken(`the header announces block ${header.blocks} as the last, the file ends with block ${previousNumber}`);
  return { ok: true, blocks: Number(previousNumber), transfers, lastBlockNumber: previousNumber.toString(), lastHash: previousHash, transfersById };
}

/** Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else field += character;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A CSV field as the exporter wrote it: a formula-looking text got a leading "'". */
function csvText(value: string, original: string | null): boolean {
  if (original === null) return value === '';
  return value === original || (value === `'${original}` && /^[=+\-@\t\r]/.test(original));
}

export type CsvChainCheck =
  | { ok: true; rows: number; sealed: number; unsealed: number }
  | { ok: false; row: number; transferId: string; message: string };

/**
 * Compares every row of a CSV export with the sealed transfer of the same id: sequence, time, type,
 * kind, accounts, amount, currency, references, expiry, reference and memo. Rows of transfers not
 * sealed yet when the chain was exported are counted, not judged.
 */
export function checkCsvAgainstChain(csv: string, transfersById: ReadonlyMap<string, unknown[]>): CsvChainCheck {
  const [header, ...rows] = parseCsv(csv);
  if (!header || header.join(',') !== CSV_COLUMNS.join(',')) return { ok: false, row: 1, transferId: '', message: 'The CSV does not have the columns of an Allmende export' };
  const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  let sealed = 0;
  let unsealed = 0;
  for (const [index, row] of rows.entries()) {
    const id = row[column('id')] ?? '';
    const fields = transfersById.get(id);
    if (!fields) {
      unsealed += 1;
      continue;
    }
    // The canonical form's order: see canonicalTransfer.
    const [, , sequence, , type, debit, credit, currency, amount, pendingId, reversalOfId, , expiresAt, kind, memo, reference, createdAt] = fields as Array<string | number | null>;
    const same =
      row[column('sequence')] === sequence &&
      row[column('created_at')] === createdAt &&
      row[column('type')] === type &&
      csvText(row[column('kind')] ?? '', kind as string) &&
      row[column('debit_account_id')] === debit &&
      row[column('credit_account_id')] === credit &&
      new Decimal(row[column('amount')] || 'NaN').equals(new Decimal(String(amount))) &&
      row[column('currency')] === currency &&
      (row[column('pending_id')] || null) === pendingId &&
      (row[column('reversal_of_id')] || null) === reversalOfId &&
      (row[column('expires_at')] || null) === expiresAt &&
      csvText(row[column('reference')] ?? '', reference as string | null) &&
      csvText(row[column('memo')] ?? '', memo as string);
    if (!same) return { ok: false, row: index + 2, transferId: id, message: `Row ${index + 2} (transfer ${id}) differs from the sealed transfer` };
    sealed += 1;
  }
  return { ok: true, rows: rows.length, sealed, unsealed };
}
