// Replays transfers in sequence order into balances, checking every transfer against the limits in
// force when it was written. Per account, sequence order is the order in which transfers locked the
// account row, so the replayed balance after each transfer is exactly what the writer saw.
import { type AccountLimits, type BalanceCounters, zeroCounters } from './account';
import { applyUnitEffects, raisesUsage } from './balance-effects';
import { type Transfer } from './transfer';
import {
  type UnitCounters,
  type UnitLimits,
  countersFromUnits,
  limitsToUnits,
  toUnits,
  unitsBeyondCreditLimit,
  unitsBeyondMaximumBalance,
  zeroUnitCounters,
} from './units';

/** A row of an account's limit history; `sequence` orders it among the transfers. */
export interface AccountLimitsChange extends AccountLimits {
  accountId: string;
  sequence: bigint;
}

export type ReplayViolationKind =
  | 'exceeds_credit_limit'
  | 'exceeds_maximum_balance'
  | 'limits_unknown'
  | 'malformed'
  | 'pending_unknown'
  | 'out_of_order';

export interface ReplayViolation {
  kind: ReplayViolationKind;
  transferId: string;
  sequence: bigint;
  accountId: string;
}

export class BalanceReplay {
  private readonly counters = new Map<string, { scale: number; units: UnitCounters }>();
  private readonly limits = new Map<string, AccountLimits>();
  /** The limits in force, in units of the account's currency, computed on first use after a change. */
  private readonly limitUnits = new Map<string, UnitLimits>();
  /** Held amounts of pending transfers not yet resolved, by id. */
  private readonly held = new Map<string, bigint>();
  private lastSequence = -1n;

  /** `scales`: the scale of every currency whose transfers will be replayed. */
  constructor(private readonly scales: ReadonlyMap<string, number>) {}

  applyLimits(change: AccountLimitsChange): void {
    this.limits.set(change.accountId, { creditLimit: change.creditLimit, maximumBalance: change.maximumBalance });
    this.limitUnits.delete(change.accountId);
  }

  /** Applies one transfer; returns the first rule it breaks, or null. */
  applyTransfer(transfer: Transfer): ReplayViolation | null {
    const violation = (kind: ReplayViolationKind, accountId: string): ReplayViolation => ({
      kind,
      transferId: transfer.id,
      sequence: transfer.sequence,
      accountId,
    });
    if (transfer.sequence <= this.lastSequence) return violation('out_of_order', transfer.debitAccountId);
    if (!transfer.amount.greaterThan(0) || transfer.debitAccountId === transfer.creditAccountId) {
      return violation('malformed', transfer.debitAccountId);
    }
    this.lastSequence = transfer.sequence;
    const scale = this.scales.get(transfer.currency);
    if (scale === undefined) throw new Error(`The replay was not given the scale of ${transfer.currency}`);
    const amount = toUnits(transfer.amount, scale);
    let held: bigint | null = null;
    if (transfer.type === 'post' || transfer.type === 'void') {
      held = this.held.get(transfer.pendingId ?? '') ?? null;
      if (held === null) return violation('pending_unknown', transfer.debitAccountId);
      this.held.delete(transfer.pendingId!);
    }
    if (transfer.type === 'pending') this.held.set(transfer.id, amount);
    const debit = this.unitsOf(transfer.debitAccountId, scale);
    const credit = this.unitsOf(transfer.creditAccountId, scale);
    applyUnitEffects(transfer.type, amount, held, debit, credit);
    if (!raisesUsage(transfer.type)) return null;
    const debitLimits = this.limitsOf(transfer.debitAccountId, scale);
    const creditLimits = this.limitsOf(transfer.creditAccountId, scale);
    if (!debitLimits) return violation('limits_unknown', transfer.debitAccountId);
    if (!creditLimits) return violation('limits_unknown', transfer.creditAccountId);
    if (unitsBeyondCreditLimit(debit, debitLimits)) return violation('exceeds_credit_limit', transfer.debitAccountId);
    if (unitsBeyondMaximumBalance(credit, creditLimits)) return violation('exceeds_maximum_balance', transfer.creditAccountId);
    return null;
  }

  /** The replayed counters of an account (zero if no transfer touched it). */
  countersOf(accountId: string): BalanceCounters {
    const entry = this.counters.get(accountId);
    return entry ? countersFromUnits(entry.units, entry.scale) : zeroCounters();
  }

  /** Ids of the pending transfers the replay has seen open and not resolved. */
  openPendingIds(): string[] {
    return [...this.held.keys()];
  }

  private unitsOf(accountId: string, scale: number): UnitCounters {
    let entry = this.counters.get(accountId);
    if (!entry) {
      entry = { scale, units: zeroUnitCounters() };
      this.counters.set(accountId, entry);
    }
    return entry.units;
  }

  private limitsOf(accountId: string, scale: number): UnitLimits | null {
    let units = this.limitUnits.get(accountId);
    if (!units) {
      const limits = this.limits.get(accountId);
      if (!limits) return null;
      units = limitsToUnits(limits, scale);
      this.limitUnits.set(accountId, units);
    }
    return units;
  }
}
