// The accountant's tools in the browser: the demo accountant runs the ledger verification and sees the
// latest sealed block's hash, downloads an hledger export that Debian's hledger accepts strictly, and
// finds both in the audit log; the period page shows the close form. Screenshots at 1280 and 390 px.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { screenshot, useAppInBrowser } from './support';

const run = promisify(execFile);
const sabine = { email: 'sabine@demo.allmende.coop' };
const { newPage } = useAppInBrowser();

let downloads: string;
beforeAll(() => {
  downloads = mkdtempSync(path.join(tmpdir(), 'allmende-e2e-downloads-'));
});
afterAll(() => {
  rmSync(downloads, { recursive: true, force: true });
});

describe('the accountant’s tools', () => {
  it('run the verification and show the latest sealed block and its hash', async () => {
    const page = await newPage({ width: 1280, email: sabine.email });
    await page.goto('/audit');
    await page.getByRole('link', { name: 'Verifikation' }).click();
    await page.waitForURL(/\/audit\/verification$/);
    await page.getByRole('heading', { level: 1, name: 'Verifikation des Hauptbuchs' }).waitFor();
    await page.getByTestId('verification-run').click();
    await page.getByTestId('verification-ok').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('verification-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByText('npm run ledger:verify-export').count()).toBeGreaterThan(0);
    await screenshot(page, 'audit-verification-1280');
    const phone = await newPage({ width: 390, email: sabine.email });
    await phone.goto('/audit/verification');
    await phone.getByTestId('verification-hash').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'audit-verification-390');
  });

  it('download an hledger export that hledger accepts, and find it in the audit log', async () => {
    const page = await newPage({ width: 1280, email: sabine.email });
    await page.goto('/audit/exports');
    await page.getByLabel('Format').selectOption('hledger');
    await page.getByTestId('export-start').click();
    const item = page.locator('[data-testid="ledger-export-hledger"][data-status="done"]').first();
    await item.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('ledger-export-download').click()]);
    expect(download.suggestedFilename()).toBe('allmende-ledger.journal');
    const file = path.join(downloads, 'allmende-ledger.journal');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('closing balance assertions');
    // Debian's hledger checks the journal strictly, balance assertions included.
    await run('hledger', ['-f', file, 'check', '--strict']);
    const { stdout } = await run('hledger', ['-f', file, 'balance', '--flat', '--no-total', '-O', 'csv']);
    expect(stdout).toContain('Assets:Members:');
    expect((await item.getByTestId('ledger-export-checksum').textContent())?.trim()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'audit-exports-1280');

    await page.getByRole('link', { name: 'Protokoll' }).click();
    await page.waitForURL(/\/audit\/log$/);
    await page.getByTestId('log-action').selectOption('ledger_export_requested');
    await page.getByTestId('log-filter').click();
    // The filtered list replaces the whole list: every row is an export.
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="audit-log"] tbody tr'));
      return rows.length > 0 && rows.every((row) => row.dataset.action === 'ledger_export_requested');
    });
    await screenshot(page, 'audit-log-1280');

    const phone = await newPage({ width: 390, email: sabine.email });
    for (const [route, name] of [
      ['/audit/exports', 'audit-exports-390'],
      ['/audit/log', 'audit-log-390'],
      ['/audit/periods', 'audit-periods-390'],
    ] as const) {
      await phone.goto(route);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(phone, name);
    }
    await page.goto('/audit/periods');
    await page.getByTestId('period-close').waitFor();
    await screenshot(page, 'audit-periods-1280');
  });
});
