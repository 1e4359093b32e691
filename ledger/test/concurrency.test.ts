// Many concurrent clients through the coalescing client: random pairs, a hot account, opposite
// directions, holds. The final balances must equal a serial replay of the accepted transfers, and no
// transfer may ever have taken an account beyond its limits. On PostgreSQL the clients run in
// parallel on a real connection pool; on PGlite everything is serialised but must be just as correct.
import { BalanceReplay } from '../src/domain/balance-replay';
import { type Account, type Ledger, type LedgerStoreConflict, type TransferRequest, type TransferResult, createLedger, createSqlLedgerStore } from '../src/index';
import { CURRENCY, type TestLedger, countTransfers, createMember, newKey, openTestLedger } from './support';

const onPostgres = Boolean(process.env.DATABASE_URL);
const MEMBERS = 24;
const CALLERS = 64;
const CALLS_PER_CALLER = onPostgres ? 30 : 15;
const CLIENTS = onPostgres ? 4 : 2;

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

/** A small seeded generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const allowedFailures = new Set(['exceeds_credit_limit', 'exceeds_maximum_balance']);

describe('concurrent clients', () => {
  it('never overdraw and end where a serial replay of the accepted transfers ends', async () => {
    const members: Account[] = [];
    for (let index = 0; index < MEMBERS; index += 1) {
      members.push(await createMember(t.ledger, `concurrent-${index}`, { creditLimit: '20.00', maximumBalance: index % 3 === 0 ? '40.00' : null }));
    }
    const hot = (await t.ledger.findAccountByCode(CURRENCY, 'fund'))!;
    const conflicts: LedgerStoreConflict[] = [];
    // Half of the clients send every batch the insert-first way, the others lock first.
    const clients: Ledger[] = Array.from({ length: CLIENTS }, (_, index) =>
      createLedger({
        store: createSqlLedgerStore(t.database.sqlDriver),
        clock: t.clock.now,
        coalescing: { batchSizeMaximum: 50, flushesConcurrentMaximum: 4 },
        ...(index % 2 === 0 ? { insertFirstBatchSizeMinimum: 1 } : {}),
        onConflictRetry: (conflict) => conflicts.push(conflict),
      }),
    );

    const results: TransferResult[] = [];
    await Promise.all(
      Array.from({ length: CALLERS }, async (_, caller) => {
        const next = random(caller + 1);
        const client = clients[caller % CLIENTS]!;
        const pick = () => members[Math.floor(next() * MEMBERS)]!;
        for (let call = 0; call < CALLS_PER_CALLER; call += 1) {
          const roll = next();
          let from = pick();
          let to = pick();
          if (roll < 0.25) to = hot;
          else if (roll < 0.5) from = hot;
          if (from.id === to.id) continue;
          const amount = (1 + Math.floor(next() * 1500) / 100).toFixed(2);
          const request: TransferRequest =
            roll > 0.9
              ? { type: 'pending', idempotencyKey: newKey('hold'), debitAccountId: from.id, creditAccountId: to.id, currency: CURRENCY, amount, kind: 'escrow' }
              : { type: 'immediate', idempotencyKey: newKey('pay'), debitAccountId: from.id, creditAccountId: to.id, currency: CURRENCY, amount, kind: 'payment' };
          const result = await client.createTransfer(request);
          results.push(result);
          if (result.ok && result.transfer.type === 'pending' && next() < 0.7) {
            const amountPosted = next() < 0.5 ? undefined : result.transfer.amount.dividedBy(2).toDecimalPlaces(2).toFixed(2);
            const post = await client.createTransfer({ type: 'post', idempotencyKey: newKey('post'), pendingId: result.transfer.id, ...(amountPosted ? { amount: amountPosted } : {}) });
            results.push(post);
          }
        }
      }),
    );
    await Promise.all(clients.map((client) => client.drain()));

    // Locks are always taken in id order: PostgreSQL never had to break a deadlock.
    expect(conflicts.filter((conflict) => conflict.sqlState === '40P01')).toEqual([]);
    const failures = results.filter((result) => !result.ok).map((result) => (result.ok ? '' : result.code));
    expect(failures.filter((code) => !allowedFailures.has(code))).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    const accepted = results.flatMap((result) => (result.ok && !result.alreadyExisted ? [result.transfer] : []));
    expect(new Set(accepted.map((transfer) => transfer.id)).size).toBe(accepted.length);
    expect(await countTransfers(t.ledger)).toBe(accepted.length);

    // Serial replay in sequence order with the same limits: no step beyond a limit, same balances.
    const replay = new BalanceReplay(new Map([[CURRENCY, 2]]));
    for (const account of [...members, hot]) {
      replay.applyLimits({ accountId: account.id, sequence: 0n, creditLimit: account.creditLimit, maximumBalance: account.maximumBalance });
    }
    for (const transfer of accepted.sort((left, right) => (left.sequence < right.sequence ? -1 : 1))) {
      expect(replay.applyTransfer(transfer)).toBeNull();
    }
    for (const account of await t.ledger.getAccounts([...members, hot].map((member) => member.id))) {
      const replayed = replay.countersOf(account.id);
      expect([account.debitsPosted, account.creditsPosted, account.debitsPending, account.creditsPending].map((value) => value.toFixed(2))).toEqual(
        [replayed.debitsPosted, replayed.creditsPosted, replayed.debitsPending, replayed.creditsPending].map((value) => value.toFixed(2)),
      );
    }
    const verification = await t.ledger.verifyLedger();
    if (!verification.ok) throw new Error(verification.problem.message);
  });
});
