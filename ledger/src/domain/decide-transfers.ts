// The heart of createTransfers, as a pure function: given the batch and the facts read under the
// account locks, decide every item's result, the rows to insert and the counter changes to write.
// Items are decided in order against balances that already include the earlier items, exactly as if
// they had been sent one by one; a linked chain that fails is undone as a whole.
import { applyUnitEffects, raisesUsage } from './balance-effects';
import { type Currency } from './currency';
import { type Decimal, ZERO, fitsScale, isBelowBound } from './money';
import { checkRequestShape, normaliseId, sameRequest } from './transfer-checks';
import { type TransferFailureCode } from './transfer-results';
import { REVERSAL_KIND_DEFAULT, type Transfer, type TransferBatchItem } from './transfer';
import {
  type UnitBalanceChange,
  type UnitCounters,
  type UnitLimits,
  type BatchAccount,
  batchAccountCounters,
  batchAccountLimits,
  toUnits,
  unitCountersEqual,
  unitsBeyondCreditLimit,
  unitsBeyondMaximumBalance,
  unitsFromText,
} from './units';

/** What the decision needs to know, read inside the transaction after the account rows are locked. */
export interface TransferBatchFacts {
  now: Date;
  /** The end of the last closed period: nothing may be booked before it. Null while none is closed. */
  closedThrough: Date | null;
  currencies: ReadonlyMap<string, Currency>;
  /** Every account the batch names or reaches through a referenced transfer, as locked. */
  accounts: ReadonlyMap<string, BatchAccount>;
  /** Transfers named by post, void and reversal items. */
  referencedTransfers: ReadonlyMap<string, Transfer>;
  /** Stored transfers carrying one of the batch's idempotency keys. */
  transfersByKey: ReadonlyMap<string, Transfer>;
  /** The stored post or void of each referenced pending transfer that is already resolved. */
  resolutions: ReadonlyMap<string, Transfer>;
  /** How much of each referenced immediate or post transfer is already reversed. */
  reversedAmounts: ReadonlyMap<string, Decimal>;
}

/** A batch item; `expiry` marks the expiry job's voids, which may resolve an expired hold. */
export type DecisionItem = TransferBatchItem & { expiry?: boolean };

/** A transfer decided but not yet inserted: the database assigns its sequence. */
export type NewTransfer = Omit<Transfer, 'sequence'>;

export type TransferOutcome =
  | { ok: true; createdIndex: number; alreadyExisted: boolean }
  | { ok: true; existing: Transfer }
  | { ok: false; code: TransferFailureCode };

export interface TransferBatchDecision {
  outcomes: TransferOutcome[];
  /** In item order; the insert must keep this order so sequences follow it. */
  newTransfers: NewTransfer[];
  /** Non-zero counter changes per account, in units of the account's currency. */
  balanceChanges: UnitBalanceChange[];
  pendingsOpened: Array<{ transferId: string; expiresAt: Date | null }>;
  pendingsResolved: string[];
}

/** An account as the batch sees it: its locked state, and its counters and limits in units. */
interface AccountState {
  account: BatchAccount;
  scale: number;
  initial: UnitCounters;
  counters: UnitCounters;
  limits: UnitLimits;
}

/** Working state of a batch with an undo log, so a failed item or chain can be rolled back. */
class BatchState {
  private readonly undoLog: Array<() => void> = [];
  private readonly accounts = new Map<string, AccountState>();
  private readonly createdByKey = new Map<string, number>();
  private readonly resolutions = new Map<string, NewTransfer>();
  private readonly reversed = new Map<string, Decimal>();
  readonly created: NewTransfer[] = [];

  constructor(private readonly facts: TransferBatchFacts) {}

  mark(): number {
    return this.undoLog.length;
  }

  rollback(mark: number): void {
    while (this.undoLog.length > mark) this.undoLog.pop()!();
  }

  stateOf(account: BatchAccount, scale: number): AccountState {
    let state = this.accounts.get(account.id);
    if (!state) {
      const initial = batchAccountCounters(account, scale);
      state = { account, scale, initial, counters: { ...initial }, limits: batchAccountLimits(account, scale) };
      this.accounts.set(account.id, state);
    }
    return state;
  }

  createdIndexOf(key: string): number | undefined {
    return this.createdByKey.get(key);
  }

