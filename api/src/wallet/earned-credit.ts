// Earned credit: with the credit policy's `earned` part, a member's credit limit is the policy's
// limit plus a share of the member's confirmed sales over the last months, at most the cap more:
//
//   limit = credit limit + min(cap, ⌊sales in the last `months` months × share⌋)
//
// Recomputed for every open member account by the credit-earned-limits job and whenever a credit
// policy is applied. A lower limit never pushes an existing balance into violation: the ledger only
// refuses further spending below it.
import { Decimal, type Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { policyInForce, type PolicyVersionOf } from '../governance/policies';
import { amountOfUnits, unitsOf } from '../surplus/units';
import { cooperativeCurrency } from './cooperative-currency';
import { memberIdOfAccountCode } from './ensure-member-account';

const accountsPerPage = 500;
type CreditPolicy = PolicyVersionOf<'credit'>['payload'];

/** The first instant of the sales window: `months` calendar months before now. */
export function earnedWindowStart(months: number, now: Date): Date {
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - months);
  return start;
}

/** What the sales add to the limit, in whole units. */
export function earnedUnits(policy: CreditPolicy, salesUnits: bigint): bigint {
  if (!policy.earned || salesUnits <= 0n) return 0n;
  const basisPoints = BigInt(new Decimal(policy.earned.share).times(10_000).toFixed(0));
  const earned = (salesUnits * basisPoints) / 10_000n;
  const cap = unitsOf(policy.earned.cap);
  return earned < cap ? earned : cap;
}

/** The credit limit a member with these sales has under the policy, as amount text. */
export function creditLimitOf(policy: CreditPolicy, salesUnits: bigint): string {
  return amountOfUnits(unitsOf(policy.creditLimit) + earnedUnits(policy, salesUnits));
}

/** Confirmed sales per producer since the instant, in whole units. */
export async function salesSince(prisma: PrismaClient, since: Date, producerId?: string): Promise<Map<string, bigint>> {
  const rows = producerId
    ? await prisma.$queryRaw<{ producerId: string; sales: string }[]>`
        SELECT "producerId"::text AS "producerId", (sum(total) * 100)::bigint::text AS sales FROM "Order"
        WHERE status = 'confirmed' AND "closedAt" >= ${since} AND "producerId" = ${producerId}::uuid GROUP BY "producerId"`
    : await prisma.$queryRaw<{ producerId: string; sales: string }[]>`
        SELECT "producerId"::text AS "producerId", (sum(total) * 100)::bigint::text AS sales FROM "Order"
        WHERE status = 'confirmed' AND "closedAt" >= ${since} GROUP BY "producerId"`;
  return new Map(rows.map((row) => [row.producerId, BigInt(row.sales)]));
}

export interface CreditLimitExplanation {
  base: string;
  earned: string;
  limit: string;
  /** The member's confirmed sales in the window; null without earned credit. */
  sales: string | null;
  share: string | null;
  months: number | null;
  cap: string | null;
}

/** How the member's limit is computed under the credit policy in force. */
export async function creditLimitExplanation(prisma: PrismaClient, memberId: string, now = new Date()): Promise<CreditLimitExplanation> {
  const policy = (await policyInForce(prisma, 'credit', now)).payload;
  const base = amountOfUnits(unitsOf(policy.creditLimit));
  if (!policy.earned) return { base, earned: '0.00', limit: base, sales: null, share: null, months: null, cap: null };
  const sales = (await salesSince(prisma, earnedWindowStart(policy.earned.months, now), memberId)).get(memberId) ?? 0n;
  return {
    base,
    earned: amountOfUnits(earnedUnits(policy, sales)),
    limit: creditLimitOf(policy, sales),
    sales: amountOfUnits(sales),
    share: policy.earned.share,
    months: policy.earned.months,
    cap: amountOfUnits(unitsOf(policy.earned.cap)),
  };
}

/**
 * Sets every open member account's limits to what the policy gives it (its sales counted for earned
 * credit); returns the accounts changed. Setting a limit an account has changes nothing.
 */
export async function applyCreditLimits(services: { prisma: PrismaClient; ledger: Ledger }, policy: CreditPolicy, now = new Date()): Promise<number> {
  const { prisma, ledger } = services;
  const sales = policy.earned ? await salesSince(prisma, earnedWindowStart(policy.earned.months, now)) : new Map<string, bigint>();
  const { maximumBalance } = policy;
  let changed = 0;
  let afterId: string | null = null;
  for (;;) {
    const accounts = await ledger.listAccounts({ currency: cooperativeCurrency.code, afterId, limit: accountsPerPage });
    for (const account of accounts) {
      const memberId = memberIdOfAccountCode(account.code);
      if (!memberId || account.status === 'closed') continue;
      const creditLimit = creditLimitOf(policy, sales.get(memberId) ?? 0n);
      const limitsMatch = account.creditLimit.equals(creditLimit) && (maximumBalance === null ? account.maximumBalance === null : account.maximumBalance?.equals(maximumBalance));
      if (limitsMatch) continue;
      const result = await ledger.setAccountLimits(account.id, { creditLimit, maximumBalance });
      if (!result.ok && result.code !== 'account_closed') throw new Error(`The limits of account ${account.id} cannot be set: ${result.code}`);
      if (result.ok) changed += 1;
    }
    if (accounts.length < accountsPerPage) return changed;
    afterId = accounts.at(-1)!.id;
  }
}

/** The job's step: recomputes earned credit under the policy in force; nothing without earned credit. */
export async function recomputeEarnedCredit(services: { prisma: PrismaClient; ledger: Ledger }, now = new Date()): Promise<number> {
  const policy = await policyInForce(services.prisma, 'credit', now);
  if (!policy.payload.earned) return 0;
  return applyCreditLimits(services, policy.payload, now);
}
