// createTransfers: many transfers in one database transaction, with a result per item.
//
// Two ways to run a batch. Both lock the account rows in id order (SELECT ... FOR NO KEY UPDATE) and
// check every limit against the locked rows that the same transaction then writes: no lost update
// and no overdraft, whatever runs concurrently. Items are decided in memory by
// domain/decide-transfers.ts. Sequences come in blocks (block + position, see the store); per
// account they must follow the order in which changes are applied, which the counter update enforces.
//
// Inserted before the locks (first attempt of a large batch of immediate and pending transfers only):
// 1. decide against accounts assumed to exist, be open and have room: the rows the batch writes if
//    every item succeeds (if an item fails even so, on its own fields, the batch goes locks first);
// 2. reserve a block and insert those transfers, still without account locks, so concurrent batches
//    insert side by side (the insert is the costly part: a row and six index entries each);
// 3. in one call, lock the accounts and apply the counter changes only if every account is open, in
//    the currency, has not taken a later block, and stays within its limits even with all of the
//    batch's debits before all of its credits: then every item succeeds, in any order. If not, the
//    transaction rolls back and the batch runs again locks first, deciding item by item.
// A batch holds its account locks only for the counter update and the commit, so batches that share
// accounts (a hot account, large random batches) wait for each other far less.
//
// Locks first (later attempts, and batches that post, void or reverse):
// 1. read the transfers that post, void and reversal items refer to (immutable, so no lock needed);
// 2. in one statement, lock every account involved and read the stored transfers with the batch's
//    idempotency keys and the resolutions of its holds;
// 3. only if the batch has reversals: read the amounts already reversed, in a statement of its own
//    after the locks, because in READ COMMITTED each statement sees what committed before it started,
//    including a reversal by the batch that held the same account a moment ago;
// 4. decide every item;
// 5. reserve a block, insert the transfers and apply the counter changes in one statement.
// The key and hold lookups may miss what a concurrent batch committed while this one waited for a
// lock; the unique indexes on idempotency key and pending id then make the insert conflict, and the
// whole batch is decided again, now seeing it.
import { type DecisionItem, type NewTransfer, type TransferBatchDecision, type TransferBatchFacts, decideTransfers, itemAccountIds } from '../domain/decide-transfers';
import { isIdempotencyKey, normaliseId } from '../domain/transfer-checks';
import { type TransferResult } from '../domain/transfer-results';
import { type BatchAccount } from '../domain/units';
import { BATCH_SIZE_MAXIMUM, TRANSFER_TYPES, type Transfer, type TransferBatchItem } from '../domain/transfer';
import { type LedgerStoreTransaction } from '../store';
import { type LedgerContext, assertContract, withConflictRetries } from './context';

export async function createTransfers(context: LedgerContext, items: readonly TransferBatchItem[]): Promise<TransferResult[]> {
  assertRequests(items);
  return decideAndWrite(context, items);
}

/**
 * A batch inside a transaction that the caller shares (see use-cases/shared-transaction.ts): always
 * the locks-first way, because inserting first may wait for this process's other batches, which must
 * not happen while the caller's own row locks are held. A conflict is thrown, not retried here: it
 * aborted the caller's transaction too, so the caller's whole unit of work runs again.
 */
export async function createTransfersInTransaction(
  context: LedgerContext,
  transaction: LedgerStoreTransaction,
  items: readonly TransferBatchItem[],
): Promise<TransferResult[]> {
  assertRequests(items);
  assertBatch(items);
  if (items.length === 0) return [];
  return runBatch(context, transaction, items);
}

function assertRequests(items: readonly TransferBatchItem[]): void {
  for (const item of items) assertContract(!('expiry' in item), 'Transfer requests cannot mark themselves as expiry voids');
}

function assertBatch(items: readonly DecisionItem[]): void {
  assertContract(items.length <= BATCH_SIZE_MAXIMUM, `A batch holds at most ${BATCH_SIZE_MAXIMUM} transfers, not ${items.length}`);
  for (const item of items) {
    assertContract(typeof item === 'object' && item !== null, 'A transfer request must be an object');
    assertContract((TRANSFER_TYPES as readonly string[]).includes(item.type), `Unknown transfer type ${String(item.type)}`);
  }
}

