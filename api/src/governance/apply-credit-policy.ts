// A credit policy enacted by vote applies to every admitted member's account, including those opened
// before. Limits live in the ledger, which commits in its own transactions, so the version is marked
// applied only after every account has its limits; until then the governance sweep runs this again
// (setting a limit an account already has changes nothing). A lower limit never forces a balance into
// violation: the ledger only refuses further spending below it. With earned credit, each account's
// limit counts its sales (api/src/wallet/earned-credit.ts).
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { applyCreditLimits } from '../wallet/earned-credit';
import { policyInForce } from './policies';

/** Applies the credit policy in force when it is not applied yet; returns the accounts changed. */
export async function applyCreditPolicy(services: { prisma: PrismaClient; ledger: Ledger }, now = new Date()): Promise<number> {
  const { prisma } = services;
  const policy = await policyInForce(prisma, 'credit', now);
  const version = await prisma.policyVersion.findUniqueOrThrow({ where: { id: policy.id }, select: { appliedAt: true } });
  if (version.appliedAt) return 0;
  const changed = await applyCreditLimits(services, policy.payload, now);
  await prisma.policyVersion.update({ where: { id: policy.id }, data: { appliedAt: new Date() } });
  return changed;
}
