// A member who forgot the password asks for a link, finds it in the outbox (the embedded mode writes
// e-mails as files), sets a new password with it and logs in; then changes it on the account page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoPassword, launchBrowser, logIn, screenshot, startApp, type RunningApp } from './support';

const member = { email: 'lena@demo.allmende.coop' };
const newPassword = 'Sonnenblume im Herbst';

/** The text of an .eml file nodemailer wrote (quoted-printable body). */
function decodeEml(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(unfolded, 'latin1').toString('utf8');
}

/** Waits for the reset e-mail to the address to appear in the outbox and returns its link's path. */
async function resetLinkFromOutbox(outboxDir: string, email: string): Promise<string> {
  for (;;) {
    const files = existsSync(outboxDir) ? readdirSync(outboxDir).filter((name) => name.includes('password-reset')) : [];
    for (const name of files) {
      const text = decodeEml(readFileSync(path.join(outboxDir, name), 'utf8'));
      const link = /https?:\/\/[^/\s]+(\/password\/reset\?token=[A-Za-z0-9_-]+)/.exec(text);
      if (text.includes(`To: ${email}`) && link) return link[1]!;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a forgotten password in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: app.url, locale: 'de-DE', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  it('is reset by the e-mailed link, once, and changed again on the account page', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.getByTestId('forgot-password').click();
    await page.getByRole('heading', { level: 1, name: 'Passwort vergessen' }).waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(member.email);
    await page.getByRole('button', { name: 'Link schicken' }).click();
    await page.getByTestId('reset-requested').waitFor();
    await screenshot(page, 'password-forgot-sent');

    const link = await resetLinkFromOutbox(path.join(app.dataDir, 'outbox'), member.email);
    await page.goto(link);
    await page.getByLabel('Neues Passwort').fill('kurz');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.locator('#reset-password-new-error', { hasText: 'Bitte mindestens 10 Zeichen eingeben.' }).waitFor();
    await page.getByLabel('Neues Passwort').fill(newPassword);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.getByTestId('password-reset-done').waitFor();
    await screenshot(page, 'password-reset-done');

    // The link works once.
    await page.goto(link);
    await page.getByLabel('Neues Passwort').fill('Noch ein anderes Passwort');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.getByText('Dieser Link ist unbekannt, schon benutzt oder abgelaufen.').waitFor();

    const account = await newPage();
    await logIn(account, member.email, newPassword);
    await account.goto('/account');
    await account.getByLabel('Aktuelles Passwort').fill('falsches Passwort');
    await account.getByLabel('Neues Passwort').fill(demoPassword);
    await account.getByRole('button', { name: 'Passwort ändern' }).click();
    await account.locator('#change-password-current-error', { hasText: 'Das Passwort stimmt nicht.' }).waitFor();
    await account.getByLabel('Aktuelles Passwort').fill(newPassword);
    await account.getByRole('button', { name: 'Passwort ändern' }).click();
    await account.getByTestId('password-changed').waitFor();
    await screenshot(account, 'password-changed');

    const again = await newPage();
    await logIn(again, member.email, demoPassword);
    expect(pageErrors).toEqual([]);
  });
});
