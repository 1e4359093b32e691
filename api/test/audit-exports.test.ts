// Exports from the accountants' page, produced by the audit-export job on a busy ledger (thousands of
// transfers of every kind over three months): Debian's `hledger check --strict` and `bean-check` accept
// the journals, every balance the tools report equals the trial balance at the end of the period (and
// the journals' own balance assertions say so too), the CSV holds every transfer and matches the sealed
// hash chain. Closing the period then freezes its exports (the same bytes every time) and refuses any
// booking dated inside it. Downloads are for accountants only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkCsvAgainstChain, createLedger, createSqlLedgerStore, Decimal, type Ledger, verifyChainExport } from '@allmende/ledger';
import { startLedgerExport } from '../src/audit/exports';
import { exportFilePath } from '../src/audit/exports-files';
import { closeLedgerPeriod } from '../src/audit/period-close';
import { createLogger } from '../src/logger';
import { createGraphQLHandler, createHttpServer } from '../src/server';
import { createServices } from '../src/services';
import { cooperativeCurrency } from '../src/wallet/cooperative-currency';
import { ensureCooperativeLedger } from '../src/wallet/ensure-cooperative-ledger';
import { createTestDatabase } from '../../scripts/test/database';
import { beancountBalances, hledgerBalances, nonZero, tool, trialBalanceByJournalName } from './support/accounting-tools';
import { ApiClient, testConfig, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';
import { buildBusyLedger, type TransferCounts } from './support/busy-ledger';

const CURRENCY = cooperativeCurrency.code;
const periodFrom = '2026-10-01';
const periodTo = '2026-10-31';
const periodEnd = new Date('2026-11-01T00:00:00Z');

let api: TestApi;
let exportsDir: string;
let history: Ledger;
const clock = { now: new Date('2026-09-01T08:00:00Z') };
let counts: TransferCounts;
let accountant: { id: string; email: string };
let balancesAtPeriodEnd: Map<string, string>;
let balancesNow: Map<string, string>;

async function waitForExport(exportId: string): Promise<{ sha256: string; byteSize: number; text: string; transfersRead: number; transfersTotal: number }> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const row = await api.database.prisma.auditExport.findUniqueOrThrow({ where: { id: exportId } });
    if (row.status === 'failed') throw new Error(`Export ${exportId} failed: ${row.failure}`);
    if (row.status === 'done') {
      const text = readFileSync(exportFilePath(exportsDir, exportId), 'utf8');
      return { sha256: row.sha256!, byteSize: row.byteSize!, text, transfersRead: row.transfersRead, transfersTotal: row.transfersTotal };
    }
    if (Date.now() > deadline) throw new Error(`Export ${exportId} is still ${row.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function exportFile(format: 'csv' | 'hledger' | 'beancount' | 'chain', from: string | null, to: string | null): Promise<{ id: string; file: string; sha256: string; text: string }> {
  const row = await startLedgerExport(api.services, accountant, { format, from, to });
  const done = await waitForExport(row.id);
  expect(done.transfersRead).toBe(done.transfersTotal);
  const file = path.join(exportsDir, `check-${row.id}.${format}`);
  writeFileSync(file, done.text);
  return { id: row.id, file, sha256: done.sha256, text: done.text };
}

beforeAll(async () => {
  await tool('hledger', ['--version'], 'hledger');
  await tool('bean-check', ['--version'], 'beancount');
  exportsDir = mkdtempSync(path.join(tmpdir(), 'allmende-audit-exports-'));
  // The history is written by a ledger on the test database whose clock walks from September to the end
  // of November, starting with the cooperative's currency and its fund and escrow accounts; the API's
  // own ledger (and its jobs) run on the real clock, later.
  const database = await createTestDatabase();
  history = createLedger({ store: createSqlLedgerStore(database.sqlDriver), clock: () => clock.now });
  const created = await history.createCurrency(cooperativeCurrency);
  if (!created.ok) throw new Error(created.code);
  const services = createServices(testConfig({ EXPORTS_DIR: exportsDir }), database, { logger: createLogger('silent') });
  await ensureCooperativeLedger(services.ledger);
  const handler = createGraphQLHandler(services);
  api = { database, services: { ...services, database }, client: () => new ApiClient(handler), close: () => services.close() };
  counts = await buildBusyLedger(history, clock, { currency: CURRENCY, start: clock.now, rounds: 60, stepMs: 36 * 60 * 60 * 1000 });
  // Everything sealed, so the CSV can be checked against the chain row by row.
  const total = await history.countTransfers();
  for (let chain = await history.verifyChain(); !chain.ok || chain.transfers < total; chain = await history.verifyChain()) {
    if (!chain.ok) throw new Error(chain.problem.message);
    await history.sealBlocks();
  }
  balancesAtPeriodEnd = await trialBalanceByJournalName(history, CURRENCY, new Date(periodEnd.getTime() - 1));
  balancesNow = await trialBalanceByJournalName(history, CURRENCY, null);
  const member = await buildMember(api, { roles: ['accountant'] });
  accountant = { id: member.id, email: member.email };
  await api.services.jobs.startWorkers();
}, 300_000);

afterAll(async () => {
  await history?.drain();
  await api?.close();
  if (exportsDir) rmSync(exportsDir, { recursive: true, force: true });
});

describe('ledger exports written by the job', () => {
  it('start from a ledger with thousands of transfers of every kind', () => {
    expect(counts.immediate + counts.pending + counts.post + counts.void + counts.reversal).toBeGreaterThan(3000);
    for (const type of ['immediate', 'pending', 'post', 'void', 'reversal'] as const) expect(counts[type]).toBeGreaterThan(20);
    expect(clock.now.getTime()).toBeGreaterThan(periodEnd.getTime());
  });

  it('as an hledger journal of a period that hledger checks strictly, with the trial balance at its end', async () => {
    const { file, text } = await exportFile('hledger', periodFrom, periodTo);
    await tool('hledger', ['-f', file, 'check', '--strict'], 'hledger');
    // The balance assertions at the period's end are part of what hledger checked.
    expect(text).toContain(`${periodTo} closing balance assertions`);
    const reported = await hledgerBalances(file, CURRENCY);
    expect(Object.keys(nonZero(reported)).length).toBeGreaterThan(30);
    expect(nonZero(reported)).toEqual(nonZero(balancesAtPeriodEnd));
    expect(nonZero(balancesAtPeriodEnd)).not.toEqual(nonZero(balancesNow));
    expect([...reported.values()].reduce((sum, value) => sum.plus(value), new Decimal(0)).isZero()).toBe(true);
  });

  it('as a beancount file of a period that bean-check accepts, with the trial balance at its end', async () => {
    const { file, text } = await exportFile('beancount', periodFrom, periodTo);
    await tool('bean-check', [file], 'beancount');
    expect(text).toContain(' open Assets:Members:Member-Busy-0 TALER\n');
    expect(text).toContain('2026-11-01 balance Assets:Members:Member-Busy-0 ');
    expect(nonZero(await beancountBalances(file))).toEqual(nonZero(balancesAtPeriodEnd));
  });

  it('as whole-history journals whose balances are the trial balance now', async () => {
    const hledger = await exportFile('hledger', null, null);
    await tool('hledger', ['-f', hledger.file, 'check', '--strict'], 'hledger');
    expect(nonZero(await hledgerBalances(hledger.file, CURRENCY))).toEqual(nonZero(balancesNow));
    const beancount = await exportFile('beancount', null, null);
    await tool('bean-check', [beancount.file], 'beancount');
    expect(nonZero(await beancountBalances(beancount.file))).toEqual(nonZero(balancesNow));
  });

  it('a journal whose end balance was changed fails the tools’ own balance assertions', async () => {
    const { file, text } = await exportFile('hledger', periodFrom, periodTo);
    const tampered = text.replace(/(Member-Busy-1 {2}0\.00 TALER = )(-?\d+)\.(\d\d)/, (_match, prefix: string, whole: string, cents: string) => `${prefix}${whole}.${cents === '99' ? '98' : '99'}`);
    expect(tampered).not.toBe(text);
    writeFileSync(file, tampered);
    await expect(tool('hledger', ['-f', file, 'check'], 'hledger')).rejects.toThrow(/balance assertion/i);
  });

  it('as CSV with every transfer, holds and voids included, that matches the sealed hash chain', async () => {
    const csv = await exportFile('csv', null, null);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines.length - 1).toBe(await history.countTransfers());
    const chain = await exportFile('chain', null, null);
    const verification = await verifyChainExport(chain.text.split('\n'));
    if (!verification.ok) throw new Error(verification.message);
    const head = await history.verifyChain();
    if (!head.ok) throw new Error(head.problem.message);
    expect(verification.lastHash).toBe(head.head.lastHash);
    const check = checkCsvAgainstChain(csv.text, verification.transfersById);
    expect(check).toEqual({ ok: true, rows: lines.length - 1, sealed: lines.length - 1, unsealed: 0 });
    // A changed amount in the CSV no longer matches its sealed transfer.
    const changed = csv.text.replace(/,(\d+)\.(\d\d),TALER,/, (_match, whole: string, cents: string) => `,${whole}.${cents === '99' ? '98' : '99'},TALER,`);
    expect(checkCsvAgainstChain(changed, verification.transfersById).ok).toBe(false);
  });

  it('refuses impossible dates and reversed periods with field errors, creating nothing', async () => {
    const before = await api.database.prisma.auditExport.count();
    await expect(startLedgerExport(api.services, accountant, { format: 'csv', from: '2026-02-30', to: null })).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ field: 'from', code: 'invalid_date' })],
    });
    await expect(startLedgerExport(api.services, accountant, { format: 'csv', from: '2026-10-02', to: '2026-10-01' })).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ field: 'to', code: 'out_of_range' })],
    });
    expect(await api.database.prisma.auditExport.count()).toBe(before);
  });
});

describe('a closed period', () => {
  it('refuses bookings dated inside it and freezes its exports: the same bytes every time', async () => {
    const closed = await closeLedgerPeriod(api.services, accountant, { kind: 'month', year: 2026, month: 10 });
    expect(closed.exportIds).toHaveLength(3);
    // The close wrote the frozen exports of its three formats.
    const frozen = await Promise.all(closed.exportIds.map((id) => waitForExport(id)));
    // A ledger whose clock is still in October can no longer book.
    clock.now = new Date('2026-10-20T12:00:00Z');
    const [member] = await history.listAccounts({ currency: CURRENCY, limit: 100 }).then((accounts) => accounts.filter((account) => account.type === 'member'));
    const escrow = (await history.findAccountByCode(CURRENCY, 'escrow'))!;
    const refused = await history.createTransfers([
      { type: 'immediate', idempotencyKey: 'late-booking', debitAccountId: member!.id, creditAccountId: escrow.id, currency: CURRENCY, amount: '1.00', kind: 'payment' },
    ]);
    expect(refused).toEqual([{ ok: false, code: 'period_closed' }]);
    // New accounts and transfers after the period change nothing in its exports.
    clock.now = new Date();
    const late = await history.createAccount({ currency: CURRENCY, type: 'member', code: 'member-late', name: 'Late', creditLimit: '10.00' });
    expect(late.ok).toBe(true);
    // Asked again, the same frozen export comes back, with the same checksum, and a fresh run of the
    // exporter gives the same bytes.
    const again = await startLedgerExport(api.services, accountant, { format: 'hledger', from: periodFrom, to: periodTo });
    expect(again.frozen).toBe(true);
    expect(closed.exportIds).toContain(again.id);
    const hledgerFrozen = frozen[closed.exportIds.indexOf(again.id)]!;
    await api.database.prisma.auditExport.update({ where: { id: again.id }, data: { status: 'queued' } });
    await api.services.jobs.add((await import('../src/jobs/audit-export')).auditExport, { exportId: again.id }, { jobKey: `${again.id}-again` });
    const rerun = await waitForExport(again.id);
    expect(rerun.sha256).toBe(hledgerFrozen.sha256);
    expect(rerun.text).toBe(hledgerFrozen.text);
    // Its hledger journal still checks and agrees with the trial balance at the end of October.
    const file = path.join(exportsDir, 'frozen.journal');
    writeFileSync(file, rerun.text);
    await tool('hledger', ['-f', file, 'check', '--strict'], 'hledger');
    expect(nonZero(await hledgerBalances(file, CURRENCY))).toEqual(nonZero(balancesAtPeriodEnd));
    // The close and the exports are in the audit log.
    const events = await api.database.prisma.auditEvent.findMany({ where: { actorId: accountant.id }, orderBy: { occurredAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(['ledger_export_requested', 'ledger_period_closed']));
  });
});

describe('downloads', () => {
  it('are served to accountants only', async () => {
    const { id, sha256 } = await exportFile('csv', periodFrom, periodTo);
    const server = createHttpServer(api.services);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/downloads/ledger-exports/${id}`;
      const asAccountant = await logIn(api, accountant.email);
      const response = await fetch(url, { headers: { cookie: `allmende_session=${asAccountant.cookie('allmende_session')}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="allmende-ledger-${periodFrom}-to-${periodTo}.csv"`);
      expect(response.headers.get('x-checksum-sha256')).toBe(sha256);
      const body = Buffer.from(await response.arrayBuffer());
      expect((await import('node:crypto')).createHash('sha256').update(body).digest('hex')).toBe(sha256);

      const admin = await buildMember(api, { roles: ['member', 'admin'] });
      const asAdmin = await logIn(api, admin.email);
      expect((await fetch(url, { headers: { cookie: `allmende_session=${asAdmin.cookie('allmende_session')}` } })).status).toBe(404);
      expect((await fetch(url)).status).toBe(401);
      const unknown = url.replace(/[0-9a-f]{12}$/, '000000000000');
      expect((await fetch(unknown, { headers: { cookie: `allmende_session=${asAccountant.cookie('allmende_session')}` } })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('GraphQL refuses exports to members who are not accountants', async () => {
    const member = await buildMember(api, { roles: ['member', 'admin'] });
    const client = await logIn(api, member.email);
    const result = await client.graphql(`mutation { startLedgerExport(input: { format: csv }) { __typename } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asAccountant = await logIn(api, accountant.email);
    const started = await asAccountant.graphql(`mutation { startLedgerExport(input: { format: csv, from: "2026-10-01" }) { __typename ... on MutationStartLedgerExportSuccess { data { status from to } } } }`);
    expect(started.data?.startLedgerExport).toEqual({ __typename: 'MutationStartLedgerExportSuccess', data: { status: 'queued', from: '2026-10-01', to: null } });
  });
});
