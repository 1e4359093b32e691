// The hash chain as an export: an auditor's check from the file alone finds the chain intact and ends
// at the chain head; a changed transfer, a dropped block or a cut-off file is found; a CSV export
// matches the sealed transfers row by row, and a changed row does not.
import { checkCsvAgainstChain, exportJournal, verifyChainExport } from '../src';
import { CURRENCY, type TestLedger, createMember, expectOk, newKey, openTestLedger, sealEverything } from './support';

let t: TestLedger;
let chainText: string;

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

beforeAll(async () => {
  t = await openTestLedger();
  const anna = await createMember(t.ledger, 'anna');
  const ben = await createMember(t.ledger, 'ben');
  for (let round = 0; round < 3; round += 1) {
    const results = await t.ledger.createTransfers([
      { type: 'immediate', idempotencyKey: newKey(), debitAccountId: anna.id, creditAccountId: ben.id, currency: CURRENCY, amount: '2.50', kind: 'payment', memo: '=SUM(A1), "quoted"' },
      { type: 'pending', idempotencyKey: newKey(), debitAccountId: ben.id, creditAccountId: anna.id, currency: CURRENCY, amount: '1.00', kind: 'escrow', timeoutSeconds: 60 },
    ]);
    expectOk(results[1]);
    await sealEverything(t.ledger);
    t.clock.advanceSeconds(3600);
  }
  chainText = await collect(t.ledger.exportChain());
});
afterAll(async () => {
  await t.close();
});

describe('chain export', () => {
  it('verifies from the file alone and ends at the chain head', async () => {
    const result = await verifyChainExport(chainText.split('\n'));
    if (!result.ok) throw new Error(result.message);
    const chain = await t.ledger.verifyChain();
    if (!chain.ok) throw new Error(chain.problem.message);
    expect(result).toMatchObject({ blocks: chain.blocks, transfers: 6, lastBlockNumber: chain.head.lastBlockNumber.toString(), lastHash: chain.head.lastHash });
  });

  it('finds a changed transfer, a dropped block and a cut-off file', async () => {
    const changed = chainText.replace('\\"2.5\\"', '\\"3.5\\"');
    expect(changed).not.toBe(chainText);
    expect(await verifyChainExport(changed.split('\n'))).toMatchObject({ ok: false, message: expect.stringContaining('does not match its hash') });
    const lines = chainText.trimEnd().split('\n');
    expect(await verifyChainExport([lines[0]!, ...lines.slice(2)])).toMatchObject({ ok: false, message: expect.stringContaining('after block 0') });
    expect(await verifyChainExport(lines.slice(0, -1))).toMatchObject({ ok: false, message: expect.stringContaining('announces block') });
    expect(await verifyChainExport(['{"format":"something else"}'])).toMatchObject({ ok: false, line: 1 });
  });

  it('checks a CSV export row by row against the sealed transfers', async () => {
    const chain = await verifyChainExport(chainText.split('\n'));
    if (!chain.ok) throw new Error(chain.message);
    const csv = await collect(exportJournal(t.ledger, { format: 'csv', currency: CURRENCY }));
    expect(checkCsvAgainstChain(csv, chain.transfersById)).toEqual({ ok: true, rows: 6, sealed: 6, unsealed: 0 });
    expect(checkCsvAgainstChain(csv.replace(',2.50,TALER,', ',2.49,TALER,'), chain.transfersById)).toMatchObject({ ok: false, row: 2 });
    expect(checkCsvAgainstChain('a,b\r\n', chain.transfersById)).toMatchObject({ ok: false, row: 1 });
  });
});
