// Batches of immediate and pending transfers insert their rows before they lock their accounts.
// Whatever happens between the insert and the locks, the result must be what locking first gives,
// and per account the sequences must follow the order in which the changes were applied.
import { BalanceReplay } from '../src/domain/balance-replay';
import { type Ledger, type LedgerStoreConflict, type SqlDriver, createLedger, createSqlLedgerStore } from '../src/index';
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger, postedBalances } from './support';

const onPostgres = Boolean(process.env.DATABASE_URL);

let t: TestLedger;
/** Every batch of immediate and pending transfers goes the insert-first way, however short. */
let ledger: Ledger;
const conflicts: LedgerStoreConflict[] = [];
beforeAll(async () => {
  t = await openTestLedger();
  ledger = createLedger({
    store: createSqlLedgerStore(t.database.sqlDriver),
    clock: t.clock.now,
    insertFirstBatchSizeMinimum: 1,
    onConflictRetry: (conflict) => conflicts.push(conflict),
  });
});
beforeEach(() => {
  conflicts.length = 0;
});
afterAll(async () => {
  await t.close();
});

/** A driver that holds the first statement containing `marker` until `open` is called. */
function gatedDriver(driver: SqlDriver, marker = 'ledger_apply_within_limits') {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const atGate = new Promise<void>((resolve) => (reached = resolve));
  let held = false;
  const gated: SqlDriver = {
    run: (text, values) => driver.run(text, values),
    transaction: (mode, work) =>
      driver.transaction(mode, (session) =>
        work({
          run: async (text, values) => {
            if (!held && text.includes(marker)) {
              held = true;
              reached();
              await gate;
            }
            return session.run(text, values);
          },
        }),
      ),
  };
  return { driver: gated, atGate, open };
}

