// What a period's distribution gives everyone, computed and not booked: the dry run the board reads,
// the expected share in a member's wallet, and the first step of the run itself.
//
//   distributable = fund balance − reserve (never below 0)
//   parts         = the distributable amount split by the mix's percentages (largest remainder)
//   member share  = its part of purchases by its purchases, of sales by its sales, and an equal part
//                   of the equal shares if it was active (largest remainder within each part)
//
// Turnover is the total of the CONFIRMED orders closed in the period, as buyer (purchases) and as
// producer (sales); open orders, holds and orders settled by a dispute's resolution do not count.
// Only admitted members with an open account share: one without, or a closed account, is left out
// before the split, so what it would have got goes to the others.
import { Decimal, type Account, type Ledger } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';
import { policyInForce, type PolicyVersionOf } from '../governance/policies';
import { cooperativeCurrency, fundAccountCode } from '../wallet/cooperative-currency';
import { memberAccountCode, memberIdOfAccountCode } from '../wallet/ensure-member-account';
import { distributeSurplus, type MemberTurnover } from './distribution';
import { ensureSurplusAccounts } from './named-accounts';
import type { Period } from './periods';
import { distributionMixOf, surplusAccountCode, type SurplusPolicy } from './policy';
import { unitsOf } from './units';

export interface ComputedShare {
  /** Null for a named account of the rule. */
  memberId: string | null;
  accountId: string;
  accountCode: string;
  /** Turnover in the period, in whole units. */
  purchases: bigint;
  sales: bigint;
  purchasesShare: bigint;
  salesShare: bigint;
  equalShare: bigint;
  /** The whole share, in whole units: the three parts added (a named account's part for those). */
  amount: bigint;
  /** Only for a stored share of a booked run: its account was closed before it could be booked, so it stayed in the fund. */
  keptInFund?: boolean;
}

export interface SurplusComputation {
  period: Period;
  policy: PolicyVersionOf<'surplus'>;
  fundAccountId: string;
  /** In whole units. */
  fundBalance: bigint;
  reserve: bigint;
  distributable: bigint;
  parts: { purchases: bigint; sales: bigint; equal: bigint; accounts: bigint };
  totalPurchases: bigint;
  totalSales: bigint;
  activeMembers: number;
  /** Every share above zero: members in the order of their account codes, named accounts among them. */
  shares: ComputedShare[];
  distributed: bigint;
  /** What no member could claim (a part with no turnover at all); it stays in the fund. */
  unallocated: bigint;
}

/** The reserve the rule keeps of a fund balance, in whole units; a share is rounded up to whole units. */
export function reserveOf(policy: SurplusPolicy, fundBalance: bigint): bigint {
  if (policy.reserve.kind === 'amount') return unitsOf(policy.reserve.amount);
  if (fundBalance <= 0n) return 0n;
  const basisPoints = BigInt(new Decimal(policy.reserve.share).times(10_000).toFixed(0));
  return (fundBalance * basisPoints + 9_999n) / 10_000n;
}

/** Confirmed orders closed in the period, summed per admitted member, in whole units. */
export async function memberTurnover(prisma: PrismaClient, period: Pick<Period, 'start' | 'end'>): Promise<MemberTurnover[]> {
  const rows = await prisma.$queryRaw<{ memberId: string; purchases: string; sales: string }[]>`
    WITH confirmed AS (
      SELECT "buyerId", "producerId", total FROM "Order"
      WHERE status = 'confirmed' AND "closedAt" >= ${period.start} AND "closedAt" < ${period.end}
    ), sides AS (
      SELECT "buyerId" AS member_id, total AS purchases, 0::numeric AS sales FROM confirmed
      UNION ALL
      SELECT "producerId", 0::numeric, total FROM confirmed
    )
    SELECT sides.member_id::text AS "memberId", (sum(sides.purchases) * 100)::bigint::text AS purchases, (sum(sides.sales) * 100)::bigint::text AS sales
    FROM sides JOIN "Member" m ON m.id = sides.member_id AND m.status = 'admitted'
    GROUP BY sides.member_id`;
  return rows.map((row) => ({ memberId: row.memberId, purchases: BigInt(row.purchases), sales: BigInt(row.sales) }));
}

/** The open accounts of these members, by member id; a member without one is left out. */
async function openMemberAccounts(ledger: Ledger, memberIds: readonly string[]): Promise<Map<string, Account>> {
  const accounts = new Map<string, Account>();
  for (const account of await ledger.findAccountsByCodes(cooperativeCurrency.code, memberIds.map(memberAccountCode))) {
    const memberId = memberIdOfAccountCode(account.code);
    if (memberId && account.status === 'open') accounts.set(memberId, account);
  }
  return accounts;
}

/**
 * Computes the distribution of the period by the rule in force at its end, from the fund's posted
 * balance now. Creates the rule's named accounts if they do not exist yet; books nothing.
 */
export async function computeDistribution(services: { prisma: PrismaClient; ledger: Ledger }, period: Period): Promise<SurplusComputation> {
  const { prisma, ledger } = services;
  const policy = await policyInForce(prisma, 'surplus', period.end);
  const fund = await ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode);
  if (!fund) throw new Error('The fund account of the cooperative currency is missing');
  const [turnover, namedAccounts] = await Promise.all([memberTurnover(prisma, period), ensureSurplusAccounts(ledger, policy.payload)]);
  const memberAccounts = await openMemberAccounts(
    ledger,
    turnover.map((member) => member.memberId),
  );
  const sharing = turnover.filter((member) => memberAccounts.has(member.memberId));

  const fundBalance = unitsOf(fund.creditsPosted.minus(fund.debitsPosted));
  const reserve = reserveOf(policy.payload, fundBalance);
  const distributable = fundBalance > reserve ? fundBalance - reserve : 0n;
  const distribution = distributeSurplus(distributable, distributionMixOf(policy.payload), sharing, period.key);

  const shares: ComputedShare[] = [];
  const turnoverOf = new Map(sharing.map((member) => [member.memberId, member]));
  for (const [memberId, amount] of distribution.members) {
    const account = memberAccounts.get(memberId)!;
    const parts = distribution.memberParts.get(memberId)!;
    const member = turnoverOf.get(memberId)!;
    shares.push({
      memberId,
      accountId: account.id,
      accountCode: memberAccountCode(memberId),
      purchases: member.purchases,
      sales: member.sales,
      purchasesShare: parts.purchases,
      salesShare: parts.sales,
      equalShare: parts.equal,
      amount,
    });
  }
  let accountsPart = 0n;
  for (const [code, amount] of distribution.accounts) {
    accountsPart += amount;
    if (amount === 0n) continue;
    const account = namedAccounts.get(code)!;
    shares.push({ memberId: null, accountId: account.id, accountCode: surplusAccountCode(code), purchases: 0n, sales: 0n, purchasesShare: 0n, salesShare: 0n, equalShare: 0n, amount });
  }
  shares.sort((a, b) => (a.accountCode < b.accountCode ? -1 : a.accountCode > b.accountCode ? 1 : 0));

  return {
    period,
    policy,
    fundAccountId: fund.id,
    fundBalance,
    reserve,
    distributable,
    parts: { ...distribution.parts, accounts: accountsPart },
    totalPurchases: sharing.reduce((sum, member) => sum + member.purchases, 0n),
    totalSales: sharing.reduce((sum, member) => sum + member.sales, 0n),
    activeMembers: sharing.filter((member) => member.purchases > 0n || member.sales > 0n).length,
    shares,
    distributed: shares.reduce((sum, share) => sum + share.amount, 0n),
    unallocated: distribution.unallocated,
  };
}
