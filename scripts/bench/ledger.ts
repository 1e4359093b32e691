// Ledger throughput on PostgreSQL, as ratios to the machine's raw commit limit measured in the same run:
// (a) single transfers from 32 concurrent callers over 10,000 accounts (random pairs), coalesced by
// the ledger's client; (b) the same with every transfer crediting one hot account; (c) batches of 1,000
// through createTransfers. Durability stays on. Prints a table and writes bench-results/ledger.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { createLedger, createSqlLedgerStore, type Ledger, type TransferRequest, type TransferResult } from '@allmende/ledger';
import { CpuMeter, type CpuUse } from './cpu';
import { openBenchDatabase } from './database';
import { formatTable, nowMs, round, summariseLatencies, type LatencySummary } from './measure';
import { measureRawCommits } from './pgbench';

const settings = {
  accounts: 10_000,
  callers: 32,
  batchSize: 1_000,
  batchCallers: 8,
  phaseSeconds: 10,
  warmUpSeconds: 1,
  poolSize: 10,
  pgbench: { clients: 32, threads: 2, durationSeconds: 10 },
  creditLimit: '100000000.00',
} as const;

const targets = { single: 0.33, hot: 0.15, batch: 1.5 } as const;
const currency = 'TALER';
const resultsPath = path.resolve(__dirname, '../../bench-results/ledger.json');

