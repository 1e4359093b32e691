// createTransfers: many transfers in one database transaction, with a result per item.
//
// Steps inside the transaction, in this order:
// 1. read the transfers that post, void and reversal items refer to (immutable, so no lock needed);
// 2. in one statement, lock every account involved, in id order (SELECT ... FOR NO KEY UPDATE), and
//    read the stored transfers with the batch's idempotency keys and the resolutions of its holds;
// 3. only if the batch has reversals: read the amounts already reversed, in a statement of its own
//    after the locks, because in READ COMMITTED each statement sees what committed before it started,
//    including a reversal by the batch that held the same account a moment ago;
// 4. decide every item in memory (domain/decide-transfers.ts);
// 5. insert the transfers and apply the counter changes in one statement.
// Limits are checked against the locked rows (locked rows are read in their latest version) that the
// same transaction then writes: no lost update and no overdraft, whatever runs concurrently. The key
// and hold lookups of step 2 may miss what a concurrent batch committed while this one waited for a
// lock; the unique indexes on idempotency key and pending id then make the insert conflict, and the
// whole batch is decided again, now seeing it.
import { type DecisionItem, type TransferBatchFacts, decideTransfers } from '../domain/decide-transfers';
import { isIdempotencyKey, normaliseId } from '../domain/transfer-checks';
import { type TransferResult } from '../domain/transfer-results';
import { type BatchAccount } from '../domain/units';
import { BATCH_SIZE_MAXIMUM, TRANSFER_TYPES, type Transfer, type TransferBatchItem } from '../domain/transfer';
import { type LedgerStoreTransaction } from '../store';
import { type LedgerContext, assertContract, withConflictRetries } from './context';

export async function createTransfers(context: LedgerContext, items: readonly TransferBatchItem[]): Promise<TransferResult[]> {
  for (const item of items) assertContract(!('expiry' in item), 'Transfer requests cannot mark themselves as expiry voids');
  return decideAndWrite(context, items);
}

/** Also used by the expiry job, whose voids carry the internal `expiry` mark. */
export async function decideAndWrite(context: LedgerContext, items: readonly DecisionItem[]): Promise<TransferResult[]> {
  assertContract(items.length <= BATCH_SIZE_MAXIMUM, `A batch holds at most ${BATCH_SIZE_MAXIMUM} transfers, not ${items.length}`);
  for (const item of items) {
    assertContract(typeof item === 'object' && item !== null, 'A transfer request must be an object');
    assertContract((TRANSFER_TYPES as readonly string[]).includes(item.type), `Unknown transfer type ${String(item.type)}`);
  }
  if (items.length === 0) return [];
  return withConflictRetries(context, () => context.store.transaction((transaction) => runBatch(context, transaction, items)));
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
  const accounts = new Map<string, BatchAccount>();
  for (const account of state.accounts) accounts.set(account.id, account);
  const reversalTargets = items.flatMap((item) => (item.type === 'reversal' ? [normaliseId(item.transferId)] : []));
  const reversedAmounts = await transaction.readReversedAmounts(
    [...new Set(reversalTargets)].filter((id): id is string => id !== null && referenced.has(id)),
  );

  const facts: TransferBatchFacts = {
    now: context.clock(),
    currencies,
    accounts,
    referencedTransfers: referenced,
    transfersByKey: state.transfersByKey,
    resolutions: state.resolutions,
    reversedAmounts,
  };
  const decision = decideTransfers(items, facts, context.newId);
  const written = await transaction.writeTransfers({
    transfers: decision.newTransfers,
    balanceChanges: decision.balanceChanges,
    pendingsOpened: decision.pendingsOpened,
    pendingsResolved: decision.pendingsResolved,
  });
  const sequences = new Map(written.map((row) => [row.id, row.sequence]));

  return decision.outcomes.map((outcome): TransferResult => {
    if (!outcome.ok) return outcome;
    if ('existing' in outcome) return { ok: true, transfer: outcome.existing, alreadyExisted: true };
    const created = decision.newTransfers[outcome.createdIndex]!;
    const sequence = sequences.get(created.id);
    if (sequence === undefined) throw new Error(`Transfer ${created.id} was decided but not written`);
    return { ok: true, transfer: { ...created, sequence }, alreadyExisted: outcome.alreadyExisted };
  });
}
