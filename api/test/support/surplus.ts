// Test data for the surplus: a rule in force from a given instant, confirmed orders of a period (the
// turnover a distribution counts; their money is not what the tests are about), and a fund with a
// balance, paid into it by a member through the ledger.
import { randomUUID } from 'node:crypto';
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../../src/db/client';
import type { SurplusPolicy } from '../../src/surplus/policy';
import { amountText, cooperativeCurrency, fundAccountCode } from '../../src/wallet/cooperative-currency';
import { ensureMemberAccount } from '../../src/wallet/ensure-member-account';

/** A surplus rule as a new version in force from `enactedAt`, as a passed vote would write it. */
export async function surplusRuleInForce(prisma: PrismaClient, payload: SurplusPolicy, enactedAt: Date): Promise<void> {
  const latest = await prisma.policyVersion.findFirst({ where: { kind: 'surplus' }, orderBy: { version: 'desc' }, select: { version: true } });
  await prisma.policyVersion.create({ data: { kind: 'surplus', version: (latest?.version ?? 0) + 1, payload, enactedAt, appliedAt: enactedAt } });
}

export async function confirmedOrder(prisma: PrismaClient, buyerId: string, producerId: string, total: string, closedAt: Date): Promise<void> {
  await prisma.order.create({ data: { buyerId, producerId, checkoutKey: randomUUID(), total, status: 'confirmed', placedAt: closedAt, closedAt } });
}

/** Pays the amount from the member's account into the fund (the member's credit line is raised for it). */
export async function payIntoFund(services: { prisma: PrismaClient; ledger: Ledger }, member: { id: string }, amount: string): Promise<void> {
  const { ledger } = services;
  const account = await ensureMemberAccount(services, member);
  const fund = await ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode);
  const limit = await ledger.setAccountLimits(account.id, { creditLimit: '1000000000.00', maximumBalance: null });
  if (!limit.ok) throw new Error(limit.code);
  const result = await ledger.createTransfer({
    type: 'immediate',
    idempotencyKey: `test-fund-${randomUUID()}`,
    debitAccountId: account.id,
    creditAccountId: fund!.id,
    currency: cooperativeCurrency.code,
    amount,
    kind: 'contribution',
  });
  if (!result.ok) throw new Error(result.code);
}

/** The fund's posted balance as text. */
export async function fundBalance(ledger: Ledger): Promise<string> {
  const fund = await ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode);
  return amountText(fund!.creditsPosted.minus(fund!.debitsPosted));
}
