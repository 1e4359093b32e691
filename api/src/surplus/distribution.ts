// Who gets what of a period's distributable surplus, by the rule the members voted: a mix of patronage
// by purchases, patronage by sales (each in proportion to the member's turnover in the period, that
// is, a uniform percentage of it), equal shares among active members (at least one trade in the
// period) and shares to named accounts. Amounts are whole units of the currency (cents); every unit
// is accounted for (largest-remainder.ts), and a part nobody can claim (no purchases at all in the
// period, say) stays in the fund.
import { allocateLargestRemainder } from './largest-remainder';

/** Whole percentages of the distributable amount; they sum to 100. */
export interface SurplusMix {
  purchases: number;
  sales: number;
  equal: number;
  /** Named accounts (a solidarity fund, an ecology fund) by their code. */
  accounts: Readonly<Record<string, number>>;
}

export interface MemberTurnover {
  memberId: string;
  /** Confirmed orders in the period, in whole units: as buyer and as producer. */
  purchases: bigint;
  sales: bigint;
}

export type MemberPart = 'purchases' | 'sales' | 'equal';

export interface Distribution {
  /** Each member's share, the parts added up; members who get nothing are left out. */
  members: Map<string, bigint>;
  /** Each member's share by part, for explaining it; members who get nothing are left out. */
  memberParts: Map<string, Record<MemberPart, bigint>>;
  /** What each part of the mix got of the total (the named accounts' parts are in `accounts`). */
  parts: Record<MemberPart, bigint>;
  accounts: Map<string, bigint>;
  /** What no one could claim; it stays in the fund. */
  unallocated: bigint;
}

export function distributeSurplus(total: bigint, mix: SurplusMix, turnover: readonly MemberTurnover[], seed: string): Distribution {
  const accountCodes = Object.keys(mix.accounts).sort();
  const percentages = [mix.purchases, mix.sales, mix.equal, ...accountCodes.map((code) => mix.accounts[code]!)];
  if (percentages.some((percentage) => !Number.isInteger(percentage) || percentage < 0) || percentages.reduce((a, b) => a + b, 0) !== 100) {
    throw new RangeError('The parts of a surplus mix are whole percentages that sum to 100');
  }
  const parts = allocateLargestRemainder(
    total,
    [
      { id: 'purchases', weight: BigInt(mix.purchases) },
      { id: 'sales', weight: BigInt(mix.sales) },
      { id: 'equal', weight: BigInt(mix.equal) },
      ...accountCodes.map((code) => ({ id: `account:${code}`, weight: BigInt(mix.accounts[code]!) })),
    ],
    `${seed}:parts`,
  ).shares;

  const members = new Map<string, bigint>();
  const memberParts = new Map<string, Record<MemberPart, bigint>>();
  let unallocated = 0n;
  const share = (part: MemberPart, weightOf: (member: MemberTurnover) => bigint) => {
    const amount = parts.get(part)!;
    const claims = turnover.map((member) => ({ id: member.memberId, weight: weightOf(member) })).filter((claim) => claim.weight > 0n);
    const allocated = allocateLargestRemainder(amount, claims, `${seed}:${part}`);
    unallocated += allocated.unallocated;
    for (const [memberId, units] of allocated.shares) {
      if (units === 0n) continue;
      members.set(memberId, (members.get(memberId) ?? 0n) + units);
      const byPart = memberParts.get(memberId) ?? { purchases: 0n, sales: 0n, equal: 0n };
      byPart[part] = units;
      memberParts.set(memberId, byPart);
    }
  };
  share('purchases', (member) => member.purchases);
  share('sales', (member) => member.sales);
  share('equal', (member) => (member.purchases > 0n || member.sales > 0n ? 1n : 0n));

  const accounts = new Map(accountCodes.map((code) => [code, parts.get(`account:${code}`)!]));
  const memberPart = (part: MemberPart) => parts.get(part)!;
  return { members, memberParts, parts: { purchases: memberPart('purchases'), sales: memberPart('sales'), equal: memberPart('equal') }, accounts, unallocated };
}