/** Also used by the expiry job, whose voids carry the internal `expiry` mark. */
export async function decideAndWrite(context: LedgerContext, items: readonly DecisionItem[]): Promise<TransferResult[]> {
  assertBatch(items);
  if (items.length === 0) return [];
  const insertFirst =
    items.length >= context.insertFirstBatchSizeMinimum && items.every((item) => item.type === 'immediate' || item.type === 'pending');
  return withConflictRetries(context, (attempt) =>
    context.store.transaction((transaction) =>
      insertFirst && attempt === 0 ? runBatchInsertingFirst(context, transaction, items) : runBatch(context, transaction, items),
    ),
  );
}

async function runBatchInsertingFirst(
  context: LedgerContext,
  transaction: LedgerStoreTransaction,
  items: readonly DecisionItem[],
): Promise<TransferResult[]> {
  const currencyCodes = new Set<string>();
  for (const item of items) {
    if (item.type !== 'immediate' && item.type !== 'pending') throw new Error('Only immediate and pending transfers are inserted first');
    if (typeof item.currency === 'string') currencyCodes.add(item.currency);
  }
  const currencies = await context.currencies.load(currencyCodes, transaction);
  const roomy = roomyAccounts(items);
  // What the batch writes if every item succeeds: decided against accounts that exist, are open
  // and have room. An item that fails even so (its own fields, a key used twice) needs the real facts.
  // No closed period is assumed either: a transfer inside one is refused by the insert's trigger
  // (a conflict), and the batch is decided again the locks-first way, which reads the closed periods.
  const assumed: TransferBatchFacts = {
    now: context.clock(),
    closedThrough: null,
    currencies,
    accounts: roomy,
    referencedTransfers: new Map(),
    transfersByKey: new Map(),
    resolutions: new Map(),
    reversedAmounts: new Map(),
  };
  const provisional = decideTransfers(items, assumed, context.newId);
  if (!everyItemCreated(provisional)) return runBatch(context, transaction, items);
  const keys = provisional.newTransfers.map((transfer) => transfer.idempotencyKey);
  if (!context.lockTurns.claimKeys(keys)) return runBatch(context, transaction, items);
  try {
    const block = await transaction.reserveSequenceBlock();
    context.lockTurns.register(block);
    try {
      await transaction.insertTransfers(provisional.newTransfers, block);
      await context.lockTurns.turn(block);
      // The keys are all new (the unique index took them). What is left is whether the accounts take
      // the changes once locked: if so, every item succeeds whatever its order; if not, the store
      // refuses and the batch is decided item by item the locks-first way.
      await transaction.applyBalanceChangesWithinLimits(
        { balanceChanges: provisional.balanceChanges, pendingsOpened: provisional.pendingsOpened },
        block,
      );
    } finally {
      context.lockTurns.release(block);
    }
    return results(provisional, block);
  } finally {
    context.lockTurns.releaseKeys(keys);
  }
}

/** Open accounts with the items' currencies, zero counters and no limits to speak of. */
function roomyAccounts(items: readonly DecisionItem[]): Map<string, BatchAccount> {
  const accounts = new Map<string, BatchAccount>();
  for (const item of items) {
    if (item.type !== 'immediate' && item.type !== 'pending') continue;
    for (const id of itemAccountIds(item)) {
      if (id === null || accounts.has(id)) continue;
      accounts.set(id, {
        id,
        currency: String(item.currency),
        status: 'open',
        creditLimit: ROOMY_LIMIT,
        maximumBalance: null,
        debitsPosted: '0',
        creditsPosted: '0',
        debitsPending: '0',
        creditsPending: '0',
      });
    }
  }
  return accounts;
}

/** Above any sum of amounts a batch can hold (8,190 amounts below 10^15). */
const ROOMY_LIMIT = '1' + '0'.repeat(19);

/** Whether every item creates a new transfer, in item order. */
function everyItemCreated(decision: TransferBatchDecision): boolean {
  return decision.outcomes.every((outcome, index) => outcome.ok && 'createdIndex' in outcome && outcome.createdIndex === index && !outcome.alreadyExisted);
}

