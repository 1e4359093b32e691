// A surplus distribution over 100,000 members on PostgreSQL: a year of synthetic confirmed orders
// between them (written straight into the order table, as the turnover is all a distribution reads of
// them), a fund to share, and a rule with every part of the mix. Times the dry run (computing every
// share) and the run (computing, storing and booking every share in one ledger transaction) of the last
// month, each against the target of 10 s, and verifies the ledger after. Prints a table and writes
// bench-results/surplus.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import { computeDistribution } from '../../api/src/surplus/compute-distribution';
import { periodContaining } from '../../api/src/surplus/periods';
import type { SurplusPolicy } from '../../api/src/surplus/policy';
import { runSurplusDistribution } from '../../api/src/surplus/run-distribution';
import { cooperativeCurrency, fundAccountCode } from '../../api/src/wallet/cooperative-currency';
import { ensureCooperativeLedger } from '../../api/src/wallet/ensure-cooperative-ledger';
import { memberAccountCode } from '../../api/src/wallet/ensure-member-account';
import { openBenchDatabase } from './database';
import { formatTable, nowMs, round } from './measure';

const settings = {
  members: Number(process.env.BENCH_SURPLUS_MEMBERS ?? 100_000),
  ordersPerMonth: Number(process.env.BENCH_SURPLUS_ORDERS_PER_MONTH ?? 100_000),
  months: 12,
  accountCreationCallers: 16,
  fund: '1000000.00',
  poolSize: 8,
} as const;
const targetSeconds = 10;
const resultsPath = path.resolve(__dirname, '../../bench-results/surplus.json');
const rule: SurplusPolicy = {
  period: 'monthly',
  reserve: { kind: 'amount', amount: '1000.00' },
  mix: { purchases: 40, sales: 30, equal: 20, accounts: [{ code: 'solidaritaet', name: 'Solidaritätsfonds', percent: 10 }] },
};

