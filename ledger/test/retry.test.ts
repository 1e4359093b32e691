// Retries: the same idempotency key sent concurrently, and again after a dropped connection, yields
// exactly one transfer.
import { Client } from 'pg';
import { type Ledger, type TransferRequest, createLedger, createSqlLedgerStore } from '../src/index';
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

/** Separate ledgers on the same database: separate coalescers, so separate transactions. */
function otherClients(count: number): Ledger[] {
  return Array.from({ length: count }, () => createLedger({ store: createSqlLedgerStore(t.database.sqlDriver), clock: t.clock.now }));
}

async function transfersWithKey(key: string): Promise<number> {
  const rows = await t.database.prisma.$queryRawUnsafe<Array<{ count: number }>>('SELECT count(*)::int AS count FROM ledger_transfer WHERE idempotency_key = $1', key);
  return Number(rows[0]!.count);
}

describe('retries', () => {
  it('same key and content sent concurrently: one transfer, every caller gets it', async () => {
    const anna = await createMember(t.ledger, 'anna-rt1');
    const ben = await createMember(t.ledger, 'ben-rt1');
    const request: TransferRequest = { type: 'immediate', idempotencyKey: newKey('same'), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '3.00', kind: 'payment' };
    const results = await Promise.all([
      ...otherClients(8).map((client) => client.createTransfers([request]).then((batch) => batch[0]!)),
      ...Array.from({ length: 8 }, () => t.ledger.createTransfer(request)),
    ]);
    const transfers = results.map((result) => expectOk(result));
    expect(new Set(transfers.map((result) => result.transfer.id)).size).toBe(1);
    expect(transfers.filter((result) => !result.alreadyExisted)).toHaveLength(1);
    expect(await transfersWithKey(request.idempotencyKey)).toBe(1);
    const [balance] = await t.ledger.getBalances([anna.id]);
    expect(balance!.posted.toFixed(2)).toBe('-3.00');
  });

  it('same key with different content sent concurrently: one wins, the others are told the key is taken', async () => {
    // Different payers: the transactions share no account lock, so they race on the key's unique
    // index itself, and the losers are decided again after the winner committed.
    const payers = await Promise.all([0, 1, 2, 3, 4, 5].map((index) => createMember(t.ledger, `payer-rt2-${index}`)));
    const payees = await Promise.all([0, 1, 2, 3, 4, 5].map((index) => createMember(t.ledger, `payee-rt2-${index}`)));
    const key = newKey('contested');
    const results = await Promise.all(
      otherClients(6).map((client, index) =>
        client
          .createTransfers([{ type: 'immediate', idempotencyKey: key, debitAccountId: payers[index]!.id, creditAccountId: payees[index]!.id, currency: CURRENCY, amount: `${index + 1}.00`, kind: 'payment' }])
          .then((batch) => batch[0]!),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual(['idempotency_key_reused', 'idempotency_key_reused', 'idempotency_key_reused', 'idempotency_key_reused', 'idempotency_key_reused', 'ok']);
    expect(await transfersWithKey(key)).toBe(1);
  });

  it('a hold posted and voided concurrently is resolved once', async () => {
    const anna = await createMember(t.ledger, 'anna-rt5');
    const ben = await createMember(t.ledger, 'ben-rt5');
    const [holdResult] = await t.ledger.createTransfers([
      { type: 'pending', idempotencyKey: newKey('hold'), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '4.00', kind: 'escrow' },
    ]);
    const pending = expectOk(holdResult).transfer;
    const results = await Promise.all(
      otherClients(6).map((client, index) =>
        client
          .createTransfers([{ type: index % 2 === 0 ? 'post' : 'void', idempotencyKey: newKey('resolve'), pendingId: pending.id }])
          .then((batch) => batch[0]!),
      ),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((code) => code === 'ok')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'ok').every((code) => code === 'pending_already_posted' || code === 'pending_already_voided')).toBe(true);
    const [balance] = await t.ledger.getBalances([anna.id]);
    expect(balance!.pendingDebits.toFixed(2)).toBe('0.00');
    expect((await t.ledger.verifyLedger()).ok).toBe(true);
  });

  it('concurrent partial reversals never reverse more than the original', async () => {
    const anna = await createMember(t.ledger, 'anna-rt6');
    const ben = await createMember(t.ledger, 'ben-rt6');
    const [paid] = await t.ledger.createTransfers([
      { type: 'immediate', idempotencyKey: newKey('pay'), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '10.00', kind: 'payment' },
    ]);
    const original = expectOk(paid).transfer;
    const results = await Promise.all(
      otherClients(4).map((client) =>
        client.createTransfers([{ type: 'reversal', idempotencyKey: newKey('reverse'), transferId: original.id, amount: '4.00' }]).then((batch) => batch[0]!),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual(['ok', 'ok', 'reversal_exceeds_remaining', 'reversal_exceeds_remaining']);
    const [balance] = await t.ledger.getBalances([anna.id]);
    expect(balance!.posted.toFixed(2)).toBe('-2.00');
  });

  it('a reply lost after commit: the retry returns the committed transfer', async () => {
    const anna = await createMember(t.ledger, 'anna-rt3');
    const ben = await createMember(t.ledger, 'ben-rt3');
    const request: TransferRequest = { type: 'immediate', idempotencyKey: newKey('lost'), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '1.00', kind: 'payment' };
    const [lost] = otherClients(1);
    const committed = expectOk(await lost!.createTransfer(request)).transfer;
    const retried = expectOk(await t.ledger.createTransfer(request));
    expect([retried.alreadyExisted, retried.transfer.id]).toEqual([true, committed.id]);
  });

  const onPostgres = process.env.DATABASE_URL ? it : it.skip;
  onPostgres('a connection killed in the middle of a batch: nothing is written, the retry writes exactly one transfer', async () => {
    const anna = await createMember(t.ledger, 'anna-rt4');
    const ben = await createMember(t.ledger, 'ben-rt4');
    const request: TransferRequest = { type: 'immediate', idempotencyKey: newKey('killed'), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '2.00', kind: 'payment' };
    const blocker = new Client({ connectionString: t.database.url });
    const admin = new Client({ connectionString: t.database.url });
    await blocker.connect();
    await admin.connect();
    try {
      // Hold the account's row lock, so the ledger's transaction stops inside its lock statement.
      const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM ledger_account WHERE id = $1 FOR UPDATE', [anna.id]);
      const attempt = t.ledger.createTransfers([request]);
      const outcome = attempt.then(
        () => 'resolved',
        (error: unknown) => `rejected: ${String(error)}`,
      );
      let victim: number | undefined;
      for (let attempt = 0; victim === undefined; attempt += 1) {
        if (attempt > 2000) throw new Error('The ledger never waited for the account lock');
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ledger_account%' AND pid <> $1`,
          [blockerPid],
        );
        victim = rows[0]?.pid;
        if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await admin.query('SELECT pg_terminate_backend($1)', [victim]);
      expect(await outcome).toMatch(/^rejected/);
      await blocker.query('ROLLBACK');
      expect(await transfersWithKey(request.idempotencyKey)).toBe(0);

      const retried = expectOk((await t.ledger.createTransfers([request]))[0]);
      expect(retried.alreadyExisted).toBe(false);
      expect(codeOf((await t.ledger.createTransfers([request]))[0])).toBe('exists');
      expect(await transfersWithKey(request.idempotencyKey)).toBe(1);
      const [balance] = await t.ledger.getBalances([anna.id]);
      expect(balance!.posted.toFixed(2)).toBe('-2.00');
    } finally {
      await blocker.end();
      await admin.end();
    }
  });
});
