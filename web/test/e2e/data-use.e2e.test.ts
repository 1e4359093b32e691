// A data-use request from the public form to its revocation, in the browser: a researcher files a
// request, confirms the address with the link from the outbox, members vote it through (the deadline
// passes while the server is down, the close grants it when it starts again and mails the token), the
// researcher queries an approved table with the token and is refused another, a member sees the query
// in the members' log and opts out of data use, a later vote revokes the access and the token stops
// working.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeEml } from '../../../api/test/support/mail';
import { passVotingDeadline, useFlowInBrowser } from './flow';
import { type Language, screenshot } from './support';

const researcher = { name: 'Dr. Ida Forsch', organisation: 'Institut für Regionalökonomie', email: 'ida.forsch@example.org' };
const members = ['lena@demo.allmende.coop', 'ben@demo.allmende.coop', 'mia@demo.allmende.coop', 'noah@demo.allmende.coop'];
/** How long a verified request is put to the vote, and the shortest vote on a revocation (policy-kinds.ts). */
const dataUseVotingDays = 14;
const revocationVotingDays = 7;
const waitTimeoutMs = 90_000;

jest.setTimeout(600_000);

const flow = useFlowInBrowser('data-use');
const outboxDir = path.join(flow.dataDir, 'outbox');

/** Waits for an e-mail of this kind in the outbox and returns its text. */
async function mailOf(kind: 'data-use-verification' | 'data-use-access'): Promise<string> {
  const deadline = Date.now() + waitTimeoutMs;
  for (;;) {
    const names = existsSync(outboxDir) ? readdirSync(outboxDir).filter((name) => name.includes(kind)) : [];
    if (names.length > 0) return decodeEml(readFileSync(path.join(outboxDir, names[0]!), 'utf8'));
    if (Date.now() > deadline) throw new Error(`No ${kind} e-mail within ${waitTimeoutMs} ms:\n${flow.app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function query(table: string, token: string): Promise<{ status: number; body: { error?: string; table?: { name: string; rows: string[] } } }> {
  const response = await fetch(`${flow.app.url}/data-use/${table}.json`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as never };
}

async function voteYes(email: string, proposalPath: string, options: { language?: Language; width?: number; shot?: string } = {}): Promise<void> {
  const page = await flow.openPage({ ...options, email });
  await page.goto(proposalPath);
  await page.getByTestId('vote-yes').click();
  await page.getByTestId('my-vote').waitFor();
  if (options.shot) await screenshot(page, options.shot);
  await page.context().close();
}

describe('data use in the browser', () => {
  it('a request is filed, verified, voted through, queried with its token, seen in the log and revoked by a later vote', async () => {
    // The researcher files the request on the public form; the form names what is missing first.
    const form = await flow.openPage();
    await form.goto('/statistics');
    await form.getByTestId('data-use-request-link').click();
    await form.getByRole('heading', { level: 1, name: 'Anfrage zur Datennutzung' }).waitFor();
    await form.getByTestId('data-use-request-submit').click();
    await form.getByText('Wählen Sie mindestens eine.').waitFor();
    expect(await form.locator('[aria-invalid="true"]').count()).toBeGreaterThanOrEqual(4);
    await form.getByLabel('Ihr Name').fill(researcher.name);
    await form.getByLabel('Organisation').fill(researcher.organisation);
    await form.getByLabel('E-Mail').fill(researcher.email);
    await form.getByLabel('Zweck').fill('Wir untersuchen, wie ein genossenschaftlicher Markt den Absatz kleiner Höfe in der Region verändert.');
    await form.getByTestId('data-use-table-tradeVolume').check();
    await form.getByTestId('data-use-table-traders').check();
    await form.getByLabel('Einzelne Kategorien (feiner)').check();
    await form.getByLabel('Dauer in Tagen').fill('30');
    await screenshot(form, 'data-use-1-request-form');
    await form.getByTestId('data-use-request-submit').click();
    await form.getByTestId('data-use-request-sent').getByText(researcher.email).waitFor();
    const phone = await flow.openPage({ language: 'en', width: 390 });
    await phone.goto('/data-use/request');
    await phone.getByRole('heading', { level: 1, name: 'Request to use data' }).waitFor();
    await screenshot(phone, 'data-use-1-request-form-en-phone');

    // The link from the e-mail confirms the address once; the request is now a proposal being voted on.
    const verification = await mailOf('data-use-verification');
    expect(verification).toContain(`To: ${researcher.email}`);
    const link = /https?:\/\/[^/\s]+(\/data-use\/verify\?token=[A-Za-z0-9_-]+)/.exec(verification)![1]!;
    await form.goto(link);
    await form.getByTestId('data-use-verify').click();
    await form.getByTestId('data-use-verified').waitFor();
    await screenshot(form, 'data-use-2-verified');
    await form.getByTestId('data-use-proposal-link').click();
    await form.getByRole('heading', { level: 1, name: `Datennutzung · Data use: ${researcher.organisation}` }).waitFor();
    const proposalPath = new URL(form.url()).pathname;
    // Visitors see organisation and purpose, not the requester's name.
    await form.getByTestId('data-use-details').getByText('Handelsvolumen').waitFor();
    expect(await form.getByTestId('data-use-details').getByText(researcher.name).count()).toBe(0);
    await form.goto(link);
    await form.getByTestId('data-use-verify').click();
    await form.getByTestId('data-use-verify-invalid').waitFor();

    // Members read the request on the proposal page and vote it through.
    const lena = await flow.openPage({ email: members[0] });
    await lena.goto(proposalPath);
    await lena.getByTestId('data-use-details').getByText(researcher.name).waitFor();
    await lena.getByTestId('data-use-status').getByText('Mitglieder stimmen ab').waitFor();
    await screenshot(lena, 'data-use-3-proposal');
    await voteYes(members[0]!, proposalPath);
    await voteYes(members[1]!, proposalPath, { language: 'en', width: 390, shot: 'data-use-3-proposal-en-phone' });
    await voteYes(members[2]!, proposalPath);
    await voteYes(members[3]!, proposalPath);

    // The deadline passes while the server is down; the close grants the request and mails the token.
    await flow.whileStopped((query) => passVotingDeadline(query, proposalPath.split('/').pop()!, dataUseVotingDays));
    const access = await mailOf('data-use-access');
    const token = /\n([A-Za-z0-9_-]{43})\n/.exec(access)![1]!;

    // The researcher queries an approved table; another table and a wrong token are refused.
    const volume = await query('tradeVolume', token);
    expect(volume.status).toBe(200);
    expect(volume.body.table?.name).toBe('tradeVolume');
    expect(await query('ecologicalSales', token)).toMatchObject({ status: 403, body: { error: 'table_not_approved' } });
    expect(await query('tradeVolume', 'x'.repeat(43))).toMatchObject({ status: 401, body: { error: 'unknown_token' } });

    // A member sees the grant and its query in the members' log, on a desk and on a phone.
    const log = await flow.openPage({ email: members[0] });
    await log.goto('/data-use');
    const grant = log.getByTestId('data-use-grant-granted');
    await grant.getByText(researcher.name, { exact: false }).waitFor();
    await grant.getByTestId('data-use-query').getByText('Handelsvolumen: ', { exact: false }).waitFor();
    await grant.getByTestId('data-use-query').getByText('Ökologische Verkäufe: abgewiesen, Tabelle nicht bewilligt').waitFor();
    expect(await grant.getByTestId('data-use-query').count()).toBe(2);
    await screenshot(log, 'data-use-4-log');
    const logPhone = await flow.openPage({ email: members[1], language: 'en', width: 390 });
    await logPhone.goto('/data-use');
    await logPhone.getByTestId('data-use-grant-granted').getByTestId('data-use-query').getByText('Trade volume: ', { exact: false }).waitFor();
    await screenshot(logPhone, 'data-use-4-log-en-phone');

    // A member opts out of all data use on the my-data page.
    const mia = await flow.openPage({ email: members[2], width: 390 });
    await mia.goto('/account/my-data');
    await mia.getByTestId('data-use-opt-out-state').getByText('mitgezählt', { exact: false }).waitFor();
    await mia.getByTestId('data-use-opt-out-toggle').check();
    await mia.getByTestId('data-use-opt-out-state').getByText('herausgenommen', { exact: false }).waitFor();
    await screenshot(mia, 'data-use-5-opt-out-phone');
    await mia.reload();
    await expect(mia.getByTestId('data-use-opt-out-toggle').isChecked()).resolves.toBe(true);

    // A member drafts the revocation from the log, opens its vote, and members vote it through.
    await grant.getByTestId('data-use-revoke-open').click();
    await log.getByTestId('data-use-revoke-form').getByLabel('Begründung').fill('Die Studie ist abgeschlossen; der Zugang soll enden.');
    await log.getByTestId('data-use-revoke-submit').click();
    await log.getByRole('heading', { level: 1, name: `Datennutzung von ${researcher.organisation} widerrufen` }).waitFor();
    const revocationPath = new URL(log.url()).pathname;
    await log.getByTestId('voting-days').selectOption(String(revocationVotingDays));
    await log.getByTestId('open-voting').click();
    await log.getByTestId('confirm-author-action').getByTestId('confirm-yes').click();
    await log.getByTestId('proposal-status').filter({ hasText: 'Abstimmung läuft' }).waitFor();
    await flow.closeContexts();
    for (const email of members) await voteYes(email, revocationPath);
    // Until that vote closes, the token still works.
    expect((await query('traders', token)).status).toBe(200);

    await flow.whileStopped((query) => passVotingDeadline(query, revocationPath.split('/').pop()!, revocationVotingDays));
    const deadline = Date.now() + waitTimeoutMs;
    // Every query of the token is logged: the three above (one refused), those answered until the close
    // revoked the access, and the refused one after it.
    let logged = 3;
    let refused = await query('tradeVolume', token);
    while (refused.status === 200) {
      logged += 1;
      if (Date.now() > deadline) throw new Error(`The access was not revoked within ${waitTimeoutMs} ms:\n${flow.app.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      refused = await query('tradeVolume', token);
    }
    expect(refused).toMatchObject({ status: 403, body: { error: 'revoked' } });
    logged += 1;

    const after = await flow.openPage({ email: members[0] });
    await after.goto('/data-use');
    const revoked = after.getByTestId('data-use-grant-revoked');
    await revoked.getByTestId('data-use-grant-status').getByText('Widerrufen').waitFor();
    await revoked.getByRole('heading', { level: 3, name: `Abfragen (${logged})` }).waitFor();
    expect(await revoked.getByTestId('data-use-query').count()).toBe(Math.min(logged, 50));
    await revoked.getByTestId('data-use-query').first().getByText('abgewiesen, widerrufen', { exact: false }).waitFor();
    await screenshot(after, 'data-use-6-revoked');
    expect(flow.pageErrors).toEqual([]);
  });
});
