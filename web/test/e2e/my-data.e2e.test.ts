// A member downloads everything the cooperative holds about them; a member with open obligations
// sees what to settle first, with amounts in their language; a member with none leaves, confirmed
// with the password, and cannot log in afterwards.
import { readFileSync } from 'node:fs';
import { graphqlInPage, screenshot, switchLanguage, useAppInBrowser } from './support';

const { newPage } = useAppInBrowser();

const lena = 'lena@demo.allmende.coop';
const board = 'jonas@demo.allmende.coop';

describe('my data and leaving in the browser', () => {
  it('downloads the own data as a JSON file, on a wide and a narrow screen', async () => {
    const page = await newPage({ width: 1280, email: lena });
    await page.goto('/account');
    await page.getByTestId('account-my-data').click();
    await page.getByRole('heading', { level: 1, name: 'Meine Daten' }).waitFor();
    await page.getByTestId('my-data-request').click();
    const link = page.getByTestId('my-data-download');
    await link.waitFor({ timeout: 60_000 });
    await screenshot(page, 'my-data-de-1280');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^allmende-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; member: { email: string }; ledger: { entries: unknown[] } };
    expect(document.format).toBe('allmende-my-data');
    expect(document.member.email).toBe(lena);
    expect(document.ledger.entries.length).toBeGreaterThan(0);

    // Another member's session (the board's) gets nothing at the same address.
    const href = (await link.getAttribute('href'))!;
    const boardPage = await newPage({ email: board });
    expect((await boardPage.request.get(href)).status()).toBe(404);
    expect((await page.request.get(href)).status()).toBe(200);

    const phone = await newPage({ width: 390, height: 800, language: 'en', email: lena });
    await phone.goto('/account/my-data');
    await phone.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await phone.getByTestId('my-data-download').first().waitFor();
    await screenshot(phone, 'my-data-en-390');
  });

  it('lists what a member must settle before leaving, and lets a member with nothing open leave', async () => {
    // Lena has a balance and open orders from the demo's history.
    const page = await newPage({ width: 1280, email: lena });
    await page.goto('/account');
    await page.getByTestId('account-leave').click();
    await page.getByTestId('leave-obligations').waitFor();
    await page.getByTestId('leave-obligation-balance').getByText(/^Kontostand [-−]?[\d.]+,\d{2} Taler: /).waitFor();
    expect(await page.getByTestId('leave-submit').count()).toBe(0);
    await screenshot(page, 'leave-blocked-de-1280');

    const phone = await newPage({ width: 390, height: 800, language: 'en', email: lena });
    await phone.goto('/account/leave');
    await phone.getByTestId('leave-obligation-balance').getByText(/^Balance [-−]?[\d,]+\.\d{2} Taler: /).waitFor();
    await screenshot(phone, 'leave-blocked-en-390');

    // A new member, admitted by the board, has nothing open and leaves.
    const leaver = await newPage({ width: 390, height: 800 });
    await leaver.goto('/');
    const email = 'tom.tschuess@example.org';
    const password = 'Tschüss und danke 2026';
    const registered = await graphqlInPage<{ register: { data: { id: string } } }>(
      leaver,
      `mutation($input: RegisterInput!) { register(input: $input) { ... on MutationRegisterSuccess { data { id } } } }`,
      { input: { email, password, displayName: 'Tom Tschüss' } },
    );
    const boardPage = await newPage({ email: board });
    await graphqlInPage(boardPage, `mutation($id: ID!) { admitMember(memberId: $id) { __typename } }`, { id: registered.register.data.id });

    await leaver.goto('/account/leave');
    await leaver.getByRole('heading', { level: 2, name: 'Austritt bestätigen' }).waitFor();
    await leaver.getByLabel('Passwort').fill('falsches Passwort');
    await leaver.getByTestId('leave-submit').click();
    await leaver.getByTestId('confirm-dialog-submit').click();
    await leaver.locator('#leave-password-error').waitFor();
    await leaver.getByLabel('Passwort').fill(password);
    await screenshot(leaver, 'leave-confirm-de-390');
    await leaver.getByTestId('leave-submit').click();
    await leaver.getByTestId('confirm-dialog').waitFor();
    await screenshot(leaver, 'leave-dialog-de-390');
    await leaver.getByTestId('confirm-dialog-submit').click();
    await leaver.getByTestId('leave-done').waitFor();
    await screenshot(leaver, 'leave-done-de-390');

    const wide = await newPage({ width: 1280, language: 'en' });
    await wide.goto('/login');
    await switchLanguage(wide, 'en');
    await wide.getByLabel('E-mail address').fill(email);
    await wide.getByLabel('Password').fill(password);
    await wide.getByRole('button', { name: 'Log in' }).click();
    await wide.getByRole('alert').waitFor();
    expect(await wide.getByTestId('current-member').count()).toBe(0);
  });
});
