// readAccountStatement: any account's statement for a period, for accountants: the balance when the
// period opens, every transfer written in it (oldest first) with the running balance and the other
// side named, and the balance when it closes. Member, fund, escrow and system accounts alike.
import { type Decimal, type Ledger, type StatementEntry } from '@allmende/ledger';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { isUuid } from '../shared/global-id';
import { parseInput } from '../shared/input';
import { problem } from '../shared/rules/field-problems';
import { type AuditAccount, describeAccounts } from './audit-accounts';
import { type AuditTransferLine, describeTransfers } from './audit-transfers';

export const accountStatementPageDefault = 100;
export const accountStatementPageMaximum = 200;

export const accountStatementInputSchema = z
  .object({
    accountId: z.string().trim().refine(isUuid, problem('invalid')),
    from: z.date().nullish(),
    to: z.date().nullish(),
    first: z.number().int().min(1).max(accountStatementPageMaximum).default(accountStatementPageDefault),
    after: z.string().max(200).nullish(),
  })
  .refine((input) => !input.from || !input.to || input.from < input.to, { path: ['to'], ...problem('invalid_date', {}, 'must be after from') });

export type AccountStatementInput = z.input<typeof accountStatementInputSchema>;

export interface AuditStatementEntry extends Omit<StatementEntry, 'transfer'> {
  line: AuditTransferLine;
}

export interface AuditAccountStatement {
  account: AuditAccount;
  from: Date | null;
  to: Date | null;
  openingBalance: Decimal;
  closingBalance: Decimal;
  entries: AuditStatementEntry[];
  nextCursor: string | null;
}

/** The statement, or null when no account has the id. */
export async function readAccountStatement(services: { prisma: PrismaClient; ledger: Ledger }, input: AccountStatementInput): Promise<AuditAccountStatement | null> {
  const query = parseInput(accountStatementInputSchema, input);
  const result = await services.ledger.getPeriodStatement({ accountId: query.accountId, from: query.from ?? null, to: query.to ?? null, limit: query.first, cursor: query.after ?? null });
  if (!result.ok) {
    if (result.code === 'account_not_found') return null;
    throw new ValidationError([{ field: result.code === 'cursor_invalid' ? 'after' : 'to', message: `The ledger refused the statement: ${result.code}`, code: 'invalid', params: {} }]);
  }
  const [account, lines] = await Promise.all([
    describeAccounts(services, [result.account]),
    describeTransfers(
      services,
      result.entries.map((entry) => entry.transfer),
    ),
  ]);
  return {
    account: account.get(result.account.id)!,
    from: result.from,
    to: result.to,
    openingBalance: result.openingBalance,
    closingBalance: result.closingBalance,
    entries: result.entries.map(({ transfer: _transfer, ...entry }, index) => ({ ...entry, line: lines[index]! })),
    nextCursor: result.nextCursor,
  };
}
