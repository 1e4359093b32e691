// Shared setup for the ledger's database tests: a fresh migrated database per test file (PGlite,
// or PostgreSQL when DATABASE_URL is set), a ledger on it with a controllable clock, and helpers.
import { createTestDatabase, type TestDatabase } from '../../scripts/test/database';
import {
  type Account,
  type Block,
  type Ledger,
  type TransferCoalescerOptions,
  type TransferResult,
  createLedger,
  createSqlLedgerStore,
} from '../src/index';

export const CURRENCY = 'TALER';

/** A clock that only moves when told to, so expiry is tested without waiting. */
export class ManualClock {
  private current: number;

  constructor(start = Date.parse('2026-03-01T12:00:00.000Z')) {
    this.current = start;
  }

  now = (): Date => new Date(this.current);

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}

export interface TestLedger {
  database: TestDatabase;
  ledger: Ledger;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function openTestLedger(options: { coalescing?: TransferCoalescerOptions; clock?: ManualClock } = {}): Promise<TestLedger> {
  const database = await createTestDatabase();
  const clock = options.clock ?? new ManualClock();
  const ledger = createLedger({
    store: createSqlLedgerStore(database.sqlDriver),
    clock: clock.now,
    ...(options.coalescing ? { coalescing: options.coalescing } : {}),
  });
  const currency = await ledger.createCurrency({ code: CURRENCY, name: 'Taler', symbol: 'T', scale: 2 });
  if (!currency.ok) throw new Error(`Could not create the test currency: ${currency.code}`);
  return {
    database,
    ledger,
    clock,
    close: async () => {
      await ledger.drain();
      await database.close();
    },
  };
}

export async function createMember(
  ledger: Ledger,
  name: string,
  limits: { creditLimit?: string; maximumBalance?: string | null } = {},
): Promise<Account> {
  const result = await ledger.createAccount({
    currency: CURRENCY,
    type: 'member',
    code: `member-${name}`,
    name,
    creditLimit: limits.creditLimit ?? '100.00',
    maximumBalance: limits.maximumBalance ?? null,
  });
  if (!result.ok) throw new Error(`Could not create account ${name}: ${result.code}`);
  return result.account;
}

let keyCounter = 0;
/** A fresh idempotency key, unique within the test run. */
export function newKey(prefix = 'k'): string {
  keyCounter += 1;
  return `${prefix}-${process.pid}-${keyCounter}`;
}

export function expectOk(result: TransferResult | undefined): Extract<TransferResult, { ok: true }> {
  if (!result || !result.ok) throw new Error(`Expected success, got ${result ? result.code : 'no result'}`);
  return result;
}

export function codeOf(result: TransferResult | undefined): string {
  if (!result) return 'missing';
  return result.ok ? (result.alreadyExisted ? 'exists' : 'ok') : result.code;
}

/** Posted balances by account id, as fixed-scale strings. */
export async function postedBalances(ledger: Ledger, ids: readonly string[]): Promise<Record<string, string>> {
  const balances = await ledger.getBalances(ids);
  return Object.fromEntries(balances.map((balance) => [balance.accountId, balance.posted.toFixed(2)]));
}

/**
 * Seals until every transfer is in a block. On PostgreSQL the sealer waits for every transaction
 * of the whole cluster that is older than the newest transfer, including other test files' work in
 * other databases, so this polls until that work has finished.
 */
export async function sealEverything(ledger: Ledger, options: { transfersMaximum?: number } = {}): Promise<Block[]> {
  const total = await countTransfers(ledger);
  const blocks: Block[] = [];
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    blocks.push(...(await ledger.sealBlocks(options)));
    const chain = await ledger.verifyChain();
    if (!chain.ok) throw new Error(`Chain broken while sealing: ${chain.problem.message}`);
    if (chain.transfers === total) return blocks;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('Transfers stayed unsealed: a transaction kept running');
}

export async function countTransfers(ledger: Ledger): Promise<number> {
  let count = 0;
  for (let after = 0n; ; ) {
    const page = await ledger.listTransfers({ afterSequence: after, limit: 10_000 });
    count += page.length;
    if (page.length < 10_000) return count;
    after = page[page.length - 1]!.sequence;
  }
}
