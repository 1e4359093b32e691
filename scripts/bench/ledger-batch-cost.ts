// What one createTransfers call costs, split into a fixed part per batch (transaction, round trips,
// commit) and a part per transfer: one caller sends batches of 1, 8, 32 and 1,000 random transfers one
// after the other, and the CPU time of this process and of the database's backends is divided by the
// batches and by the transfers sent. Needs PostgreSQL like bench:ledger; prints a table.
import { createLedger, createSqlLedgerStore, type Ledger, type TransferRequest } from '@allmende/ledger';
import { CpuMeter } from './cpu';
import { openBenchDatabase } from './database';
import { formatTable, nowMs } from './measure';

const settings = { accounts: 2_000, transfersPerSize: 4_000, batchSizes: [1, 8, 32, 1_000], poolSize: 4 } as const;
const currency = 'TALER';

async function main(): Promise<void> {
  const bench = await openBenchDatabase({ name: 'allmende_bench_batch_cost', poolSize: settings.poolSize });
  try {
    const ledger = createLedger({ store: createSqlLedgerStore(bench.database.sqlDriver) });
    const accountIds = await createAccounts(ledger);
    const meter = await CpuMeter.open(bench.url);
    const runId = Date.now().toString(36);
    let keyCount = 0;
    const randomRequest = (): TransferRequest => {
      const debit = Math.floor(Math.random() * accountIds.length);
      let credit = Math.floor(Math.random() * (accountIds.length - 1));
      if (credit >= debit) credit += 1;
      return {
        type: 'immediate',
        idempotencyKey: `batch-cost-${runId}-${(keyCount += 1)}`,
        debitAccountId: accountIds[debit]!,
        creditAccountId: accountIds[credit]!,
        currency,
        amount: '1.25',
        kind: 'payment',
      };
    };
    const rows: string[][] = [];
    for (const size of settings.batchSizes) {
      const batches = Math.max(1, Math.floor(settings.transfersPerSize / size));
      const transfers = batches * size;
      const start = await meter.sample();
      const startedMs = nowMs();
      for (let batch = 0; batch < batches; batch += 1) {
        const results = await ledger.createTransfers(Array.from({ length: size }, randomRequest));
        if (!results.every((result) => result.ok)) throw new Error('A transfer was refused; the accounts need higher limits');
      }
      const wallMs = nowMs() - startedMs;
      const cpu = CpuMeter.between(start, await meter.sample());
      const perBatch = (ms: number) => (ms / batches).toFixed(2);
      const perTransfer = (ms: number) => ((ms * 1000) / transfers).toFixed(0);
      rows.push([
        String(size),
        String(batches),
        perBatch(wallMs),
        perBatch(cpu.nodeMs),
        cpu.postgresMs === null ? '-' : perBatch(cpu.postgresMs),
        perTransfer(cpu.nodeMs),
        cpu.postgresMs === null ? '-' : perTransfer(cpu.postgresMs),
      ]);
    }
    await meter.close();
    console.log(
      formatTable(['batch size', 'batches', 'wall ms/batch', 'node CPU ms/batch', 'pg CPU ms/batch', 'node CPU µs/transfer', 'pg CPU µs/transfer'], rows),
    );
  } finally {
    await bench.close();
  }
}

async function createAccounts(ledger: Ledger): Promise<string[]> {
  const created = await ledger.createCurrency({ code: currency, name: 'Taler', symbol: 'T', scale: 2 });
  if (!created.ok) throw new Error(`Could not create the currency: ${created.code}`);
  const ids: string[] = [];
  for (let index = 0; index < settings.accounts; index += 1) {
    const result = await ledger.createAccount({
      currency,
      type: 'member',
      code: `batch-cost-${index}`,
      name: `Batch cost ${index}`,
      creditLimit: '100000000.00',
      maximumBalance: null,
    });
    if (!result.ok) throw new Error(`Could not create an account: ${result.code}`);
    ids.push(result.account.id);
  }
  return ids;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
