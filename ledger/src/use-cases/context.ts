// What every use case needs: the store, the clock, an id source, the currency cache and the retry
// budget for transactions that a concurrent transaction got in the way of.
import { type Currency } from '../domain/currency';
import { timeOrderedUuid } from '../domain/ids';
import { LedgerStoreConflict, type LedgerStore, type LedgerStoreReader } from '../store';
import { LockTurns } from './lock-turns';

/**
 * Below this size a batch locks first: inserting first costs two more statements, which small
 * batches feel more than the shorter lock (coalesced single transfers: Node CPU per transfer rose by
 * 40 % in bench:ledger), while batches of 1,000 gain most.
 */
const INSERT_FIRST_BATCH_SIZE_MINIMUM = 100;

/**
 * The longest a batch waits for this process's batches with smaller sequence blocks to take their
 * locks first (see lock-turns.ts): only a cycle through another process's batches needs the bound.
 */
const LOCK_TURN_WAIT_MAXIMUM_MS = 5_000;

export interface LedgerContext {
  store: LedgerStore;
  /** The ledger's notion of now: creation times and expiry decisions. */
  clock: () => Date;
  /**
   * Ids of new transfers and accounts. Time-ordered (UUIDv7) by default: new keys land at the right
   * edge of the primary-key index instead of on a random leaf page.
   */
  newId: () => string;
  currencies: CurrencyCache;
  /** The order in which this process's batches that insert first take their account locks. */
  lockTurns: LockTurns;
  /** Batches of immediate and pending transfers at least this long insert before they lock. */
  insertFirstBatchSizeMinimum: number;
  /** How often a unit of work is run again after a LedgerStoreConflict. */
  conflictRetriesMaximum: number;
  /** Told about every conflict before the unit of work runs again (for metrics and tests). */
  onConflictRetry: ((conflict: LedgerStoreConflict) => void) | undefined;
}

export interface LedgerContextOptions {
  store: LedgerStore;
  clock?: () => Date;
  newId?: () => string;
  insertFirstBatchSizeMinimum?: number;
  lockTurnWaitMaximumMs?: number;
  conflictRetriesMaximum?: number;
  onConflictRetry?: (conflict: LedgerStoreConflict) => void;
}

export function createLedgerContext(options: LedgerContextOptions): LedgerContext {
  return {
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? (() => timeOrderedUuid()),
    currencies: new CurrencyCache(),
    lockTurns: new LockTurns(options.lockTurnWaitMaximumMs ?? LOCK_TURN_WAIT_MAXIMUM_MS),
    insertFirstBatchSizeMinimum: options.insertFirstBatchSizeMinimum ?? INSERT_FIRST_BATCH_SIZE_MINIMUM,
    conflictRetriesMaximum: options.conflictRetriesMaximum ?? 8,
    onConflictRetry: options.onConflictRetry,
  };
}

/**
 * Currencies never change and are never deleted, so once read they can be kept in memory for the
 * life of the process.
 */
export class CurrencyCache {
  private readonly known = new Map<string, Currency>();

  remember(currency: Currency): void {
    this.known.set(currency.code, currency);
  }

  /** The known currencies among `codes`, reading the missing ones through `reader`. */
  async load(codes: Iterable<string>, reader: LedgerStoreReader): Promise<Map<string, Currency>> {
    const wanted = new Set(codes);
    const missing = [...wanted].filter((code) => !this.known.has(code));
    if (missing.length > 0) {
      for (const currency of await reader.findCurrencies(missing)) this.remember(currency);
    }
    const found = new Map<string, Currency>();
    for (const code of wanted) {
      const currency = this.known.get(code);
      if (currency) found.set(code, currency);
    }
    return found;
  }
}

/**
 * Runs a unit of work, again after a conflict with a concurrent transaction. Each run is a fresh
 * transaction that rereads everything, so a retry decides on the state the winner left behind.
 */
export async function withConflictRetries<T>(context: LedgerContext, work: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!(error instanceof LedgerStoreConflict) || attempt >= context.conflictRetriesMaximum) throw error;
      context.onConflictRetry?.(error);
    }
  }
}

/** A programmer error: the caller broke the API's contract. */
export function assertContract(condition: unknown, message: string): asserts condition {
  if (!condition) throw new TypeError(message);
}