  resolutionOf(pendingId: string): Pick<Transfer, 'type'> | undefined {
    return this.resolutions.get(pendingId) ?? this.facts.resolutions.get(pendingId);
  }

  reversedAmountOf(transferId: string): Decimal {
    return (this.facts.reversedAmounts.get(transferId) ?? ZERO).plus(this.reversed.get(transferId) ?? ZERO);
  }

  /** Records a transfer and applies its effects; undone by rollback like everything else. */
  apply(transfer: NewTransfer, amount: bigint, held: bigint | null, debit: AccountState, credit: AccountState): number {
    const debitBefore = { ...debit.counters };
    const creditBefore = { ...credit.counters };
    applyUnitEffects(transfer.type, amount, held, debit.counters, credit.counters);
    this.undoLog.push(() => {
      Object.assign(debit.counters, debitBefore);
      Object.assign(credit.counters, creditBefore);
    });
    const index = this.created.push(transfer) - 1;
    this.createdByKey.set(transfer.idempotencyKey, index);
    this.undoLog.push(() => {
      this.created.pop();
      this.createdByKey.delete(transfer.idempotencyKey);
    });
    if (transfer.pendingId !== null) {
      const pendingId = transfer.pendingId;
      this.resolutions.set(pendingId, transfer);
      this.undoLog.push(() => this.resolutions.delete(pendingId));
    }
    if (transfer.reversalOfId !== null) {
      const originalId = transfer.reversalOfId;
      const before = this.reversed.get(originalId);
      this.reversed.set(originalId, (before ?? ZERO).plus(transfer.amount));
      this.undoLog.push(() => (before === undefined ? this.reversed.delete(originalId) : this.reversed.set(originalId, before)));
    }
    return index;
  }

  /** Counter changes relative to the locked state, for the accounts whose counters moved. */
  balanceChanges(): UnitBalanceChange[] {
    const changes: UnitBalanceChange[] = [];
    for (const state of this.accounts.values()) {
      if (unitCountersEqual(state.counters, state.initial)) continue;
      const change: UnitCounters = {
        debitsPosted: state.counters.debitsPosted - state.initial.debitsPosted,
        creditsPosted: state.counters.creditsPosted - state.initial.creditsPosted,
        debitsPending: state.counters.debitsPending - state.initial.debitsPending,
        creditsPending: state.counters.creditsPending - state.initial.creditsPending,
      };
      changes.push({ accountId: state.account.id, currency: state.account.currency, change, scale: state.scale });
    }
    return changes;
  }
}

/**
 * What an item's own fields give (its shape check and parsed amount, its account ids), kept per item
 * object: a batch that is decided twice (see createTransfers) parses each request once.
 */
interface ItemFacts {
  shape: ReturnType<typeof checkRequestShape>;
  debitId: string | null;
  creditId: string | null;
  /** The amount as the request gave it, when it gave a string (read as units without a Decimal). */
  amountText: string | null;
  /** The requested amount in units, for the scale it was computed at. */
  units: { scale: number; value: bigint } | null;
}

const itemFactsCache = new WeakMap<DecisionItem, ItemFacts>();

function itemFacts(item: DecisionItem): ItemFacts {
  let facts = itemFactsCache.get(item);
  if (facts === undefined) {
    const direct = item.type === 'immediate' || item.type === 'pending';
    facts = {
      shape: checkRequestShape(item),
      debitId: direct ? normaliseId(item.debitAccountId) : null,
      creditId: direct ? normaliseId(item.creditAccountId) : null,
      amountText: 'amount' in item && typeof item.amount === 'string' ? item.amount.trim() : null,
      units: null,
    };
    itemFactsCache.set(item, facts);
  }
  return facts;
}

/** The normalised account ids of an immediate or pending item (null where not a UUID), read once per item. */
export function itemAccountIds(item: DecisionItem): [debitId: string | null, creditId: string | null] {
  const facts = itemFacts(item);
  return [facts.debitId, facts.creditId];
}

/** The requested amount in units; it fits the scale (checked before). */
function requestedUnits(facts: ItemFacts, amount: Decimal, scale: number): bigint {
  if (facts.units === null || facts.units.scale !== scale) {
    facts.units = { scale, value: facts.amountText !== null ? unitsFromText(facts.amountText, scale) : toUnits(amount, scale) };
  }
  return facts.units.value;
}