interface PhaseResult extends LatencySummary {
  transfersPerSecond: number;
  transfers: number;
  failures: number;
  calls: number;
  seconds: number;
  /** CPU time per 1,000 transfers, in ms, of this process and of the database's backends. */
  cpuMsPerThousand: { node: number; postgres: number | null };
  /** Cores kept busy on average (CPU time over wall time). */
  coresBusy: { node: number; postgres: number | null };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const bench = await openBenchDatabase({ name: 'allmende_bench', poolSize: settings.poolSize });
  try {
    log(`Database: ${redact(bench.url)}${bench.created ? ' (fresh, dropped afterwards)' : ''}`);
    log(`Raw limit: pgbench, one-row INSERT per transaction, ${settings.pgbench.clients} clients, ${settings.pgbench.durationSeconds} s ...`);
    const raw = await measureRawCommits({ databaseUrl: bench.url, ...settings.pgbench });
    log(`  ${Math.round(raw.commitsPerSecond)} commits/s`);

    const ledger = createLedger({ store: createSqlLedgerStore(bench.database.sqlDriver) });
    const meter = await CpuMeter.open(bench.url);
    const runId = Date.now().toString(36);
    const accountIds = await createAccounts(ledger, runId);
    const hot = accountIds[0]!;
    const random = (limit: number) => Math.floor(Math.random() * limit);
    const amount = () => (1 + random(9_999)) / 100;
    const randomPair = (): [string, string] => {
      const debit = random(accountIds.length);
      let credit = random(accountIds.length - 1);
      if (credit >= debit) credit += 1;
      return [accountIds[debit]!, accountIds[credit]!];
    };
    const hotPair = (): [string, string] => [accountIds[1 + random(accountIds.length - 1)]!, hot];
    let keyCount = 0;
    const request = ([debitAccountId, creditAccountId]: [string, string], phase: string): TransferRequest => ({
      type: 'immediate',
      idempotencyKey: `bench-${runId}-${phase}-${(keyCount += 1)}`,
      debitAccountId,
      creditAccountId,
      currency,
      amount: amount().toFixed(2),
      kind: 'payment',
    });

    log(`(a) single transfers, ${settings.callers} callers, random pairs, ${settings.phaseSeconds} s ...`);
    const single = await runPhase(meter, settings.callers, async () => [await ledger.createTransfer(request(randomPair(), 'single'))]);
    log(`(b) single transfers, ${settings.callers} callers, every one crediting one hot account, ${settings.phaseSeconds} s ...`);
    const hotResult = await runPhase(meter, settings.callers, async () => [await ledger.createTransfer(request(hotPair(), 'hot'))]);
    log(`(c) batches of ${settings.batchSize}, ${settings.batchCallers} callers, random pairs, ${settings.phaseSeconds} s ...`);
    const batch = await runPhase(meter, settings.batchCallers, () =>
      ledger.createTransfers(Array.from({ length: settings.batchSize }, () => request(randomPair(), 'batch'))),
    );
    await ledger.drain();
    await meter.close();

    log('Sealing and verifying the ledger ...');
    const verifyStarted = nowMs();
    await ledger.sealBlocks({ blocksMaximum: 10_000 });
    const verification = await ledger.verifyLedger();
    const verifySeconds = round((nowMs() - verifyStarted) / 1000, 1);

    const phases = { single, hot: hotResult, batch };
    const rows = (['single', 'hot', 'batch'] as const).map((name) => {
      const phase = phases[name];
      const ratio = phase.transfersPerSecond / raw.commitsPerSecond;
      return [
        { single: '(a) single, random pairs', hot: '(b) single, hot account', batch: `(c) batches of ${settings.batchSize}` }[name],
        String(Math.round(phase.transfersPerSecond)),
        phase.p50Ms.toFixed(2),
        phase.p99Ms.toFixed(2),
        phase.cpuMsPerThousand.node.toFixed(0),
        phase.cpuMsPerThousand.postgres === null ? '-' : phase.cpuMsPerThousand.postgres.toFixed(0),
        `${ratio.toFixed(2)}×`,
        `≥ ${targets[name]}×`,
        ratio >= targets[name] ? 'met' : 'MISSED',
      ];
    });
    console.log('');
    console.log(`Raw limit: ${Math.round(raw.commitsPerSecond)} one-row commits/s (${raw.command})`);
    console.log(formatTable(['Workload', 'transfers/s', 'p50 ms', 'p99 ms', 'CPU ms/1k node', 'CPU ms/1k pg', 'ratio', 'target', ''], rows));
    console.log('');
    if (verification.ok) {
      const summary = verification.summary;
      console.log(`verifyLedger: OK (${summary.accounts} accounts, ${summary.transfers} transfers, ${summary.blocks} blocks, ${summary.unsealedTransfers} unsealed) in ${verifySeconds} s`);
    } else {
      console.log(`verifyLedger: FAILED: ${verification.problem.message}`);
    }

    const output = {
      rawCommitsPerSecond: round(raw.commitsPerSecond, 1),
      single: pick(single),
      hot: pick(hotResult),
      batch: pick(batch),
      ratios: {
        single: round(single.transfersPerSecond / raw.commitsPerSecond, 3),
        hot: round(hotResult.transfersPerSecond / raw.commitsPerSecond, 3),
        batch: round(batch.transfersPerSecond / raw.commitsPerSecond, 3),
      },
      targets,
      details: { single, hot: hotResult, batch },
      verification: verification.ok ? { ok: true, ...verification.summary } : { ok: false, problem: verification.problem.message },
      settings,
      machine: { cpus: availableParallelism(), node: process.version },
      date: startedAt.toISOString(),
    };
    mkdirSync(path.dirname(resultsPath), { recursive: true });
    writeFileSync(resultsPath, `${JSON.stringify(output, null, 2)}\n`);
    log(`Wrote ${path.relative(process.cwd(), resultsPath)}`);
    if (!verification.ok) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}

function pick(phase: PhaseResult) {
  return { transfersPerSecond: phase.transfersPerSecond, p50Ms: phase.p50Ms, p99Ms: phase.p99Ms };
}

/** Opens the accounts with a credit limit high enough that no benchmark transfer is refused. */
async function createAccounts(ledger: Ledger, runId: string): Promise<string[]> {
  const created = await ledger.createCurrency({ code: currency, name: 'Taler', symbol: 'T', scale: 2 });
  if (!created.ok) throw new Error(`Could not create the currency: ${created.code}`);
  log(`Opening ${settings.accounts} accounts ...`);
  const ids: string[] = new Array<string>(settings.accounts);
  let next = 0;
  const worker = async () => {
    while (next < settings.accounts) {
      const index = next++;
      const result = await ledger.createAccount({
        currency,
        type: 'member',
        code: `bench-${runId}-${index}`,
        name: `Bench ${index}`,
        creditLimit: settings.creditLimit,
        maximumBalance: null,
      });
      if (!result.ok) throw new Error(`Could not create an account: ${result.code}`);
      ids[index] = result.account.id;
    }
  };
  await Promise.all(Array.from({ length: settings.poolSize }, worker));
  return ids;
}

/**
 * Runs `callers` loops of `call` for the warm-up and then the measured phase; every call's latency and
 * transfer count during the measured part are recorded.
 */
async function runPhase(meter: CpuMeter, callers: number, call: () => Promise<TransferResult[]>): Promise<PhaseResult> {
  const warmUpEnd = nowMs() + settings.warmUpSeconds * 1000;
  let measureStart = 0;
  let measureEnd = 0;
  const latencies: number[] = [];
  let transfers = 0;
  let failures = 0;
  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      const started = nowMs();
      const results = await call();
      const finished = nowMs();
      if (started >= measureStart && measureStart > 0 && finished <= measureEnd) {
        latencies.push(finished - started);
        for (const result of results) {
          if (result.ok) transfers += 1;
          else failures += 1;
        }
      }
    }
  };
  const loops = Array.from({ length: callers }, loop);
  await sleep(Math.max(0, warmUpEnd - nowMs()));
  const cpuStart = await meter.sample();
  measureStart = nowMs();
  measureEnd = measureStart + settings.phaseSeconds * 1000;
  await sleep(settings.phaseSeconds * 1000);
  const cpu = CpuMeter.between(cpuStart, await meter.sample());
  stopping = true;
  await Promise.all(loops);
  const seconds = (measureEnd - measureStart) / 1000;
  if (failures > 0) log(`  ${failures} transfers were refused`);
  const result = {
    transfersPerSecond: round(transfers / seconds, 1),
    transfers,
    failures,
    calls: latencies.length,
    seconds,
    ...summariseLatencies(latencies),
    ...cpuFigures(cpu, transfers, seconds),
  };
  log(
    `  ${Math.round(result.transfersPerSecond)} transfers/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; ` +
      `CPU per 1,000: node ${result.cpuMsPerThousand.node} ms, postgres ${result.cpuMsPerThousand.postgres ?? '-'} ms; ` +
      `cores busy: node ${result.coresBusy.node}, postgres ${result.coresBusy.postgres ?? '-'}`,
  );
  return result;
}

function cpuFigures(cpu: CpuUse, transfers: number, seconds: number): Pick<PhaseResult, 'cpuMsPerThousand' | 'coresBusy'> {
  const perThousand = (ms: number) => (transfers === 0 ? 0 : round((ms * 1000) / transfers, 1));
  const cores = (ms: number) => round(ms / (seconds * 1000), 2);
  return {
    cpuMsPerThousand: { node: perThousand(cpu.nodeMs), postgres: cpu.postgresMs === null ? null : perThousand(cpu.postgresMs) },
    coresBusy: { node: cores(cpu.nodeMs), postgres: cpu.postgresMs === null ? null : cores(cpu.postgresMs) },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function log(message: string): void {
  console.error(message);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
