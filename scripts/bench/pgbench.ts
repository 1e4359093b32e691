// The machine's raw commit limit: pgbench with one single-row INSERT per transaction, so every
// transaction pays exactly one durable commit (WAL flush), the cost the ledger tries to share.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

export interface RawCommitOptions {
  databaseUrl: string;
  clients: number;
  threads: number;
  durationSeconds: number;
}

export interface RawCommitResult {
  commitsPerSecond: number;
  transactions: number;
  command: string;
}

const table = 'bench_raw_commit';

export async function measureRawCommits(options: RawCommitOptions): Promise<RawCommitResult> {
  await execute(options.databaseUrl, `DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id bigserial PRIMARY KEY, value int NOT NULL)`);
  const folder = mkdtempSync(path.join(tmpdir(), 'allmende-pgbench-'));
  const script = path.join(folder, 'insert-one-row.sql');
  writeFileSync(script, `INSERT INTO ${table} (value) VALUES (1);\n`);
  const args = ['-n', '-c', String(options.clients), '-j', String(options.threads), '-T', String(options.durationSeconds), '-f', script, options.databaseUrl];
  try {
    const { stdout } = await run('pgbench', args, { maxBuffer: 1 << 20 });
    return { ...parsePgbenchOutput(stdout), command: `pgbench ${args.slice(0, -2).join(' ')} insert-one-row.sql` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pgbench was not found on PATH; it comes with PostgreSQL (Debian: postgresql-client)');
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await execute(options.databaseUrl, `DROP TABLE IF EXISTS ${table}`);
  }
}

/** Reads "tps = 12345.6 (without initial connection time)" and the transaction count. */
export function parsePgbenchOutput(output: string): { commitsPerSecond: number; transactions: number } {
  const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(output) ?? /tps = ([0-9.]+)/.exec(output);
  const transactions = /number of transactions actually processed: (\d+)/.exec(output);
  if (!tps) throw new Error(`Could not read the tps from pgbench's output:\n${output}`);
  return { commitsPerSecond: Number(tps[1]), transactions: transactions ? Number(transactions[1]) : Number.NaN };
}

async function execute(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
