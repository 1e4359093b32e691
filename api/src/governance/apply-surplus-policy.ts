// A surplus rule enacted by vote creates the named accounts of its mix in the ledger. The ledger
// commits in its own transactions, so the version is marked applied only after every account exists;
// until then the governance sweep runs this again (an account that exists is left as it is).
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { ensureSurplusAccounts } from '../surplus/named-accounts';
import { policyInForce } from './policies';

/** Applies the surplus rule in force when it is not applied yet; returns the named accounts it has. */
export async function applySurplusPolicy(services: { prisma: PrismaClient; ledger: Ledger }, now = new Date()): Promise<number> {
  const { prisma, ledger } = services;
  const policy = await policyInForce(prisma, 'surplus', now);
  const version = await prisma.policyVersion.findUniqueOrThrow({ where: { id: policy.id }, select: { appliedAt: true } });
  if (version.appliedAt) return 0;
  const accounts = await ensureSurplusAccounts(ledger, policy.payload);
  await prisma.policyVersion.update({ where: { id: policy.id }, data: { appliedAt: new Date() } });
  return accounts.size;
}