describe('batches that insert before they lock', () => {
  it('report a failure found under the locks exactly as the locks-first way does', async () => {
    const anna = await createMember(t.ledger, 'insert-first-anna', { creditLimit: '10.00' });
    const ben = await createMember(t.ledger, 'insert-first-ben');
    const results = await ledger.createTransfers([
      { type: 'immediate', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '6.00', kind: 'payment' },
      { type: 'immediate', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '6.00', kind: 'payment' },
      { type: 'pending', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '4.00', kind: 'escrow' },
    ]);
    expect(results.map(codeOf)).toEqual(['ok', 'exceeds_credit_limit', 'ok']);
    expect(conflicts.map((conflict) => conflict.message)).toEqual([expect.stringContaining('short of room')]);
    expect(await postedBalances(t.ledger, [anna.id, ben.id])).toEqual({ [anna.id]: '-6.00', [ben.id]: '6.00' });
    const [annaBalance] = await t.ledger.getBalances([anna.id]);
    expect(annaBalance!.available.toFixed(2)).toBe('0.00');
    const verification = await t.ledger.verifyLedger();
    if (!verification.ok) throw new Error(verification.problem.message);
  });

  it.each(['immediate', 'pending'] as const)('find a credit limit exceeded by %s transfers alone under the locks', async (type) => {
    const anna = await createMember(t.ledger, `insert-first-${type}-anna`, { creditLimit: '10.00' });
    const ben = await createMember(t.ledger, `insert-first-${type}-ben`);
    const request = () => ({ type, idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '6.00', kind: 'payment' });
    const results = await ledger.createTransfers([request(), request()]);
    expect(results.map(codeOf)).toEqual(['ok', 'exceeds_credit_limit']);
    expect(conflicts.map((conflict) => conflict.message)).toEqual([expect.stringContaining('short of room')]);
    const [annaBalance] = await t.ledger.getBalances([anna.id]);
    expect(annaBalance!.available.toFixed(2)).toBe('4.00');
  });

  it('answers a retried key with the stored transfer', async () => {
    const anna = await createMember(t.ledger, 'insert-first-retry-anna');
    const ben = await createMember(t.ledger, 'insert-first-retry-ben');
    const request = { type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '2.50', kind: 'payment' };
    const first = expectOk((await ledger.createTransfers([request]))[0]);
    const [again, other] = await ledger.createTransfers([
      request,
      { ...request, idempotencyKey: newKey(), amount: '1.00' },
    ]);
    expect(expectOk(again).alreadyExisted).toBe(true);
    expect(expectOk(again).transfer.id).toBe(first.transfer.id);
    expect(codeOf(other)).toBe('ok');
    expect(conflicts.map((conflict) => conflict.sqlState)).toEqual(['23505']);
    expect(await postedBalances(t.ledger, [anna.id])).toEqual({ [anna.id]: '-3.50' });
  });

  it('store keys, memos and references with quotes, backslashes, braces and commas exactly, both ways', async () => {
    const anna = await createMember(t.ledger, 'insert-first-text-anna');
    const ben = await createMember(t.ledger, 'insert-first-text-ben');
    const awkward = ['say "hi"', 'back\\slash \\"', '{a,b}', 'NULL', ' , ', ''];
    const requests = awkward.map((text, index) => ({
      type: 'immediate' as const,
      idempotencyKey: `${newKey()}-${text.trim() === '' ? 'blank' : text.trim()}-${index}`,
      debitAccountId: anna.id,
      creditAccountId: ben.id,
      currency: CURRENCY,
      amount: '1.00',
      kind: 'payment',
      memo: text,
      reference: text === '' ? null : text,
    }));
    // Inserted first (this ledger), and locks first (the default ledger decides batches this short that way).
    for (const [sender, batch] of [[ledger, requests.slice(0, 3)], [t.ledger, requests.slice(3)]] as const) {
      const results = await sender.createTransfers(batch);
      const stored = await Promise.all(results.map(async (result) => (await t.ledger.getTransfer(expectOk(result).transfer.id))!));
      expect(stored.map((transfer) => [transfer.idempotencyKey, transfer.memo, transfer.reference])).toEqual(
        batch.map((request) => [request.idempotencyKey, request.memo, request.reference]),
      );
    }
  });

  (onPostgres ? it : it.skip)('do not wait for their turn behind a batch of this process that holds one of their keys', async () => {
    const anna = await createMember(t.ledger, 'insert-first-claim-anna');
    const ben = await createMember(t.ledger, 'insert-first-claim-ben');
    const gated = gatedDriver(t.database.sqlDriver, 'INSERT INTO ledger_transfer');
    // One process: its batches take lock turns; a wait would end only by the test's timeout.
    const process = createLedger({
      store: createSqlLedgerStore(gated.driver),
      insertFirstBatchSizeMinimum: 1,
      lockTurnWaitMaximumMs: 10 * 60_000,
      onConflictRetry: (conflict) => conflicts.push(conflict),
    });
    const shared = { type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '1.00', kind: 'payment' };
    const first = process.createTransfers([shared]);
    await gated.atGate; // holds its key and the smaller block, its insert not yet sent
    // The same key in a later batch: inserting first, it would wait for its turn behind the first
    // batch, whose insert would wait for this batch's uncommitted key.
    const second = process.createTransfers([{ ...shared }, { ...shared, idempotencyKey: newKey() }]);
    const secondResults = await second;
    gated.open();
    const [firstResult] = await first;

    expect(secondResults.map(codeOf)).toEqual(['ok', 'ok']);
    expect(expectOk(firstResult).alreadyExisted).toBe(true);
    expect(expectOk(firstResult).transfer.id).toBe(expectOk(secondResults[0]).transfer.id);
    expect(conflicts.map((conflict) => conflict.sqlState)).toEqual(['23505']);
    expect(await postedBalances(t.ledger, [anna.id])).toEqual({ [anna.id]: '-2.00' });
  });

  (onPostgres ? it : it.skip)('run again when an account took a later block first, so sequences follow the order of changes', async () => {
    const anna = await createMember(t.ledger, 'insert-first-order-anna');
    const ben = await createMember(t.ledger, 'insert-first-order-ben');
    const cleo = await createMember(t.ledger, 'insert-first-order-cleo');
    const gated = gatedDriver(t.database.sqlDriver);
    // Another process: its own ledger object, so its batches are not ordered with this one's.
    const slow = createLedger({
      store: createSqlLedgerStore(gated.driver),
      insertFirstBatchSizeMinimum: 1,
      onConflictRetry: (conflict) => conflicts.push(conflict),
    });

    const early = slow.createTransfers([
      { type: 'immediate', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '5.00', kind: 'payment' },
    ]);
    await gated.atGate; // reserved its block and inserted, but holds no lock yet
    const late = expectOk((await ledger.createTransfers([
      { type: 'immediate', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: cleo.id, currency: CURRENCY, amount: '3.00', kind: 'payment' },
    ]))[0]);
    gated.open();
    const earlyResult = expectOk((await early)[0]);

    expect(conflicts.map((conflict) => conflict.message)).toEqual([expect.stringContaining('later batch')]);
    expect(earlyResult.transfer.sequence > late.transfer.sequence).toBe(true);
    expect(await postedBalances(t.ledger, [anna.id, ben.id, cleo.id])).toEqual({ [anna.id]: '-8.00', [ben.id]: '5.00', [cleo.id]: '3.00' });
    const replay = new BalanceReplay(new Map([[CURRENCY, 2]]));
    for (const account of [anna, ben, cleo]) {
      replay.applyLimits({ accountId: account.id, sequence: 0n, creditLimit: account.creditLimit, maximumBalance: account.maximumBalance });
    }
    for (const transfer of [late.transfer, earlyResult.transfer]) expect(replay.applyTransfer(transfer)).toBeNull();
    const verification = await t.ledger.verifyLedger();
    if (!verification.ok) throw new Error(verification.problem.message);
  });
});
