// A credit policy enacted by vote applies to every admitted member's account, including those opened
// before. Limits live in the ledger, which commits in its own transactions, so the version is marked
// applied only after every account has its limits; until then the governance sweep runs this again
// (setting a limit an account already has changes nothing). A lower limit never forces a balance into
// violation: the ledger only refuses further spending below it.
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { cooperativeCurrency } from '../wallet/cooperative-currency';
import { memberAccountCodePrefix } from '../wallet/ensure-member-account';
import { policyInForce } from './policies';

const accountsPerPage = 500;

/** Applies the credit policy in force when it is not applied yet; returns the accounts changed. */
export async function applyCreditPolicy(services: { prisma: PrismaClient; ledger: Ledger }, now = new Date()): Promise<number> {
  const { prisma, ledger } = services;
  const policy = await policyInForce(prisma, 'credit', now);
  const version = await prisma.policyVersion.findUniqueOrThrow({ where: { id: policy.id }, select: { appliedAt: true } });
  if (version.appliedAt) return 0;
  const { creditLimit, maximumBalance } = policy.payload;
  let changed = 0;
  let afterId: string | null = null;
  for (;;) {
    const accounts = await ledger.listAccounts({ currency: cooperativeCurrency.code, afterId, limit: accountsPerPage });
    for (const account of accounts) {
      if (!account.code?.startsWith(memberAccountCodePrefix) || account.status === 'closed') continue;
      const limitsMatch = account.creditLimit.equals(creditLimit) && (maximumBalance === null ? account.maximumBalance === null : account.maximumBalance?.equals(maximumBalance));
      if (limitsMatch) continue;
      const result = await ledger.setAccountLimits(account.id, { creditLimit, maximumBalance });
      if (!result.ok && result.code !== 'account_closed') throw new Error(`The limits of account ${account.id} cannot be set: ${result.code}`);
      if (result.ok) changed += 1;
    }
    if (accounts.length < accountsPerPage) break;
    afterId = accounts.at(-1)!.id;
  }
  await prisma.policyVersion.update({ where: { id: policy.id }, data: { appliedAt: new Date() } });
  return changed;
}
