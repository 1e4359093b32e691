// Accounts and their balance rules. Mutual credit: every account starts at zero; a transfer debits
// one account and credits another by the same amount, so the balances of a currency always sum to
// zero. An account's balance is credits minus debits (what it received minus what it paid).
//
// Cached counters follow TigerBeetle: posted debits and credits, and pending (held) debits and
// credits. Limits are checked conservatively: holds count as already spent on the debit side and as
// already received on the credit side.
import { type Decimal, ZERO } from './money';

/** member: a member's own account. fund: the common fund. escrow: holds money for open orders.
 * system: any other account the cooperative's rules need. */
export const ACCOUNT_TYPES = ['member', 'fund', 'escrow', 'system'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** An account is open until closed; a closed account takes part in no new transfer. */
export type AccountStatus = 'open' | 'closed';

export interface BalanceCounters {
  debitsPosted: Decimal;
  creditsPosted: Decimal;
  debitsPending: Decimal;
  creditsPending: Decimal;
}

export interface AccountLimits {
  /** How far below zero the balance may go (>= 0). */
  creditLimit: Decimal;
  /** Highest balance allowed, or null for no cap. */
  maximumBalance: Decimal | null;
}

export interface Account extends BalanceCounters, AccountLimits {
  id: string;
  currency: string;
  type: AccountType;
  /** Stable code, unique per currency: "fund" and "escrow" for those, else chosen by the caller. */
  code: string | null;
  name: string;
  status: AccountStatus;
  createdAt: Date;
  closedAt: Date | null;
}

/** The balances of one account as shown to people. */
export interface AccountBalance extends AccountLimits {
  accountId: string;
  currency: string;
  /** Posted balance: posted credits minus posted debits. */
  posted: Decimal;
  /** Held outgoing amounts (pending debits). */
  pendingDebits: Decimal;
  /** Held incoming amounts (pending credits), not yet spendable. */
  pendingCredits: Decimal;
  /** What can still be spent: posted balance minus outgoing holds plus the credit limit. */
  available: Decimal;
}

export function zeroCounters(): BalanceCounters {
  return { debitsPosted: ZERO, creditsPosted: ZERO, debitsPending: ZERO, creditsPending: ZERO };
}

export function postedBalance(counters: BalanceCounters): Decimal {
  return counters.creditsPosted.minus(counters.debitsPosted);
}

/** Posted balance minus outgoing holds plus the credit limit; never negative for a valid account
 * unless its limit was lowered below what it already owed. */
export function availableBalance(counters: BalanceCounters, limits: AccountLimits): Decimal {
  return postedBalance(counters).minus(counters.debitsPending).plus(limits.creditLimit);
}

export function balanceOf(account: Account): AccountBalance {
  return {
    accountId: account.id,
    currency: account.currency,
    posted: postedBalance(account),
    pendingDebits: account.debitsPending,
    pendingCredits: account.creditsPending,
    available: availableBalance(account, account),
    creditLimit: account.creditLimit,
    maximumBalance: account.maximumBalance,
  };
}

export function countersEqual(left: BalanceCounters, right: BalanceCounters): boolean {
  return (
    left.debitsPosted.eq(right.debitsPosted) &&
    left.creditsPosted.eq(right.creditsPosted) &&
    left.debitsPending.eq(right.debitsPending) &&
    left.creditsPending.eq(right.creditsPending)
  );
}
