// Closes the ledger accounts of members who left but whose account is still open: leaving closes it
// right after the erasure commits, and this finishes the step when the process stopped in between.
// An account that cannot be closed (credits reached it in that moment) stays open with its amount and
// is logged for the board; the ledger stays correct either way.
import type { Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import type { Logger } from '../logger';
import { findMemberAccount } from '../wallet/ensure-member-account';

/** Only recent leavers are looked at, so the run stays small however many members ever left. */
export const leftAccountsLookbackDays = 30;
const membersPerRunMax = 200;

export async function closeLeftAccounts(services: { prisma: PrismaClient; ledger: Ledger; logger: Logger }, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - leftAccountsLookbackDays * 86_400_000);
  const members = await services.prisma.member.findMany({
    where: { status: 'left', leftAt: { gte: since } },
    select: { id: true },
    orderBy: { leftAt: 'asc' },
    take: membersPerRunMax,
  });
  let closed = 0;
  for (const member of members) {
    const account = await findMemberAccount(services.ledger, member.id);
    if (!account || account.status === 'closed') continue;
    const result = await services.ledger.closeAccount(account.id);
    if (result.ok) closed += 1;
    else services.logger.warn({ accountId: account.id, code: result.code }, 'the account of a member who left is still open');
  }
  return closed;
}
