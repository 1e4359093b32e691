// Batches written inside a transaction shared with the caller: the caller's rows and the transfers
// commit together or not at all, the same checks and locks hold as for createTransfers, the caller's
// later statements run under the session's own plan settings, and conflicts run the unit again.
import { type Account, type LedgerStoreConflict, type TransferBatchItem, createLedger, createSqlLedgerStore } from '../src/index';
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
  await t.database.sqlDriver.run('CREATE TABLE shared_transaction_probe (key text PRIMARY KEY, note text NOT NULL)', []);
});
afterAll(async () => {
  await t.close();
});

async function probeRows(key: string): Promise<number> {
  const { rows } = await t.database.sqlDriver.run<{ count: number }>('SELECT count(*)::int AS count FROM shared_transaction_probe WHERE key = $1', [key]);
  return Number(rows[0]!.count);
}

async function transfersWithKey(key: string): Promise<number> {
  const { rows } = await t.database.sqlDriver.run<{ count: number }>('SELECT count(*)::int AS count FROM ledger_transfer WHERE idempotency_key = $1', [key]);
  return Number(rows[0]!.count);
}

function payment(from: Account, to: Account, amount: string, key = newKey('shared')): TransferBatchItem {
  return { type: 'immediate', idempotencyKey: key, debitAccountId: from.id, creditAccountId: to.id, currency: CURRENCY, amount, kind: 'payment' };
}

class Abort extends Error {}

describe('shared transactions', () => {
  it('commit the caller rows and the batch together, and roll both back together', async () => {
    const anna = await createMember(t.ledger, 'anna-st1');
    const ben = await createMember(t.ledger, 'ben-st1');
    const kept = newKey('kept');
    const results = await t.ledger.transaction(async (transaction) => {
      await transaction.session.run('INSERT INTO shared_transaction_probe (key, note) VALUES ($1, $2)', [kept, 'paid']);
      return transaction.createTransfers([payment(anna, ben, '5.00', kept)]);
    });
    expect(results.map(codeOf)).toEqual(['ok']);
    expect(await probeRows(kept)).toBe(1);
    expect(await transfersWithKey(kept)).toBe(1);

    const undone = newKey('undone');
    await expect(
      t.ledger.transaction(async (transaction) => {
        await transaction.session.run('INSERT INTO shared_transaction_probe (key, note) VALUES ($1, $2)', [undone, 'paid']);
        expectOk((await transaction.createTransfers([payment(anna, ben, '7.00', undone)]))[0]);
        throw new Abort('stopped after the batch');
      }),
    ).rejects.toBeInstanceOf(Abort);
    expect(await probeRows(undone)).toBe(0);
    expect(await transfersWithKey(undone)).toBe(0);
    const [balance] = await t.ledger.getBalances([anna.id]);
    expect(balance!.posted.toFixed(2)).toBe('-5.00');
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('decide like createTransfers: a refused linked chain writes nothing and the caller decides', async () => {
    const anna = await createMember(t.ledger, 'anna-st2', { creditLimit: '10.00' });
    const ben = await createMember(t.ledger, 'ben-st2');
    const key = newKey('refused');
    const results = await t.ledger.transaction(async (transaction) => {
      const batch = await transaction.createTransfers([
        { ...payment(anna, ben, '6.00'), linked: true },
        payment(anna, ben, '6.00'),
      ]);
      // The caller may still commit its own work.
      await transaction.session.run('INSERT INTO shared_transaction_probe (key, note) VALUES ($1, $2)', [key, 'refused']);
      return batch;
    });
    expect(results.map(codeOf)).toEqual(['linked_event_failed', 'exceeds_credit_limit']);
    expect(await probeRows(key)).toBe(1);
    const [balance] = await t.ledger.getBalances([anna.id]);
    expect(balance!.posted.toFixed(2)).toBe('0.00');
  });

  it('leave the plan settings as they were for the statements after a batch', async () => {
    const anna = await createMember(t.ledger, 'anna-st3');
    const ben = await createMember(t.ledger, 'ben-st3');
    const names = ['enable_seqscan', 'enable_indexscan', 'enable_bitmapscan', 'jit', 'plan_cache_mode'];
    // One statement at a time: a session runs its statements one after the other.
    const show = async (session: { run: typeof t.database.sqlDriver.run }) => {
      const values: string[] = [];
      for (const name of names) values.push((await session.run<{ value: string }>('SELECT current_setting($1) AS value', [name])).rows[0]!.value);
      return values;
    };
    const seen = await t.ledger.transaction(async (transaction) => {
      const before = await show(transaction.session);
      const retry = payment(anna, ben, '1.00');
      expectOk((await transaction.createTransfers([retry]))[0]);
      const afterWrite = await show(transaction.session);
      // A batch that writes nothing (a repeat) still locks, and sets the settings back too.
      expect((await transaction.createTransfers([retry])).map(codeOf)).toEqual(['exists']);
      const afterRepeat = await show(transaction.session);
      return { before, afterWrite, afterRepeat };
    });
    expect(seen.before).toContain('on');
    expect(seen.afterWrite).toEqual(seen.before);
    expect(seen.afterRepeat).toEqual(seen.before);
  });

  it('run the unit again after a conflict, so a key sent concurrently yields one transfer and no overdraft', async () => {
    const payer = await createMember(t.ledger, 'payer-st4', { creditLimit: '30.00' });
    const payees = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((index) => createMember(t.ledger, `payee-st4-${index}`)));
    const conflicts: LedgerStoreConflict[] = [];
    // Separate ledgers on the same database: on PostgreSQL their transactions run side by side.
    const clients = payees.map(() => createLedger({ store: createSqlLedgerStore(t.database.sqlDriver), clock: t.clock.now, onConflictRetry: (conflict) => conflicts.push(conflict) }));
    const sharedKey = newKey('contested');
    const outcomes = await Promise.all(
      clients.map((client, index) =>
        client.transaction(async (transaction) => {
          // The caller's row takes the shared key too: only one transaction can commit it.
          await transaction.session.run('INSERT INTO shared_transaction_probe (key, note) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [`${sharedKey}-${index}`, 'attempt']);
          const [result] = await transaction.createTransfers([payment(payer, payees[0]!, '4.00', sharedKey)]);
          const [own] = await transaction.createTransfers([payment(payer, payees[index]!, '4.00')]);
          return [codeOf(result), codeOf(own)];
        }),
      ),
    );
    expect(await transfersWithKey(sharedKey)).toBe(1);
    expect(outcomes.filter(([shared]) => shared === 'ok')).toHaveLength(1);
    expect(outcomes.every(([shared]) => shared === 'ok' || shared === 'exists')).toBe(true);
    // 30.00 of credit: the shared 4.00 and six more payments of 4.00 fit, the eighth does not.
    expect(outcomes.filter(([, own]) => own === 'ok')).toHaveLength(6);
    expect(outcomes.filter(([, own]) => own === 'exceeds_credit_limit')).toHaveLength(2);
    const [balance] = await t.ledger.getBalances([payer.id]);
    expect(balance!.posted.toFixed(2)).toBe('-28.00');
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('refuse use after the work ended', async () => {
    const anna = await createMember(t.ledger, 'anna-st5');
    const ben = await createMember(t.ledger, 'ben-st5');
    const leaked = await t.ledger.transaction(async (transaction) => transaction);
    expect(() => leaked.createTransfers([payment(anna, ben, '1.00')])).toThrow(TypeError);
  });
});
