// A member who forgot the password asks for a link, finds it in the outbox (the embedded mode writes
// e-mails as files), sets a new password with it and logs in; then changes it on the account page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { demoPassword, logIn, screenshot, useAppInBrowser } from './support';
import { decodeEml } from '../../../api/test/support/mail';

const member = { email: 'lena@demo.allmende.coop' };
const newPassword = 'Sonnenblume im Herbst';

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

const { newPage, dataDir } = useAppInBrowser();

describe('a forgotten password in the browser', () => {
  it('is reset by the e-mailed link, once, and changed again on the account page', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.getByTestId('forgot-password').click();
    await page.getByRole('heading', { level: 1, name: 'Passwort vergessen' }).waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(member.email);
    await page.getByRole('button', { name: 'Link schicken' }).click();
    await page.getByTestId('reset-requested').waitFor();
    await screenshot(page, 'password-forgot-sent');

    const link = await resetLinkFromOutbox(path.join(dataDir(), 'outbox'), member.email);
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
  });
});
