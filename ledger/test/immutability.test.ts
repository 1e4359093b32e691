// Transfers, limit history and blocks are append-only at the database level; accounts and currencies
// are never deleted and keep what they are.
import { CURRENCY, type TestLedger, createMember, expectOk, newKey, openTestLedger, sealEverything } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
  const anna = await createMember(t.ledger, 'anna-i');
  const ben = await createMember(t.ledger, 'ben-i');
  expectOk(
    (await t.ledger.createTransfers([{ type: 'immediate', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '1.00', kind: 'payment' }]))[0],
  );
  expect(await sealEverything(t.ledger)).not.toHaveLength(0);
});
afterAll(async () => {
  await t.close();
});

describe('append-only tables', () => {
  it.each([
    ['UPDATE ledger_transfer SET memo = $$changed$$'],
    ['UPDATE ledger_transfer SET amount = amount + 1'],
    ['DELETE FROM ledger_transfer'],
    ['TRUNCATE ledger_transfer CASCADE'],
    ['UPDATE ledger_account_limit SET credit_limit = 1000'],
    ['DELETE FROM ledger_account_limit'],
    ['UPDATE ledger_block SET hash = $$0$$'],
    ['DELETE FROM ledger_block'],
    ['TRUNCATE ledger_block'],
    ['DELETE FROM ledger_account'],
    ['TRUNCATE ledger_account CASCADE'],
    ['UPDATE ledger_account SET currency_code = $$OTHER$$'],
    ['UPDATE ledger_account SET type = $$system$$'],
    ['UPDATE ledger_currency SET scale = 3'],
    ['DELETE FROM ledger_currency'],
  ])('refuses %s', async (sql) => {
    await expect(t.database.prisma.$executeRawUnsafe(sql)).rejects.toThrow(/immutable/);
  });

  it('still holds every row afterwards', async () => {
    expect((await t.ledger.listTransfers({ afterSequence: 0n })).length).toBe(1);
    expect((await t.ledger.verifyLedger()).ok).toBe(true);
  });
});

describe('account rules', () => {
  it.each([
    ['UPDATE ledger_account SET status = $$frozen$$', 'ledger_account_status_known'],
    ['UPDATE ledger_account SET status = $$closed$$', 'ledger_account_closed_at'],
    ['UPDATE ledger_account SET closed_at = now()', 'ledger_account_closed_at'],
    ['UPDATE ledger_account SET credit_limit = -1', 'ledger_account_credit_limit_range'],
    ['UPDATE ledger_account SET maximum_balance = -1', 'ledger_account_maximum_balance_range'],
    ['UPDATE ledger_account SET code = $$x$$ WHERE type = $$fund$$', 'ledger_account_system_code'],
    ['UPDATE ledger_account SET debits_pending = -1', 'ledger_account_counters_range'],
    [
      `INSERT INTO ledger_account (id, currency_code, type, code, name, credit_limit, status, created_at)
       VALUES (gen_random_uuid(), $$${CURRENCY}$$, $$wizard$$, NULL, $$W$$, 0, $$open$$, now())`,
      'ledger_account_type_known',
    ],
  ])('refuses %s', async (sql, rule) => {
    await expect(t.database.prisma.$executeRawUnsafe(sql)).rejects.toThrow(rule);
  });

  it('lets the counters and limits change within the rules', async () => {
    await expect(t.database.prisma.$executeRawUnsafe('UPDATE ledger_account SET credit_limit = credit_limit, debits_pending = debits_pending')).resolves.toBeGreaterThan(0);
    expect((await t.ledger.verifyLedger()).ok).toBe(true);
  });
});

