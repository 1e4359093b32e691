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
