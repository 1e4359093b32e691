// The journal exports checked by the real accounting tools: a ledger with a random but reproducible
// history (members, fund, escrow, holds posted in part, voided and expired, reversals) is exported
// with `npm run ledger:export` as hledger and beancount journals; `hledger check --strict` and
// `bean-check` must accept them, and every balance the tools report must equal the ledger's trial
// balance, for the whole history and for a period with opening balances. Needs Debian's `hledger` and
// `beancount` packages; a missing tool fails the test.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Decimal, JournalAccountNames, type Ledger, type TransferRequest, createLedger, createSqlLedgerStore } from '@allmende/ledger';
import { openDatabase, pgliteDataDirFor } from '../api/src/db/client';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');
const CURRENCY = 'TALER';
const start = Date.parse('2026-03-01T09:00:00Z');
const periodFrom = '2026-03-08';
const periodTo = '2026-03-15';

let dataDir: string;
let outputDir: string;
/** Journal account name to ledger balance, for the whole history and at the end of the period. */
let balancesNow: Map<string, string>;
let balancesAtPeriodEnd: Map<string, string>;

/** Runs a system tool; a missing one is a failure that says what to install. */
async function tool(command: string, args: string[], debianPackage: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { maxBuffer: 64 << 20 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`${command} is not installed: install Debian's ${debianPackage} package (apt-get install -y ${debianPackage})`);
    throw new Error(`${command} ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

async function cli(script: string, args: string[], folder = dataDir): Promise<{ stdout: string; code: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: folder, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  try {
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts', script), ...args], { cwd: root, env, maxBuffer: 64 << 20 });
    return { stdout, code: 0 };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: `${failure.stdout ?? ''}${failure.stderr ?? ''}`, code: failure.code ?? -1 };
  }
}

async function exportTo(file: string, args: string[]): Promise<string> {
  const result = await cli('ledger-export.ts', args);
  if (result.code !== 0) throw new Error(`ledger:export ${args.join(' ')} failed:\n${result.stdout}`);
  const target = path.join(outputDir, file);
  writeFileSync(target, result.stdout);
  return target;
}

/** A small deterministic random source, so a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

async function buildHistory(ledger: Ledger, clock: { advance(ms: number): void }): Promise<void> {
  const random = randomSource(20260301);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const amount = (max: number) => (0.01 + Math.floor(random() * max * 100) / 100).toFixed(2);
  const created = await ledger.createCurrency({ code: CURRENCY, name: 'Taler', symbol: 'T', scale: 2 });
  if (!created.ok) throw new Error(created.code);
  const fund = (await ledger.findAccountByCode(CURRENCY, 'fund'))!;
  const escrow = (await ledger.findAccountByCode(CURRENCY, 'escrow'))!;
  const members: string[] = [];
  const names = ['anna', 'ben', 'cem', 'dora', 'emil', 'fatma', 'greta', 'hanno', 'ida', 'jonas', 'kira', 'lena', 'mehmet', 'nele', 'otto', 'paula', 'quirin', 'rosa'];
  for (const [index, name] of names.entries()) {
    // Codes with characters that journal account names cannot hold, and one clash after cleaning.
    const code = index === 0 ? 'member_anna' : index === 1 ? 'member.anna' : `member-${name}-${index}`;
    const result = await ledger.createAccount({ currency: CURRENCY, type: 'member', code, name, creditLimit: '300.00' });
    if (!result.ok) throw new Error(result.code);
    members.push(result.account.id);
  }
  const solidarity = await ledger.createAccount({ currency: CURRENCY, type: 'system', code: 'solidarity', name: 'Solidarity', creditLimit: '0' });
  if (!solidarity.ok) throw new Error(solidarity.code);

  let keyCount = 0;
  const key = () => `history-${(keyCount += 1)}`;
  const write = async (request: TransferRequest) => (await ledger.createTransfers([request]))[0]!;
  const reversible: Array<{ id: string }> = [];
  const openHolds: string[] = [];
  for (let step = 0; step < 600; step += 1) {
    clock.advance(Math.floor(random() * 120 * 60_000));
    const choice = random();
    const [buyer, seller] = [pick(members), pick(members)];
    if (buyer === seller) continue;
    if (choice < 0.4) {
      const result = await write({ type: 'immediate', idempotencyKey: key(), debitAccountId: buyer, creditAccountId: seller, currency: CURRENCY, amount: amount(40), kind: 'payment', memo: pick(['Brot', 'Äpfel, 2 kg', 'Reparatur "Fahrrad"', '']), reference: random() < 0.5 ? `order-${step}` : null });
      if (result.ok) reversible.push(result.transfer);
    } else if (choice < 0.55) {
      const result = await write({ type: 'pending', idempotencyKey: key(), debitAccountId: buyer, creditAccountId: seller, currency: CURRENCY, amount: amount(30), kind: 'escrow', timeoutSeconds: 2 * 24 * 60 * 60 });
      if (result.ok) openHolds.push(result.transfer.id);
    } else if (choice < 0.7 && openHolds.length > 0) {
      const pendingId = openHolds.splice(Math.floor(random() * openHolds.length), 1)[0]!;
      const pending = (await ledger.getTransfer(pendingId))!;
      const result =
        random() < 0.75
          ? await write({ type: 'post', idempotencyKey: key(), pendingId, amount: pending.amount.times(random() < 0.5 ? 1 : 0.5).toDecimalPlaces(2).toFixed(2) })
          : await write({ type: 'void', idempotencyKey: key(), pendingId });
      if (result.ok && result.transfer.type === 'post') reversible.push(result.transfer);
    } else if (choice < 0.8) {
      // Escrow through the system accounts: buyer to escrow, escrow to seller, contribution to the fund.
      const price = new Decimal(amount(50));
      const contribution = price.times(0.05).toDecimalPlaces(2);
      await ledger.createTransfers([
        { type: 'immediate', idempotencyKey: key(), debitAccountId: buyer, creditAccountId: escrow.id, currency: CURRENCY, amount: price.toFixed(2), kind: 'escrow', linked: true },
        { type: 'immediate', idempotencyKey: key(), debitAccountId: escrow.id, creditAccountId: seller, currency: CURRENCY, amount: price.minus(contribution).toFixed(2), kind: 'payment', linked: true },
        { type: 'immediate', idempotencyKey: key(), debitAccountId: escrow.id, creditAccountId: fund.id, currency: CURRENCY, amount: contribution.toFixed(2), kind: 'contribution' },
      ]);
    } else if (choice < 0.9 && reversible.length > 0) {
      const target = pick(reversible);
      await write({ type: 'reversal', idempotencyKey: key(), transferId: target.id, amount: random() < 0.5 ? undefined : '0.50' });
    } else if (choice < 0.95) {
      await write({ type: 'immediate', idempotencyKey: key(), debitAccountId: fund.id, creditAccountId: solidarity.account.id, currency: CURRENCY, amount: amount(5), kind: 'surplus' });
    } else {
      await ledger.voidExpiredPendingTransfers();
    }
  }
  await ledger.voidExpiredPendingTransfers();
}

/** Trial balance of the whole currency by journal account name (zero balances included). */
async function trialBalance(ledger: Ledger, names: JournalAccountNames, asOf: Date | null): Promise<Map<string, string>> {
  const balances = new Map<string, string>();
  for (let after: string | null = null; ; ) {
    const page = await ledger.getTrialBalance({ currency: CURRENCY, asOf, afterAccountId: after, limit: 1000 });
    for (const line of page.lines) balances.set(names.nameOf(line.accountId), line.balance.toFixed(2));
    if (!page.nextAfterAccountId) return balances;
    after = page.nextAfterAccountId;
  }
}

/** Non-zero balances only, so tools that hide empty accounts compare equal. */
function nonZero(balances: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...balances].filter(([, balance]) => !new Decimal(balance).isZero()).sort(([left], [right]) => left.localeCompare(right)));
}

function parseCsvLine(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) => (match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!).trim());
}

async function hledgerBalances(file: string): Promise<Map<string, string>> {
  const output = await tool('hledger', ['-f', file, 'balance', '--flat', '--empty', '--no-total', '-O', 'csv'], 'hledger');
  const balances = new Map<string, string>();
  for (const line of output.trim().split('\n').slice(1)) {
    const [account, amount] = parseCsvLine(line);
    const number = amount!.replace(/\s*TALER$/, '');
    balances.set(account!, new Decimal(number === '0' ? '0' : number).toFixed(2));
  }
  return balances;
}

async function beancountBalances(file: string): Promise<Map<string, string>> {
  const output = await tool('bean-query', ['-f', 'csv', file, 'SELECT account, sum(number) AS balance GROUP BY account ORDER BY account'], 'beancount');
  const balances = new Map<string, string>();
  for (const line of output.trim().split('\n').slice(1)) {
    const [account, amount] = parseCsvLine(line);
    balances.set(account!, new Decimal(amount || '0').toFixed(2));
  }
  return balances;
}

beforeAll(async () => {
  // Fail at once, with the package to install, if a tool is missing.
  await tool('hledger', ['--version'], 'hledger');
  await tool('bean-check', ['--version'], 'beancount');
  await tool('bean-query', ['--version'], 'beancount');

  dataDir = mkdtempSync(path.join(tmpdir(), 'allmende-export-'));
  outputDir = path.join(dataDir, 'exports');
  mkdirSync(outputDir);
  // Migrated the way a user does it (`npm run db:migrate`), in its own process.
  const migrated = await cli('migrate.ts', []);
  if (migrated.code !== 0) throw new Error(`db:migrate failed:\n${migrated.stdout}`);
  const database = await openDatabase({ pgliteDataDir: pgliteDataDirFor(dataDir) });
  try {
    let now = start;
    const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver), clock: () => new Date(now) });
    await buildHistory(ledger, { advance: (ms) => (now += ms) });
    const names = new JournalAccountNames();
    for (let after: string | null = null; ; ) {
      const page = await ledger.listAccounts({ currency: CURRENCY, afterId: after, limit: 1000 });
      for (const account of page) names.add(account);
      if (page.length < 1000) break;
      after = page[page.length - 1]!.id;
    }
    balancesNow = await trialBalance(ledger, names, null);
    balancesAtPeriodEnd = await trialBalance(ledger, names, new Date(`${periodTo}T23:59:59.999Z`));
    const last = await ledger.listTransfers({ limit: 10_000 });
    if (last.length < 300 || new Date(now) < new Date(`${periodTo}T23:59:59Z`)) throw new Error('The history is too short to cover the period');
    await ledger.drain();
  } finally {
    await database.close();
  }
});

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('ledger exports checked by hledger and beancount', () => {
  it('ledger:verify seals the chain and finds nothing broken', async () => {
    const result = await cli('ledger-verify.ts', []);
    expect(result.stdout).toMatch(/^Ledger OK: 1 currencies, 21 accounts, \d+ transfers/m);
    expect(result.code).toBe(0);
  });

  it('hledger accepts the whole journal strictly and reports the trial balance', async () => {
    const file = await exportTo('all.journal', ['--format', 'hledger']);
    await tool('hledger', ['-f', file, 'check', '--strict'], 'hledger');
    const reported = await hledgerBalances(file);
    expect(Object.keys(nonZero(balancesNow)).length).toBeGreaterThan(15);
    // The two codes that clean up to the same name got two accounts.
    expect(reported.has('Assets:Members:Member-Anna')).toBe(true);
    expect([...reported.keys()].some((name) => name.startsWith('Assets:Members:Member-Anna-Id-'))).toBe(true);
    expect(nonZero(reported)).toEqual(nonZero(balancesNow));
    // Mutual credit: the balances of all accounts sum to zero.
    expect([...reported.values()].reduce((sum, value) => sum.plus(value), new Decimal(0)).isZero()).toBe(true);
  });

  it('bean-check accepts the whole journal and bean-query reports the trial balance', async () => {
    const file = await exportTo('all.beancount', ['--format', 'beancount']);
    await tool('bean-check', [file], 'beancount');
    expect(nonZero(await beancountBalances(file))).toEqual(nonZero(balancesNow));
  });

  it('a period export opens with balances that make its end balances right in both tools', async () => {
    const hledgerFile = await exportTo('period.journal', ['--format', 'hledger', '--from', periodFrom, '--to', periodTo]);
    await tool('hledger', ['-f', hledgerFile, 'check', '--strict'], 'hledger');
    const beancountFile = await exportTo('period.beancount', ['--format', 'beancount', '--from', periodFrom, '--to', periodTo]);
    await tool('bean-check', [beancountFile], 'beancount');
    expect(nonZero(await hledgerBalances(hledgerFile))).toEqual(nonZero(balancesAtPeriodEnd));
    expect(nonZero(await beancountBalances(beancountFile))).toEqual(nonZero(balancesAtPeriodEnd));
    // The period really is a part: it starts with an opening entry and leaves later days out.
    const register = await tool('hledger', ['-f', hledgerFile, 'register', '--date', `${periodTo}..`], 'hledger');
    expect(register.trim()).toBe('');
    expect(nonZero(balancesAtPeriodEnd)).not.toEqual(nonZero(balancesNow));
  });

  it('the CSV export lists every transfer, holds and voids included', async () => {
    const result = await cli('ledger-export.ts', ['--format', 'csv']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('sequence,id,created_at,type,')).toBe(true);
    const types = new Set(lines.slice(1).map((line) => parseCsvLine(line)[3]));
    expect([...types].sort()).toEqual(['immediate', 'pending', 'post', 'reversal', 'void']);
  });
});

describe('ledger:verify on a tampered ledger', () => {
  it('exits 1 and names the account whose cached balance no longer matches its transfers', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'allmende-verify-'));
    try {
      const migrated = await cli('migrate.ts', [], folder);
      if (migrated.code !== 0) throw new Error(`db:migrate failed:\n${migrated.stdout}`);
      const database = await openDatabase({ pgliteDataDir: pgliteDataDirFor(folder) });
      let tampered: string;
      try {
        const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver) });
        await ledger.createCurrency({ code: CURRENCY, name: 'Taler', symbol: 'T', scale: 2 });
        const [anna, ben] = await Promise.all(
          ['anna', 'ben'].map(async (name) => {
            const result = await ledger.createAccount({ currency: CURRENCY, type: 'member', code: name, name, creditLimit: '10.00' });
            if (!result.ok) throw new Error(result.code);
            return result.account.id;
          }),
        );
        const [paid] = await ledger.createTransfers([{ type: 'immediate', idempotencyKey: 'pay-1', debitAccountId: anna!, creditAccountId: ben!, currency: CURRENCY, amount: '3.00', kind: 'payment' }]);
        expect(paid?.ok).toBe(true);
        tampered = ben!;
        // Cached counters are the one thing a direct UPDATE can still change; the verifier must notice.
        await database.prisma.$executeRawUnsafe(`UPDATE ledger_account SET credits_posted = credits_posted + 1 WHERE id = '${tampered}'`);
        await database.prisma.$executeRawUnsafe(`UPDATE ledger_account SET debits_posted = debits_posted + 1 WHERE id = '${anna!}'`);
      } finally {
        await database.close();
      }
      const result = await cli('ledger-verify.ts', [], folder);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Ledger BROKEN: cached balance wrong on account');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
