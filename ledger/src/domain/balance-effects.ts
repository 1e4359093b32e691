// How a transfer changes the cached counters of its two accounts. The write path, the verifier's
// replay and the tests all use this one definition.
import { type BalanceCounters, zeroCounters } from './account';
import { type Decimal } from './money';
import { type Transfer } from './transfer';
import { type UnitCounters } from './units';

export interface TransferEffects {
  debit: BalanceCounters;
  credit: BalanceCounters;
}

/**
 * The counter changes of a transfer. `heldAmount` is the amount of the pending transfer that a post
 * or void resolves (its hold is released whole; a post then posts its own amount).
 */
export function effectsOf(
  transfer: Pick<Transfer, 'type' | 'amount'>,
  heldAmount: Decimal | null,
): TransferEffects {
  const debit = zeroCounters();
  const credit = zeroCounters();
  const amount = transfer.amount;
  switch (transfer.type) {
    case 'immediate':
    case 'reversal':
      debit.debitsPosted = amount;
      credit.creditsPosted = amount;
      break;
    case 'pending':
      debit.debitsPending = amount;
      credit.creditsPending = amount;
      break;
    case 'post':
    case 'void': {
      if (heldAmount === null) throw new Error(`A ${transfer.type} transfer needs the held amount of its pending transfer`);
      debit.debitsPending = heldAmount.negated();
      credit.creditsPending = heldAmount.negated();
      if (transfer.type === 'post') {
        debit.debitsPosted = amount;
        credit.creditsPosted = amount;
      }
      break;
    }
  }
  return { debit, credit };
}

/**
 * Whether a transfer can push its accounts towards their limits. Posts and voids only turn holds
 * into smaller or equal postings or release them, so they never need a limit check.
 */
export function raisesUsage(type: Transfer['type']): boolean {
  return type === 'immediate' || type === 'pending' || type === 'reversal';
}

/**
 * The same effects on unit counters, applied in place (the hot path of a batch decision and of a
 * replay). `held` is the held amount of the pending transfer a post or void resolves.
 */
export function applyUnitEffects(
  type: Transfer['type'],
  amount: bigint,
  held: bigint | null,
  debit: UnitCounters,
  credit: UnitCounters,
): void {
  switch (type) {
    case 'immediate':
    case 'reversal':
      debit.debitsPosted += amount;
      credit.creditsPosted += amount;
      return;
    case 'pending':
      debit.debitsPending += amount;
      credit.creditsPending += amount;
      return;
    case 'post':
    case 'void':
      if (held === null) throw new Error(`A ${type} transfer needs the held amount of its pending transfer`);
      debit.debitsPending -= held;
      credit.creditsPending -= held;
      if (type === 'post') {
        debit.debitsPosted += amount;
        credit.creditsPosted += amount;
      }
      return;
  }
}
