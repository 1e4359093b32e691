// The shares of a distribution as the board's table lists them: the recipient's name, found by a
// search, the largest shares first, at most a page of them.
import type { PrismaClient } from '../db/client';
import { surplusAccountCode, type SurplusPolicy } from './policy';

export const shareLinesMax = 200;
export const shareSearchLengthMax = 80;
/** Members a search may match; a search that matches more lists from these. */
const searchMatchesMax = 5000;

export interface ShareOfRecipient {
  memberId: string | null;
  accountCode: string;
  amount: bigint;
}

export interface NamedShare<Share extends ShareOfRecipient> {
  share: Share;
  name: string;
}

/** The shares whose recipient's name contains the search (all without one), the largest first. */
export async function shareLines<Share extends ShareOfRecipient>(
  prisma: PrismaClient,
  policy: SurplusPolicy,
  shares: readonly Share[],
  options: { search?: string | null; first?: number | null },
): Promise<NamedShare<Share>[]> {
  const search = (options.search ?? '').trim().slice(0, shareSearchLengthMax);
  const first = Math.min(Math.max(options.first ?? 50, 1), shareLinesMax);
  const accountNames = new Map(policy.mix.accounts.map((account) => [surplusAccountCode(account.code), account.name]));
  let matching: readonly Share[] = shares;
  if (search) {
    const members = await prisma.member.findMany({ where: { displayName: { contains: search, mode: 'insensitive' } }, select: { id: true }, take: searchMatchesMax });
    const ids = new Set(members.map((member) => member.id));
    const needle = search.toLocaleLowerCase('de');
    matching = shares.filter((share) => (share.memberId ? ids.has(share.memberId) : (accountNames.get(share.accountCode) ?? '').toLocaleLowerCase('de').includes(needle)));
  }
  const page = [...matching].sort((a, b) => (a.amount === b.amount ? (a.accountCode < b.accountCode ? -1 : 1) : a.amount > b.amount ? -1 : 1)).slice(0, first);
  const memberIds = page.flatMap((share) => (share.memberId ? [share.memberId] : []));
  const names = new Map((await prisma.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, displayName: true } })).map((member) => [member.id, member.displayName]));
  return page.map((share) => ({ share, name: share.memberId ? (names.get(share.memberId) ?? '') : (accountNames.get(share.accountCode) ?? share.accountCode) }));
}
