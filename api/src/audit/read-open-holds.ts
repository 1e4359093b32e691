// readOpenHolds: every hold that is neither posted nor voided yet (the escrow of open orders), oldest
// first, with its age, its order and whether its expiry has passed (the expiry job then voids it),
// and totals that reconcile with the escrow account: the holds towards escrow add up to its pending
// credits, all read in one snapshot of the ledger.
import { type Decimal, type Ledger } from '@allmende/ledger';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { parseInput } from '../shared/input';
import { cooperativeCurrency, escrowAccountCode } from '../wallet/cooperative-currency';
import { type AuditAccount, describeAccounts } from './audit-accounts';
import { type AuditTransferLine, describeTransfers } from './audit-transfers';

export const openHoldsPageDefault = 100;
export const openHoldsPageMaximum = 200;

const openHoldsInputSchema = z.object({
  first: z.number().int().min(1).max(openHoldsPageMaximum).default(openHoldsPageDefault),
  after: z.string().max(200).nullish(),
});

export interface OpenHold {
  line: AuditTransferLine;
  /** Whole days since the hold was written. */
  ageDays: number;
  /** Its expiry has passed; the expiry job voids it. */
  overdue: boolean;
}

export interface OpenHoldsTotal {
  account: AuditAccount;
  count: number;
  amount: Decimal;
  reconciled: boolean;
}

export interface OpenHolds {
  holds: OpenHold[];
  nextCursor: string | null;
  count: number;
  amount: Decimal;
  /** Per account the holds are held for; escrow first. */
  totals: OpenHoldsTotal[];
  /** Every total equals its account's pending credits. */
  reconciled: boolean;
}

const dayMs = 24 * 60 * 60 * 1000;

export async function readOpenHolds(services: { prisma: PrismaClient; ledger: Ledger }, input: z.input<typeof openHoldsInputSchema>, now: Date): Promise<OpenHolds> {
  const page = parseInput(openHoldsInputSchema, input);
  const escrow = await services.ledger.findAccountByCode(cooperativeCurrency.code, escrowAccountCode);
  const result = await services.ledger.listOpenHolds({
    currency: cooperativeCurrency.code,
    alwaysTotalAccountIds: escrow ? [escrow.id] : [],
    limit: page.first,
    cursor: page.after ?? null,
  });
  if (!result.ok) throw new ValidationError([{ field: 'after', message: `The ledger refused the page: ${result.code}`, code: 'invalid', params: {} }]);
  const [lines, accounts] = await Promise.all([describeTransfers(services, result.holds), describeAccounts(services, result.totals.map((total) => total.account))]);
  const totals = result.totals
    .map((total) => ({ account: accounts.get(total.account.id)!, count: total.count, amount: total.amount, reconciled: total.reconciled }))
    .sort((left, right) => Number(right.account.account.code === escrowAccountCode) - Number(left.account.account.code === escrowAccountCode));
  return {
    holds: lines.map((line) => ({
      line,
      ageDays: Math.max(0, Math.floor((now.getTime() - line.transfer.createdAt.getTime()) / dayMs)),
      overdue: line.transfer.expiresAt !== null && line.transfer.expiresAt.getTime() <= now.getTime(),
    })),
    nextCursor: result.nextCursor,
    count: result.count,
    amount: result.amount,
    totals,
    reconciled: totals.every((total) => total.reconciled),
  };
}
