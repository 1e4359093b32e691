// hledger journal format: commodity and account declarations (so `hledger check --strict` passes),
// an optional opening-balance entry, one transaction per posted movement, then a transaction of balance
// assertions (a zero posting with `= balance` per account) at the end of the last day.
import { Decimal, formatAmount } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import { type JournalClosing, type JournalHeader, type JournalOpening, singleLine } from './journal-entries';

/** Commodity symbols with anything but letters must be quoted in hledger. */
export function hledgerCommodity(code: string): string {
  return /^[A-Za-z]+$/.test(code) ? code : `"${code}"`;
}

function amountText(amount: Decimal, header: JournalHeader): string {
  return `${formatAmount(amount, header.currency.scale)} ${hledgerCommodity(header.currency.code)}`;
}

export function hledgerHeader(header: JournalHeader): string {
  const lines = [
    `; Allmende ledger export: ${singleLine(header.currency.name)} (${header.currency.code})`,
    '; Posted movements only (holds and voids are left out); a positive amount is money the account received.',
  ];
  if (header.period.from || header.period.to) lines.push(`; Period: ${header.period.from ?? 'start'} to ${header.period.to ?? 'now'}`);
  // The commodity directive also fixes the display precision to the currency's scale.
  lines.push('', `commodity ${amountText(new Decimal(1000), header)}`, '');
  for (const account of header.accounts) lines.push(`account ${header.nameOf(account.id)}`);
  return `${lines.join('\n')}\n\n`;
}

export function hledgerOpening(opening: JournalOpening, header: JournalHeader): string {
  if (opening.balances.length === 0) return '';
  const lines = [`${opening.date} opening balances`];
  for (const { accountId, balance } of opening.balances) lines.push(`    ${header.nameOf(accountId)}  ${amountText(balance, header)}`);
  return `${lines.join('\n')}\n\n`;
}

/** Tag values end at a comma in hledger, and a description must not start a comment. */
function tagValue(text: string): string {
  return singleLine(text).replace(/,/g, ' ');
}

export function hledgerTransfer(transfer: Transfer, date: string, header: JournalHeader): string {
  const description = singleLine(transfer.memo ? `${transfer.kind} | ${transfer.memo}` : transfer.kind).replace(/;/g, ',');
  const tags = [`id:${transfer.id}`, `sequence:${transfer.sequence}`, `type:${transfer.type}`];
  if (transfer.reference) tags.push(`reference:${tagValue(transfer.reference)}`);
  if (transfer.pendingId) tags.push(`pending:${transfer.pendingId}`);
  if (transfer.reversalOfId) tags.push(`reverses:${transfer.reversalOfId}`);
  return [
    `${date} ${description}  ; ${tags.join(', ')}`,
    `    ${header.nameOf(transfer.creditAccountId)}  ${amountText(transfer.amount, header)}`,
    `    ${header.nameOf(transfer.debitAccountId)}  ${amountText(transfer.amount.negated(), header)}`,
    '',
    '',
  ].join('\n');
}

/**
 * Balance assertions at the end of the closing date: hledger checks assertions in date order and, on
 * one date, in the order of the file, so this entry, written after every entry of its date, sees them all.
 */
export function hledgerClosing(closing: JournalClosing, header: JournalHeader): string {
  if (closing.balances.length === 0) return '';
  const lines = [`${closing.date} closing balance assertions`];
  for (const { accountId, balance } of closing.balances) {
    lines.push(`    ${header.nameOf(accountId)}  ${amountText(new Decimal(0), header)} = ${amountText(balance, header)}`);
  }
  return `${lines.join('\n')}\n`;
}
