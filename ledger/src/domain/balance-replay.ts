// Replays transfers in sequence order into balances, checking every transfer against the limits in
// force when it was written. Per account, sequence order is the order in which transfers locked the
// account row, so the replayed balance after each transfer is exactly what the writer saw.
import { type AccountLimits, type BalanceCounters, addCounters, isBeyondCreditLimit, isBeyondMaximumBalance, zeroCounters } from './account';
import { effectsOf, raisesUsage } from './balance-effects';
import { type Decimal } from './money';
import { type Transfer } from './transfer';

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
  private readonly counters = new Map<string, BalanceCounters>();
  private readonly limits = new Map<string, AccountLimits>();
  /** Amounts of pending transfers not yet resolved, by id. */
  private readonly held = new Map<string, Decimal>();
  private lastSequence = -1n;

  applyLimits(change: AccountLimitsChange): void {
    this.limits.set(change.accountId, { creditLimit: change.creditLimit, maximumBalance: change.maximumBalance });
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
    let heldAmount: Decimal | null = null;
    if (transfer.type === 'post' || transfer.type === 'void') {
      heldAmount = this.held.get(transfer.pendingId ?? '') ?? null;
      if (heldAmount === null) return violation('pending_unknown', transfer.debitAccountId);
      this.held.delete(transfer.pendingId!);
    }
    if (transfer.type === 'pending') this.held.set(transfer.id, transfer.amount);
    const effects = effectsOf(transfer, heldAmount);
    const debitAfter = addCounters(this.countersOf(transfer.debitAccountId), effects.debit);
    const creditAfter = addCounters(this.countersOf(transfer.creditAccountId), effects.credit);
    this.counters.set(transfer.debitAccountId, debitAfter);
    this.counters.set(transfer.creditAccountId, creditAfter);
    if (!raisesUsage(transfer.type)) return null;
    const debitLimits = this.limits.get(transfer.debitAccountId);
    const creditLimits = this.limits.get(transfer.creditAccountId);
    if (!debitLimits) return violation('limits_unknown', transfer.debitAccountId);
    if (!creditLimits) return violation('limits_unknown', transfer.creditAccountId);
    if (isBeyondCreditLimit(debitAfter, debitLimits)) return violation('exceeds_credit_limit', transfer.debitAccountId);
    if (isBeyondMaximumBalance(creditAfter, creditLimits)) return violation('exceeds_maximum_balance', transfer.creditAccountId);
    return null;
  }

  countersOf(accountId: string): BalanceCounters {
    return this.counters.get(accountId) ?? zeroCounters();
  }

  /** Ids of the pending transfers the replay has seen open and not resolved. */
  openPendingIds(): string[] {
    return [...this.held.keys()];
  }
}
