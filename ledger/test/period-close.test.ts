// Closing a period: afterwards no transfer may be dated inside it, whichever way it is booked (a small
// batch deciding with the close in view, a large batch inserting first, a shared transaction, a raw
// insert), while retries of transfers written before the close still return them.
import { createLedger, createSqlLedgerStore, type Ledger, type TransferRequest } from '../src';
import { CURRENCY, type TestLedger, codeOf, createMember, expectOk, newKey, openTestLedger } from './support';

let t: TestLedger;
/** A second process whose clock lags behind: it still thinks it is March. */
let lagging: Ledger;
let laggingNow = new Date('2026-03-20T10:00:00Z');
let anna: string;
let ben: string;

const march = { startsAt: new Date('2026-03-01T00:00:00Z'), endsAt: new Date('2026-04-01T00:00:00Z') };

function payment(amount = '1.00', key = newKey('pay')): TransferRequest {
  return { type: 'immediate', idempotencyKey: key, debitAccountId: anna, creditAccountId: ben, currency: CURRENCY, amount, kind: 'payment' };
}

beforeAll(async () => {
  t = await openTestLedger();
  lagging = createLedger({ store: createSqlLedgerStore(t.database.sqlDriver), clock: () => laggingNow });
  anna = (await createMember(t.ledger, 'anna', { creditLimit: '1000.00' })).id;
  ben = (await createMember(t.ledger, 'ben')).id;
});
afterAll(async () => {
  await lagging.drain();
  await t.close();
});

describe('closing a period', () => {
  it('is refused while the period has not ended, and for an empty period', async () => {
    expect(await t.ledger.closePeriod(march)).toEqual({ ok: false, code: 'period_not_ended' });
    expect(await t.ledger.closePeriod({ startsAt: march.endsAt, endsAt: march.startsAt })).toEqual({ ok: false, code: 'period_invalid' });
    expect(await t.ledger.listClosedPeriods()).toEqual([]);
  });

  it('refuses every later transfer dated inside it, with period_closed, and keeps retries answering', async () => {
    const before = expectOk((await t.ledger.createTransfers([payment('2.00', 'before-close')]))[0]).transfer;
    t.clock.advanceSeconds(32 * 24 * 60 * 60); // 2 April
    const closed = await t.ledger.closePeriod(march);
    expect(closed.ok).toBe(true);
    expect(await t.ledger.listClosedPeriods()).toEqual([expect.objectContaining({ startsAt: march.startsAt, endsAt: march.endsAt })]);

    // A small batch decides with the close in view.
    expect((await lagging.createTransfers([payment()])).map(codeOf)).toEqual(['period_closed']);
    // A large batch inserts before it locks: the trigger refuses the insert, and decided again the
    // batch refuses each item.
    const large = Array.from({ length: 150 }, () => payment('0.01'));
    const results = await lagging.createTransfers(large);
    expect(new Set(results.map(codeOf))).toEqual(new Set(['period_closed']));
    // Inside a transaction shared with a caller.
    const shared = await lagging.transaction((transaction) => transaction.createTransfers([payment()]));
    expect(shared.map(codeOf)).toEqual(['period_closed']);
    // A retry of a transfer written before the close still returns it.
    const retry = (await lagging.createTransfers([payment('2.00', 'before-close')]))[0];
    expect(retry).toEqual({ ok: true, transfer: before, alreadyExisted: true });

    // Now is after the close.
    expect((await t.ledger.createTransfers([payment()])).map(codeOf)).toEqual(['ok']);
  });

  it('refuses a raw insert dated inside it, and the record of the close cannot be changed', async () => {
    const insert = `INSERT INTO ledger_transfer (id, sequence, idempotency_key, type, debit_account_id, credit_account_id, currency_code, amount, kind, created_at)
      VALUES (gen_random_uuid(), 999999999, 'raw-insert', 'immediate', '${anna}', '${ben}', '${CURRENCY}', 1, 'payment', '2026-03-15T00:00:00Z')`;
    await expect(t.database.sqlDriver.transaction('read-write', (session) => session.run(insert, []))).rejects.toMatchObject({ code: 'LP001' });
    await expect(t.database.sqlDriver.transaction('read-write', (session) => session.run('DELETE FROM ledger_period_close', []))).rejects.toThrow(/immutable/);
  });

  it('closes the books up to its end: an earlier period is closed with it, the same end is closed once', async () => {
    expect(await t.ledger.closePeriod({ startsAt: new Date('2026-02-01T00:00:00Z'), endsAt: new Date('2026-03-01T00:00:00Z') })).toEqual({ ok: false, code: 'period_already_closed' });
    expect(await t.ledger.closePeriod(march)).toEqual({ ok: false, code: 'period_already_closed' });
    const verification = await t.ledger.verifyLedger();
    expect(verification.ok).toBe(true);
    expect(await t.ledger.countTransfers()).toBe(2);
  });

  it('closes inside a transaction shared with the caller', async () => {
    laggingNow = new Date('2026-04-20T00:00:00Z');
    t.clock.advanceSeconds(30 * 24 * 60 * 60); // 2 May
    const april = { startsAt: march.endsAt, endsAt: new Date('2026-05-01T00:00:00Z') };
    const result = await t.ledger.transaction((transaction) => transaction.closePeriod(april));
    expect(result.ok).toBe(true);
    expect((await lagging.createTransfers([payment()])).map(codeOf)).toEqual(['period_closed']);
    expect((await t.ledger.listClosedPeriods()).map((period) => period.endsAt)).toEqual([april.endsAt, march.endsAt]);
  });
});
