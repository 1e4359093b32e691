// verifyLedger finds the first broken item when rows are changed behind the ledger's back.
import { CURRENCY, type TestLedger, createMember, expectOk, newKey, openTestLedger, sealEverything } from './support';

let t: TestLedger;
let anna: string;
let ben: string;

beforeAll(async () => {
  t = await openTestLedger();
  anna = (await createMember(t.ledger, 'anna-v', { creditLimit: '10.00' })).id;
  ben = (await createMember(t.ledger, 'ben-v')).id;
  const results = await t.ledger.createTransfers([
    { type: 'immediate', idempotencyKey: newKey(), debitAccountId: anna, creditAccountId: ben, currency: CURRENCY, amount: '6.00', kind: 'payment' },
    { type: 'pending', idempotencyKey: newKey(), debitAccountId: ben, creditAccountId: anna, currency: CURRENCY, amount: '2.00', kind: 'escrow' },
  ]);
  results.forEach((result) => expectOk(result));
  await sealEverything(t.ledger);
});
afterAll(async () => {
  await t.close();
});

const sql = (statement: string) => t.database.prisma.$executeRawUnsafe(statement);

describe('verifyLedger', () => {
  it('passes on an untouched ledger', async () => {
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, summary: { transfers: 2, unsealedTransfers: 0 } });
    expect(await t.ledger.verifyReferences()).toEqual({ ok: true });
  });

  it('names the currency whose balances no longer sum to zero', async () => {
    await sql(`UPDATE ledger_account SET credits_posted = credits_posted + 1 WHERE id = '${ben}'`);
    try {
      expect(await t.ledger.verifyLedger()).toMatchObject({ ok: false, problem: { check: 'zero_sum', currency: CURRENCY } });
    } finally {
      await sql(`UPDATE ledger_account SET credits_posted = credits_posted - 1 WHERE id = '${ben}'`);
    }
  });

  it('names the account whose cached balance differs from its transfers', async () => {
    await sql(`UPDATE ledger_account SET credits_posted = credits_posted + 1, debits_posted = debits_posted + 1 WHERE id = '${ben}'`);
    try {
      expect(await t.ledger.verifyLedger()).toMatchObject({ ok: false, problem: { check: 'cached_balance', accountId: ben } });
    } finally {
      await sql(`UPDATE ledger_account SET credits_posted = credits_posted - 1, debits_posted = debits_posted - 1 WHERE id = '${ben}'`);
    }
  });

  it('names a hold missing from the open-hold bookkeeping', async () => {
    const rows = await t.database.prisma.$queryRawUnsafe<Array<{ id: string }>>('SELECT transfer_id::text AS id FROM ledger_pending_open');
    const held = rows[0]!.id;
    await sql(`DELETE FROM ledger_pending_open WHERE transfer_id = '${held}'`);
    try {
      expect(await t.ledger.verifyLedger()).toMatchObject({ ok: false, problem: { check: 'open_pending', transferId: held } });
    } finally {
      await sql(`INSERT INTO ledger_pending_open (transfer_id) VALUES ('${held}')`);
    }
  });

  it('names a transfer that took an account beyond its credit limit', async () => {
    const fresh = await openTestLedger();
    try {
      const a = (await createMember(fresh.ledger, 'a', { creditLimit: '5.00' })).id;
      const b = (await createMember(fresh.ledger, 'b')).id;
      // Written past the ledger: a transfer and its counters, consistent with each other but over the limit.
      await fresh.database.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO ledger_transfer (id, idempotency_key, type, debit_account_id, credit_account_id, currency_code, amount, kind, created_at)
           VALUES ('30000000-0000-4000-8000-000000000001', 'forged', 'immediate', '${a}', '${b}', 'TALER', 9, 'payment', now())`,
        );
        await tx.$executeRawUnsafe(`UPDATE ledger_account SET debits_posted = debits_posted + 9 WHERE id = '${a}'`);
        await tx.$executeRawUnsafe(`UPDATE ledger_account SET credits_posted = credits_posted + 9 WHERE id = '${b}'`);
      });
      expect(await fresh.ledger.verifyLedger()).toMatchObject({
        ok: false,
        problem: { check: 'limits', violation: { kind: 'exceeds_credit_limit', transferId: '30000000-0000-4000-8000-000000000001', accountId: a } },
      });
    } finally {
      await fresh.close();
    }
  });

  it('verifyReferences names a transfer whose reference is broken', async () => {
    const fresh = await openTestLedger();
    try {
      const a = (await createMember(fresh.ledger, 'a')).id;
      const b = (await createMember(fresh.ledger, 'b')).id;
      const c = (await createMember(fresh.ledger, 'c')).id;
      const [holdResult] = await fresh.ledger.createTransfers([
        { type: 'pending', idempotencyKey: newKey(), debitAccountId: a, creditAccountId: b, currency: CURRENCY, amount: '2.00', kind: 'escrow' },
      ]);
      const hold = expectOk(holdResult).transfer;
      // A post of the hold that pays someone else, with counters made to match: only the reference
      // check can tell.
      await fresh.database.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO ledger_transfer (id, idempotency_key, type, debit_account_id, credit_account_id, currency_code, amount, pending_id, kind, created_at)
           VALUES ('30000000-0000-4000-8000-000000000002', 'forged-post', 'post', '${a}', '${c}', 'TALER', 2, '${hold.id}', 'escrow', now())`,
        );
        await tx.$executeRawUnsafe(`DELETE FROM ledger_pending_open WHERE transfer_id = '${hold.id}'`);
        await tx.$executeRawUnsafe(`UPDATE ledger_account SET debits_pending = 0, debits_posted = debits_posted + 2 WHERE id = '${a}'`);
        await tx.$executeRawUnsafe(`UPDATE ledger_account SET credits_pending = 0 WHERE id = '${b}'`);
        await tx.$executeRawUnsafe(`UPDATE ledger_account SET credits_posted = credits_posted + 2 WHERE id = '${c}'`);
      });
      expect(await fresh.ledger.verifyReferences()).toMatchObject({
        ok: false,
        problem: { transferId: '30000000-0000-4000-8000-000000000002', problem: 'resolution_mismatch' },
      });
      await fresh.database.prisma.$executeRawUnsafe(
        `INSERT INTO ledger_transfer (id, idempotency_key, type, debit_account_id, credit_account_id, currency_code, amount, kind, created_at, sequence)
         VALUES ('30000000-0000-4000-8000-000000000003', 'ghost', 'immediate', '00000000-0000-4000-8000-000000000000', '${c}', 'TALER', 1, 'payment', now(), 1)`,
      );
      expect(await fresh.ledger.verifyReferences()).toMatchObject({ ok: false, problem: { problem: 'account_missing' } });
    } finally {
      await fresh.close();
    }
  });

  it('passes again once everything is restored', async () => {
    expect((await t.ledger.verifyLedger()).ok).toBe(true);
  });
});