function failure(code: TransferFailureCode): TransferOutcome {
  return { ok: false, code };
}

interface Resolved {
  currency: Currency;
  debitId: string | null;
  creditId: string | null;
  referenced: Transfer | null;
  defaults: { kind: string; amount: Decimal | null };
}

/** Finds the currency, accounts and referenced transfer an item is about. */
function resolveItem(item: DecisionItem, own: ItemFacts, facts: TransferBatchFacts): Resolved | TransferFailureCode {
  switch (item.type) {
    case 'immediate':
    case 'pending': {
      const currency = facts.currencies.get(item.currency);
      if (!currency) return 'currency_not_found';
      return {
        currency,
        debitId: own.debitId,
        creditId: own.creditId,
        referenced: null,
        defaults: { kind: item.kind, amount: null },
      };
    }
    case 'post':
    case 'void': {
      const id = normaliseId(item.pendingId);
      const pending = id === null ? undefined : facts.referencedTransfers.get(id);
      if (!pending || pending.type !== 'pending') return 'pending_not_found';
      return {
        currency: currencyOf(pending, facts),
        debitId: pending.debitAccountId,
        creditId: pending.creditAccountId,
        referenced: pending,
        defaults: { kind: pending.kind, amount: pending.amount },
      };
    }
    case 'reversal': {
      const id = normaliseId(item.transferId);
      const original = id === null ? undefined : facts.referencedTransfers.get(id);
      if (!original) return 'reversal_target_not_found';
      if (original.type !== 'immediate' && original.type !== 'post') return 'reversal_target_not_reversible';
      return {
        currency: currencyOf(original, facts),
        debitId: original.creditAccountId,
        creditId: original.debitAccountId,
        referenced: original,
        defaults: { kind: REVERSAL_KIND_DEFAULT, amount: null },
      };
    }
  }
}

function currencyOf(transfer: Transfer, facts: TransferBatchFacts): Currency {
  const currency = facts.currencies.get(transfer.currency);
  if (!currency) throw new Error(`Currency ${transfer.currency} of transfer ${transfer.id} was not loaded`);
  return currency;
}

