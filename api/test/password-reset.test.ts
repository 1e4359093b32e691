// Changing one's password and resetting a forgotten one by an e-mail link: the link goes through the
// outbox, works once and until it expires; a wrong token changes nothing; the answer to a request is
// the same for unknown addresses, and an address gets a limited number of e-mails an hour.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApi, testConfig, type ApiClient, type TestApi } from './support/api';
import { buildMember, logIn, testPassword } from './support/builders';
import { passwordResetEmails } from '../src/jobs';
import { createLogger } from '../src/logger';
import { createMailer, type Mailer } from '../src/mail/mailer';
import { resetRequestsPerHourMax, resetTokenHash, sendPasswordResetEmails } from '../src/members/password-reset';
import { decodeEml } from './support/mail';

const requestReset = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { __typename ... on MutationRequestPasswordResetSuccess { data } ... on Error { code } } }`;
const resetPassword = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on MutationResetPasswordSuccess { data } ... on ValidationError { fieldErrors { field code } } ... on Error { code } } }`;
const changePassword = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on MutationChangePasswordSuccess { data } ... on ValidationError { fieldErrors { field code params { name value } } } ... on Error { code } } }`;
const login = `mutation($input: LoginInput!) { login(input: $input) { __typename } }`;
const me = `{ me { email } }`;

describe('passwords: change and reset by e-mail', () => {
  let api: TestApi;
  let outboxDir: string;
  let mailer: Mailer;
  const logger = createLogger('silent');

  beforeAll(async () => {
    api = await createTestApi();
    outboxDir = mkdtempSync(path.join(tmpdir(), 'allmende-reset-outbox-'));
    mailer = createMailer(testConfig({ MAIL_OUTBOX_DIR: outboxDir, PUBLIC_URL: 'https://markt.example.org/' }).mail);
  });
  afterAll(() => api.close());

  const outbox = () => readdirSync(outboxDir).sort();
  const runJob = () => passwordResetEmails.handle({}, { ...api.services, mailer, logger, attempt: 1, signal: new AbortController().signal });

  /** Requests a reset, sends the e-mail and returns the token from its link. */
  async function mailedToken(email: string): Promise<string> {
    const before = new Set(outbox());
    const answer = await api.client().graphql(requestReset, { input: { email } });
    expect(answer.data?.requestPasswordReset).toEqual({ __typename: 'MutationRequestPasswordResetSuccess', data: true });
    await runJob();
    const added = outbox().filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    const text = decodeEml(readFileSync(path.join(outboxDir, added[0]!), 'utf8'));
    const match = /https:\/\/markt\.example\.org\/password\/reset\?token=([A-Za-z0-9_-]+)/.exec(text);
    expect(match).not.toBeNull();
    return match![1]!;
  }

  async function canLogIn(email: string, password: string): Promise<boolean> {
    const result = await api.client().graphql(login, { input: { email, password } });
    return result.data?.login.__typename === 'MutationLoginSuccess';
  }

  it('resets a password by the mailed link once, ends every session, and stores only the hash', async () => {
    await buildMember(api, { email: 'greta@example.org', displayName: 'Greta Grün', locale: 'en' });
    const session = await logIn(api, 'greta@example.org');
    const token = await mailedToken('Greta@Example.org');

    const stored = await api.database.prisma.passwordReset.findMany({ where: { member: { email: 'greta@example.org' } } });
    expect(stored.map((reset) => reset.tokenHash)).toEqual([resetTokenHash(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);

    const weak = await api.client().graphql(resetPassword, { input: { token, newPassword: 'kurz' } });
    expect(weak.data?.resetPassword).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'newPassword', code: 'too_short' }] });
    const done = await api.client().graphql(resetPassword, { input: { token, newPassword: 'Sonnenblume im Herbst' } });
    expect(done.data?.resetPassword).toEqual({ __typename: 'MutationResetPasswordSuccess', data: true });
    expect((await session.graphql(me)).data?.me).toBeNull();
    expect(await canLogIn('greta@example.org', 'Sonnenblume im Herbst')).toBe(true);
    expect(await canLogIn('greta@example.org', testPassword)).toBe(false);

    const again = await api.client().graphql(resetPassword, { input: { token, newPassword: 'Noch ein neues Passwort' } });
    expect(again.data?.resetPassword).toEqual({ __typename: 'InvalidResetTokenError', code: 'invalid_reset_token' });
    expect(await canLogIn('greta@example.org', 'Sonnenblume im Herbst')).toBe(true);
  });

  it('refuses a wrong or expired token and changes nothing', async () => {
    await buildMember(api, { email: 'hugo@example.org', displayName: 'Hugo Holz' });
    const token = await mailedToken('hugo@example.org');
    const wrong = await api.client().graphql(resetPassword, { input: { token: `${token}x`, newPassword: 'Sonnenblume im Herbst' } });
    expect(wrong.data?.resetPassword).toEqual({ __typename: 'InvalidResetTokenError', code: 'invalid_reset_token' });

    await api.database.prisma.passwordReset.updateMany({ where: { tokenHash: resetTokenHash(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await api.client().graphql(resetPassword, { input: { token, newPassword: 'Sonnenblume im Herbst' } });
    expect(expired.data?.resetPassword).toEqual({ __typename: 'InvalidResetTokenError', code: 'invalid_reset_token' });
    expect(await canLogIn('hugo@example.org', testPassword)).toBe(true);
  });

  it('answers the same for an unknown address and sends no more than the limit per hour', async () => {
    await buildMember(api, { email: 'ida@example.org', displayName: 'Ida Iris' });
    const known = await api.client().graphql(requestReset, { input: { email: 'ida@example.org' } });
    const unknown = await api.client().graphql(requestReset, { input: { email: 'niemand@example.org' } });
    expect(unknown).toEqual(known);

    const before = outbox().length;
    for (let request = 1; request < resetRequestsPerHourMax + 3; request++) {
      await api.client().graphql(requestReset, { input: { email: 'ida@example.org' } });
    }
    await sendPasswordResetEmails(api.database.prisma, mailer, { logger });
    expect(outbox().length - before).toBe(resetRequestsPerHourMax);
    await runJob();
    expect(outbox().length - before).toBe(resetRequestsPerHourMax);
  });

  it('changes the password with the current one, keeps this session and ends the others', async () => {
    await buildMember(api, { email: 'jakob@example.org', displayName: 'Jakob Jung' });
    const here: ApiClient = await logIn(api, 'jakob@example.org');
    const elsewhere = await logIn(api, 'jakob@example.org');
    const token = await mailedToken('jakob@example.org');

    const wrong = await here.graphql(changePassword, { input: { currentPassword: 'falsch-falsch', newPassword: 'Sonnenblume im Herbst' } });
    expect(wrong.data?.changePassword).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ field: 'currentPassword', code: 'wrong_password', params: [] }] });
    const weak = await here.graphql(changePassword, { input: { currentPassword: testPassword, newPassword: 'jakob-1234567' } });
    expect(weak.data?.changePassword.fieldErrors).toEqual([{ field: 'newPassword', code: 'password_contains_email', params: [] }]);

    const changed = await here.graphql(changePassword, { input: { currentPassword: testPassword, newPassword: 'Sonnenblume im Herbst' } });
    expect(changed.data?.changePassword).toEqual({ __typename: 'MutationChangePasswordSuccess', data: 1 });
    expect((await here.graphql(me)).data?.me).toEqual({ email: 'jakob@example.org' });
    expect((await elsewhere.graphql(me)).data?.me).toBeNull();
    // A reset link from before the change no longer works.
    const late = await api.client().graphql(resetPassword, { input: { token, newPassword: 'Noch ein neues Passwort' } });
    expect(late.data?.resetPassword.__typename).toBe('InvalidResetTokenError');
    expect((await api.client().graphql(changePassword, { input: { currentPassword: 'x', newPassword: 'y' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
