// Beancount format: option lines, the commodity, an `open` directive for every account (restricted to
// the currency), an optional opening-balance entry, one transaction per posted movement, then a
// `balance` assertion per account for the end of the last day.
import { type Decimal, formatAmount } from '../domain/money';
import { type Transfer } from '../domain/transfer';
import { type JournalClosing, type JournalHeader, type JournalOpening, nextDay, singleLine } from './journal-entries';

/** A double-quoted beancount string. */
export function beancountString(text: string): string {
  return `"${singleLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function amountText(amount: Decimal, header: JournalHeader): string {
  return `${formatAmount(amount, header.currency.scale)} ${header.currency.code}`;
}

export function beancountHeader(header: JournalHeader): string {
  const code = header.currency.code;
  const lines = [
    `; Allmende ledger export: ${singleLine(header.currency.name)} (${code})`,
    '; Posted movements only (holds and voids are left out); a positive amount is money the account received.',
  ];
  if (header.period.from || header.period.to) lines.push(`; Period: ${header.period.from ?? 'start'} to ${header.period.to ?? 'now'}`);
  lines.push(
    '',
    `option "title" ${beancountString(`Allmende ${header.currency.name}`)}`,
    `option "operating_currency" "${code}"`,
    '',
    `${header.openDate} commodity ${code}`,
    `  name: ${beancountString(header.currency.name)}`,
    '',
  );
  for (const account of header.accounts) lines.push(`${header.openDate} open ${header.nameOf(account.id)} ${code}`);
  return `${lines.join('\n')}\n\n`;
}

export function beancountOpening(opening: JournalOpening, header: JournalHeader): string {
  if (opening.balances.length === 0) return '';
  const lines = [`${opening.date} * "Opening balances"`];
  for (const { accountId, balance } of opening.balances) lines.push(`  ${header.nameOf(accountId)}  ${amountText(balance, header)}`);
  return `${lines.join('\n')}\n\n`;
}

export function beancountTransfer(transfer: Transfer, date: string, header: JournalHeader): string {
  const lines = [
    `${date} * ${beancountString(transfer.kind)} ${beancountString(transfer.memo)}`,
    `  id: "${transfer.id}"`,
    `  sequence: ${transfer.sequence}`,
    `  type: "${transfer.type}"`,
  ];
  if (transfer.reference) lines.push(`  reference: ${beancountString(transfer.reference)}`);
  if (transfer.pendingId) lines.push(`  pending: "${transfer.pendingId}"`);
  if (transfer.reversalOfId) lines.push(`  reverses: "${transfer.reversalOfId}"`);
  lines.push(
    `  ${header.nameOf(transfer.creditAccountId)}  ${amountText(transfer.amount, header)}`,
    `  ${header.nameOf(transfer.debitAccountId)}  ${amountText(transfer.amount.negated(), header)}`,
  );
  return `${lines.join('\n')}\n\n`;
}

/** A beancount `balance` directive checks the balance at the start of its date: the day after the closing date. */
export function beancountClosing(closing: JournalClosing, header: JournalHeader): string {
  const date = nextDay(closing.date);
  return closing.balances.map(({ accountId, balance }) => `${date} balance ${header.nameOf(accountId)}  ${amountText(balance, header)}\n`).join('');
}