function accountMap(accounts: readonly BatchAccount[]): Map<string, BatchAccount> {
  const map = new Map<string, BatchAccount>();
  for (const account of accounts) map.set(account.id, account);
  return map;
}

/** The results of a written decision: transfer i of the decision got sequence block + i. */
function results(decision: TransferBatchDecision, block: bigint): TransferResult[] {
  return decision.outcomes.map((outcome): TransferResult => {
    if (!outcome.ok) return outcome;
    if ('existing' in outcome) return { ok: true, transfer: outcome.existing, alreadyExisted: true };
    const created = decision.newTransfers[outcome.createdIndex]!;
    return { ok: true, transfer: withSequence(created, block + BigInt(outcome.createdIndex)), alreadyExisted: outcome.alreadyExisted };
  });
}

/** The stored transfer (field by field: a spread of the decided one cost more than the rest of the result). */
function withSequence(created: NewTransfer, sequence: bigint): Transfer {
  return {
    id: created.id,
    sequence,
    idempotencyKey: created.idempotencyKey,
    type: created.type,
    debitAccountId: created.debitAccountId,
    creditAccountId: created.creditAccountId,
    currency: created.currency,
    amount: created.amount,
    pendingId: created.pendingId,
    reversalOfId: created.reversalOfId,
    timeoutSeconds: created.timeoutSeconds,
    expiresAt: created.expiresAt,
    kind: created.kind,
    memo: created.memo,
    reference: created.reference,
    createdAt: created.createdAt,
  };
}

async function runBatch(context: LedgerContext, transaction: LedgerStoreTransaction, items: readonly DecisionItem[]): Promise<TransferResult[]> {
  const referencedIds = new Set<string>();
  for (const item of items) {
    const id = item.type === 'post' || item.type === 'void' ? normaliseId(item.pendingId) : item.type === 'reversal' ? normaliseId(item.transferId) : null;
    if (id !== null) referencedIds.add(id);
  }
  const referenced = new Map<string, Transfer>();
  for (const transfer of await transaction.findTransfers([...referencedIds])) referenced.set(transfer.id, transfer);

  const currencyCodes = new Set<string>();
  const accountIds = new Set<string>();
  for (const item of items) {
    if (item.type === 'immediate' || item.type === 'pending') {
      if (typeof item.currency === 'string') currencyCodes.add(item.currency);
      for (const id of [normaliseId(item.debitAccountId), normaliseId(item.creditAccountId)]) if (id !== null) accountIds.add(id);
    }
  }
  for (const transfer of referenced.values()) {
    currencyCodes.add(transfer.currency);
    accountIds.add(transfer.debitAccountId);
    accountIds.add(transfer.creditAccountId);
  }
  const currencies = await context.currencies.load(currencyCodes, transaction);

  const state = await transaction.lockAccountsAndReadBatchState({
    accountIds: [...accountIds].sort(),
    keys: [...new Set(items.map((item) => item.idempotencyKey).filter(isIdempotencyKey))],
    pendingIds: [...referenced.values()].filter((t) => t.type === 'pending').map((t) => t.id),
  });
  const reversalTargets = items.flatMap((item) => (item.type === 'reversal' ? [normaliseId(item.transferId)] : []));
  const reversedAmounts = await transaction.readReversedAmounts(
    [...new Set(reversalTargets)].filter((id): id is string => id !== null && referenced.has(id)),
  );

  const facts: TransferBatchFacts = {
    now: context.clock(),
    closedThrough: state.closedThrough,
    currencies,
    accounts: accountMap(state.accounts),
    referencedTransfers: referenced,
    transfersByKey: state.transfersByKey,
    resolutions: state.resolutions,
    reversedAmounts,
  };
  const decision = decideTransfers(items, facts, context.newId);
  const block = await transaction.writeTransfers({
    transfers: decision.newTransfers,
    balanceChanges: decision.balanceChanges,
    pendingsOpened: decision.pendingsOpened,
    pendingsResolved: decision.pendingsResolved,
  });
  return results(decision, block);
}
