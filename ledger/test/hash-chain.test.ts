// Sealing transfers into the hash chain, and detecting changes made behind the ledger's back.
import { Client } from 'pg';
import { CURRENCY, type TestLedger, createMember, expectOk, newKey, openTestLedger, sealEverything } from './support';

let t: TestLedger;
let anna: string;
let ben: string;

beforeAll(async () => {
  t = await openTestLedger();
  anna = (await createMember(t.ledger, 'anna-h')).id;
  ben = (await createMember(t.ledger, 'ben-h')).id;
});
afterAll(async () => {
  await t.close();
});

async function pay(count: number, memo = 'chain'): Promise<string[]> {
  const results = await t.ledger.createTransfers(
    Array.from({ length: count }, (_, index) => ({
      type: 'immediate' as const,
      idempotencyKey: newKey('chain'),
      debitAccountId: index % 2 === 0 ? anna : ben,
      creditAccountId: index % 2 === 0 ? ben : anna,
      currency: CURRENCY,
      amount: '1.25',
      kind: 'payment',
      memo,
    })),
  );
  return results.map((result) => expectOk(result).transfer.id);
}

/** Runs SQL with the immutability triggers switched off, as an intruder with database access could. */
async function behindTheLedgersBack(sql: string): Promise<void> {
  await t.database.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('ALTER TABLE ledger_transfer DISABLE TRIGGER ledger_transfer_immutable');
    await tx.$executeRawUnsafe('ALTER TABLE ledger_block DISABLE TRIGGER ledger_block_immutable');
    await tx.$executeRawUnsafe(sql);
    await tx.$executeRawUnsafe('ALTER TABLE ledger_transfer ENABLE TRIGGER ledger_transfer_immutable');
    await tx.$executeRawUnsafe('ALTER TABLE ledger_block ENABLE TRIGGER ledger_block_immutable');
  });
}

describe('hash chain', () => {
  it('seals transfers in blocks that link to each other, and verifies them', async () => {
    await pay(5);
    const blocks = await sealEverything(t.ledger, { transfersMaximum: 2 });
    expect(blocks.map((block) => block.number)).toEqual(blocks.map((_, index) => BigInt(index + 1)));
    expect(blocks.every((block) => block.transferCount <= 2)).toBe(true);
    expect(blocks.reduce((sum, block) => sum + block.transferCount, 0)).toBe(5);
    expect(blocks[1]!.previousHash).toBe(blocks[0]!.hash);
    expect(await t.ledger.sealBlock()).toBeNull();
    await pay(3);
    const more = await sealEverything(t.ledger);
    expect(more[0]?.number).toBe(BigInt(blocks.length + 1));
    const verification = await t.ledger.verifyChain();
    expect(verification).toMatchObject({ ok: true, blocks: blocks.length + more.length, transfers: 8 });
  });

  it('names the sealed transfer whose content was changed, and the block whose hash was changed', async () => {
    const [victim] = await pay(3, 'untouched');
    await sealEverything(t.ledger);
    await behindTheLedgersBack(`UPDATE ledger_transfer SET memo = 'rewritten' WHERE id = '${victim}'`);
    const verification = await t.ledger.verifyChain();
    expect(verification).toMatchObject({ ok: false, problem: { kind: 'transfer_digest_mismatch', transferId: victim } });
    const ledgerCheck = await t.ledger.verifyLedger();
    expect(ledgerCheck).toMatchObject({ ok: false, problem: { check: 'chain', chain: { transferId: victim } } });
    await behindTheLedgersBack(`UPDATE ledger_transfer SET memo = 'untouched' WHERE id = '${victim}'`);
    expect((await t.ledger.verifyChain()).ok).toBe(true);

    await behindTheLedgersBack(`UPDATE ledger_block SET hash = repeat('a', 64) WHERE number = 1`);
    expect(await t.ledger.verifyChain()).toMatchObject({ ok: false, problem: { kind: 'block_hash_mismatch', blockNumber: 1n } });
  });

  it('notices a removed sealed transfer', async () => {
    const fresh = await openTestLedger();
    try {
      const a = (await createMember(fresh.ledger, 'a')).id;
      const b = (await createMember(fresh.ledger, 'b')).id;
      const results = await fresh.ledger.createTransfers(
        [1, 2, 3].map(() => ({ type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: a, creditAccountId: b, currency: CURRENCY, amount: '1.00', kind: 'payment' })),
      );
      await sealEverything(fresh.ledger);
      const last = expectOk(results[2]).transfer.id;
      await fresh.database.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('ALTER TABLE ledger_transfer DISABLE TRIGGER ledger_transfer_immutable');
        await tx.$executeRawUnsafe(`DELETE FROM ledger_transfer WHERE id = '${last}'`);
        await tx.$executeRawUnsafe('ALTER TABLE ledger_transfer ENABLE TRIGGER ledger_transfer_immutable');
      });
      expect(await fresh.ledger.verifyChain()).toMatchObject({ ok: false, problem: { kind: 'transfer_count_mismatch', blockNumber: 1n } });
    } finally {
      await fresh.close();
    }
  });

  const onPostgres = process.env.DATABASE_URL ? it : it.skip;
  onPostgres('waits for an older transaction that is still running, then seals its transfer first', async () => {
    const fresh = await openTestLedger();
    const intruder = new Client({ connectionString: fresh.database.url });
    await intruder.connect();
    try {
      const a = (await createMember(fresh.ledger, 'a')).id;
      const b = (await createMember(fresh.ledger, 'b')).id;
      await intruder.query('BEGIN');
      const { rows } = await intruder.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const olderXid = rows[0]!.xid;
      const later = await fresh.ledger.createTransfers(
        [1, 2].map(() => ({ type: 'immediate' as const, idempotencyKey: newKey(), debitAccountId: a, creditAccountId: b, currency: CURRENCY, amount: '1.00', kind: 'payment' })),
      );
      expect(later.every((result) => result.ok)).toBe(true);
      // Sealing now would put the two transfers before anything the older transaction still writes.
      expect(await fresh.ledger.sealBlock()).toBeNull();
      const createdAt = new Date().toISOString();
      await intruder.query(
        `INSERT INTO ledger_transfer (id, idempotency_key, type, debit_account_id, credit_account_id, currency_code, amount, kind, created_at)
         VALUES (gen_random_uuid(), $1, 'immediate', $2, $3, 'TALER', 2, 'payment', $4)`,
        [newKey('older'), b, a, createdAt],
      );
      await intruder.query(`UPDATE ledger_account SET debits_posted = debits_posted + 2 WHERE id = $1`, [b]);
      await intruder.query(`UPDATE ledger_account SET credits_posted = credits_posted + 2 WHERE id = $1`, [a]);
      await intruder.query('COMMIT');
      const blocks = await sealEverything(fresh.ledger);
      expect(blocks.reduce((sum, block) => sum + block.transferCount, 0)).toBe(3);
      expect(blocks[0]?.first.xid).toBe(olderXid);
      expect((await fresh.ledger.verifyLedger()).ok).toBe(true);
    } finally {
      await intruder.end();
      await fresh.close();
    }
  });
});