function decideItem(item: DecisionItem, facts: TransferBatchFacts, state: BatchState, newId: () => string): TransferOutcome {
  const own = itemFacts(item);
  const shape = own.shape;
  if (typeof shape === 'string') return failure(shape);
  const requested = shape.amount;
  const resolved = resolveItem(item, own, facts);
  if (typeof resolved === 'string') return failure(resolved);
  const { currency, debitId, creditId, referenced, defaults } = resolved;

  if (requested !== null && !fitsScale(requested, currency.scale)) return failure('amount_scale_exceeded');
  if (requested !== null && !isBelowBound(requested)) return failure('amount_too_large');
  if (item.type === 'immediate' || item.type === 'pending') {
    if (String(item.debitAccountId).toLowerCase() === String(item.creditAccountId).toLowerCase()) {
      return failure('accounts_must_be_different');
    }
  }
  const debit = debitId === null ? undefined : facts.accounts.get(debitId);
  const credit = creditId === null ? undefined : facts.accounts.get(creditId);
  if (!debit || !credit) return failure('account_not_found');
  if (debit.currency !== currency.code || credit.currency !== currency.code) return failure('currency_mismatch');

  const duplicateIndex = state.createdIndexOf(item.idempotencyKey);
  if (duplicateIndex !== undefined) {
    return sameRequest(item, state.created[duplicateIndex]!, defaults)
      ? { ok: true, createdIndex: duplicateIndex, alreadyExisted: true }
      : failure('idempotency_key_reused');
  }
  const stored = facts.transfersByKey.get(item.idempotencyKey);
  if (stored) return sameRequest(item, stored, defaults) ? { ok: true, existing: stored } : failure('idempotency_key_reused');

  if (facts.closedThrough !== null && facts.now.getTime() < facts.closedThrough.getTime()) return failure('period_closed');

  if (debit.status === 'closed' || credit.status === 'closed') return failure('account_closed');

  let amount: Decimal;
  if (item.type === 'post' || item.type === 'void') {
    const pending = referenced!;
    const resolution = state.resolutionOf(pending.id);
    if (resolution) return failure(resolution.type === 'post' ? 'pending_already_posted' : 'pending_already_voided');
    if (!item.expiry && pending.expiresAt !== null && pending.expiresAt.getTime() <= facts.now.getTime()) {
      return failure('pending_expired');
    }
    amount = item.type === 'void' ? pending.amount : (requested ?? pending.amount);
    if (amount.greaterThan(pending.amount)) return failure('post_amount_exceeds_pending');
  } else if (item.type === 'reversal') {
    const original = referenced!;
    const remaining = original.amount.minus(state.reversedAmountOf(original.id));
    amount = requested ?? remaining;
    if (!remaining.greaterThan(0) || amount.greaterThan(remaining)) return failure('reversal_exceeds_remaining');
  } else {
    amount = requested!;
  }

  const timeoutSeconds = item.type === 'pending' ? (item.timeoutSeconds ?? null) : null;
  const transfer: NewTransfer = {
    id: newId(),
    idempotencyKey: item.idempotencyKey,
    type: item.type,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    currency: currency.code,
    amount,
    pendingId: item.type === 'post' || item.type === 'void' ? referenced!.id : null,
    reversalOfId: item.type === 'reversal' ? referenced!.id : null,
    timeoutSeconds,
    expiresAt: timeoutSeconds === null ? null : new Date(facts.now.getTime() + timeoutSeconds * 1000),
    kind: item.kind ?? defaults.kind,
    memo: item.memo ?? '',
    reference: item.reference ?? null,
    createdAt: facts.now,
  };
  const debitState = state.stateOf(debit, currency.scale);
  const creditState = state.stateOf(credit, currency.scale);
  const held = item.type === 'post' || item.type === 'void' ? toUnits(referenced!.amount, currency.scale) : null;
  const mark = state.mark();
  const units = amount === requested ? requestedUnits(own, amount, currency.scale) : toUnits(amount, currency.scale);
  const createdIndex = state.apply(transfer, units, held, debitState, creditState);
  if (raisesUsage(transfer.type)) {
    let code: TransferFailureCode | null = null;
    if (unitsBeyondCreditLimit(debitState.counters, debitState.limits)) code = 'exceeds_credit_limit';
    else if (unitsBeyondMaximumBalance(creditState.counters, creditState.limits)) code = 'exceeds_maximum_balance';
    if (code !== null) {
      state.rollback(mark);
      return failure(code);
    }
  }
  return { ok: true, createdIndex, alreadyExisted: false };
}

/**
 * Decides a batch. Chains follow TigerBeetle: an item with `linked` set is chained to the next; the
 * chain ends with the first item without the flag. If any item of a chain fails, the chain's
 * effects are undone, the failing item keeps its code and the others get linked_event_failed. A
 * chain still open at the end of the batch fails with linked_event_chain_open on its last item.
 */
export function decideTransfers(
  items: readonly DecisionItem[],
  facts: TransferBatchFacts,
  newId: () => string,
): TransferBatchDecision {
  const state = new BatchState(facts);
  const outcomes: TransferOutcome[] = new Array<TransferOutcome>(items.length);
  let start = 0;
  while (start < items.length) {
    let end = start;
    while (end < items.length - 1 && items[end]!.linked) end += 1;
    if (items[end]!.linked) {
      for (let index = start; index < end; index += 1) outcomes[index] = failure('linked_event_failed');
      outcomes[end] = failure('linked_event_chain_open');
      break;
    }
    const mark = state.mark();
    let failedIndex = -1;
    for (let index = start; index <= end; index += 1) {
      const outcome = decideItem(items[index]!, facts, state, newId);
      outcomes[index] = outcome;
      if (!outcome.ok) {
        failedIndex = index;
        break;
      }
    }
    if (failedIndex >= 0 && end > start) {
      state.rollback(mark);
      for (let index = start; index <= end; index += 1) {
        if (index !== failedIndex) outcomes[index] = failure('linked_event_failed');
      }
    }
    start = end + 1;
  }
  return {
    outcomes,
    newTransfers: state.created,
    balanceChanges: state.balanceChanges(),
    pendingsOpened: state.created
      .filter((transfer) => transfer.type === 'pending')
      .map((transfer) => ({ transferId: transfer.id, expiresAt: transfer.expiresAt })),
    pendingsResolved: state.created.filter((transfer) => transfer.pendingId !== null).map((transfer) => transfer.pendingId!),
  };
}