function log(message: string): void {
  console.log(`[bench:surplus] ${message}`);
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase({ name: 'allmende_bench_surplus', poolSize: settings.poolSize });
  try {
    const { prisma, sqlDriver } = bench.database;
    const ledger = createLedger({ store: createSqlLedgerStore(sqlDriver) });
    await ensureCooperativeLedger(ledger);
    const period = periodContaining('monthly', new Date(periodContaining('monthly', new Date()).start.getTime() - 1));
    const yearStart = new Date(Date.UTC(period.end.getUTCFullYear() - 1, period.end.getUTCMonth(), 1));

    let startedMs = nowMs();
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Member" ("id", "email", "displayName", "passwordHash", "status", "memberNumber", "admittedAt", "updatedAt")
       SELECT gen_random_uuid(), 'bench-' || i || '@bench.invalid', 'Mitglied ' || i, '-', 'admitted', i, now(), now() FROM generate_series(1, ${settings.members}) AS i`,
    );
    const members = (await prisma.member.findMany({ select: { id: true } })).map((member) => member.id);
    await openAccounts(ledger, members);
    log(`${settings.members} members with accounts in ${round((nowMs() - startedMs) / 1000, 1)} s`);

    startedMs = nowMs();
    // Random pairs of members, amounts from 1.00 to 200.99, spread over the twelve months up to the
    // period's end; a quarter of the members trade nothing in a given month.
    await prisma.$executeRawUnsafe(
      `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Member")
       INSERT INTO "Order" ("id", "buyerId", "producerId", "checkoutKey", "status", "total", "placedAt", "closedAt", "updatedAt")
       SELECT gen_random_uuid(), buyer.id, producer.id, 'bench-' || o.i, 'confirmed', o.total, o.closed_at, o.closed_at, now()
       FROM (
         SELECT i, 1 + floor(random() * ${settings.members} * 0.75)::int AS buyer_n, 1 + floor(random() * ${settings.members})::int AS producer_n,
           (100 + floor(random() * 20000)) / 100.0 AS total,
           $1::timestamptz + random() * ($2::timestamptz - $1::timestamptz) AS closed_at
         FROM generate_series(1, ${settings.ordersPerMonth * settings.months}) AS i
       ) o
       JOIN numbered buyer ON buyer.n = o.buyer_n
       JOIN numbered producer ON producer.n = o.producer_n
       WHERE buyer.id <> producer.id`,
      yearStart,
      period.end,
    );
    // A year of rows has long been vacuumed and analysed by autovacuum; freshly written ones have not
    // (the first read of each page would set its hint bits, a write): the tables are as a year left them.
    for (const table of ['"Order"', '"Member"', 'ledger_account']) await prisma.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
    log(`${settings.ordersPerMonth * settings.months} orders over ${settings.months} months in ${round((nowMs() - startedMs) / 1000, 1)} s`);

    await fillFund(ledger);
    const latest = await prisma.policyVersion.findFirst({ where: { kind: 'surplus' }, orderBy: { version: 'desc' }, select: { version: true } });
    await prisma.policyVersion.create({ data: { kind: 'surplus', version: (latest?.version ?? 0) + 1, payload: rule, enactedAt: yearStart, appliedAt: yearStart } });

    startedMs = nowMs();
    const dryRun = await computeDistribution({ prisma, ledger }, period);
    const dryRunSeconds = (nowMs() - startedMs) / 1000;
    log(`dry run of ${period.key}: ${dryRun.shares.length} shares in ${round(dryRunSeconds, 2)} s`);

    startedMs = nowMs();
    const outcome = await runSurplusDistribution({ prisma, ledger }, { period: period.key, startedById: null });
    const runSeconds = (nowMs() - startedMs) / 1000;
    log(`run of ${period.key}: ${outcome.run.shareCount} shares booked in ${round(runSeconds, 2)} s`);

    startedMs = nowMs();
    const again = await runSurplusDistribution({ prisma, ledger }, { period: period.key, startedById: null });
    const againSeconds = (nowMs() - startedMs) / 1000;
    const verification = await ledger.verifyLedger();

    console.log(
      formatTable(
        ['Step', 'Shares', 'Seconds', 'Target'],
        [
          ['dry run', String(dryRun.shares.length), round(dryRunSeconds, 2).toString(), `≤ ${targetSeconds} s (${dryRunSeconds <= targetSeconds ? 'met' : 'missed'})`],
          ['run (compute, store, book)', String(outcome.run.shareCount), round(runSeconds, 2).toString(), `≤ ${targetSeconds} s (${runSeconds <= targetSeconds ? 'met' : 'missed'})`],
          ['second run (nothing to do)', '0', round(againSeconds, 3).toString(), ''],
        ],
      ),
    );
    const output = {
      period: period.key,
      shares: outcome.run.shareCount,
      distributed: outcome.run.distributed.toString(),
      dryRunSeconds: round(dryRunSeconds, 3),
      runSeconds: round(runSeconds, 3),
      secondRunSeconds: round(againSeconds, 3),
      secondRunBooked: again.booked,
      targetSeconds,
      verification: verification.ok ? { ok: true } : { ok: false, problem: verification.problem.message },
      settings,
      machine: { cpus: availableParallelism(), node: process.version },
      date: new Date().toISOString(),
    };
    mkdirSync(path.dirname(resultsPath), { recursive: true });
    writeFileSync(resultsPath, `${JSON.stringify(output, null, 2)}\n`);
    log(`Wrote ${path.relative(process.cwd(), resultsPath)}`);
    if (!verification.ok || again.booked) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}

/** Opens every member's account, a few callers at a time. */
async function openAccounts(ledger: Ledger, memberIds: readonly string[]): Promise<void> {
  let next = 0;
  const caller = async () => {
    while (next < memberIds.length) {
      const memberId = memberIds[next++]!;
      const result = await ledger.createAccount({ currency: cooperativeCurrency.code, type: 'member', code: memberAccountCode(memberId), name: `Member ${memberId}`, creditLimit: '0' });
      if (!result.ok) throw new Error(`The account of ${memberId} cannot be opened: ${result.code}`);
    }
  };
  await Promise.all(Array.from({ length: settings.accountCreationCallers }, caller));
}

/** Pays the fund from a system account with a credit line, as a year of contributions would have. */
async function fillFund(ledger: Ledger): Promise<void> {
  const source = await ledger.createAccount({ currency: cooperativeCurrency.code, type: 'system', code: 'bench:contributions', name: 'Contributions', creditLimit: settings.fund });
  const fund = await ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode);
  if (!source.ok || !fund) throw new Error('The fund cannot be filled');
  const result = await ledger.createTransfer({
    type: 'immediate',
    idempotencyKey: 'bench-surplus-fund',
    debitAccountId: source.account.id,
    creditAccountId: fund.id,
    currency: cooperativeCurrency.code,
    amount: settings.fund,
    kind: 'contribution',
  });
  if (!result.ok) throw new Error(`The fund cannot be filled: ${result.code}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
