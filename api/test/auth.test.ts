import { createTestApi, type TestApi } from './support/api';
import { buildMember } from './support/builders';
import { createSession, resolveSession, revokeAllSessions } from '../src/members/sessions';

const registerMutation = `mutation Register($input: RegisterInput!) {
  register(input: $input) {
    __typename
    ... on MutationRegisterSuccess { data { id displayName email roles locale } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code message }
  }
}`;

const loginMutation = `mutation Login($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on MutationLoginSuccess { data { id displayName email } }
    ... on ValidationError { fieldErrors { field message } }
    ... on Error { code message }
  }
}`;

const meQuery = '{ me { id displayName email roles } }';

describe('members and sessions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    await buildMember(api, { email: 'erika@example.org', displayName: 'Erika Muster' });
    await buildMember(api, { email: 'board@example.org', displayName: 'Board Member', roles: ['member', 'admin'] });
  });
  afterAll(() => api.close());

  it('registers a member, logs them in and lower-cases the e-mail', async () => {
    const client = api.client();
    const result = await client.graphql(registerMutation, {
      input: { email: '  Neu.Mitglied@Example.ORG ', password: 'ein langes passwort', displayName: 'Neu Mitglied', locale: 'en' },
    });
    expect(result.data?.register).toMatchObject({
      __typename: 'MutationRegisterSuccess',
      data: { displayName: 'Neu Mitglied', email: 'neu.mitglied@example.org', roles: ['member'], locale: 'en' },
    });
    expect(client.cookie('allmende_session')).toBeTruthy();
    const me = await client.graphql(meQuery);
    expect(me.data?.me).toMatchObject({ displayName: 'Neu Mitglied', email: 'neu.mitglied@example.org' });
    const stored = await api.database.prisma.member.findUniqueOrThrow({ where: { email: 'neu.mitglied@example.org' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('rejects bad registrations with typed errors and creates nothing', async () => {
    const before = await api.database.prisma.member.count();
    const client = api.client();
    const invalid = await client.graphql(registerMutation, { input: { email: 'not-an-address', password: 'x', displayName: ' ' } });
    expect(invalid.data?.register.__typename).toBe('ValidationError');
    expect(invalid.data?.register.code).toBe('validation_failed');
    expect(invalid.data?.register.fieldErrors.map((error: { field: string }) => error.field).sort()).toEqual(['displayName', 'email']);

    const weak = await client.graphql(registerMutation, { input: { email: 'weak@example.org', password: '1234567890', displayName: 'Weak' } });
    expect(weak.data?.register).toMatchObject({ __typename: 'WeakPasswordError', code: 'weak_password' });
    const short = await client.graphql(registerMutation, { input: { email: 'weak@example.org', password: 'kurz', displayName: 'Weak' } });
    expect(short.data?.register.__typename).toBe('WeakPasswordError');
    const repeated = await client.graphql(registerMutation, { input: { email: 'weak@example.org', password: 'aaaaaaaaaaaa', displayName: 'Weak' } });
    expect(repeated.data?.register.__typename).toBe('WeakPasswordError');

    const taken = await client.graphql(registerMutation, {
      input: { email: 'ERIKA@example.org', password: 'noch ein passwort', displayName: 'Zweite Erika' },
    });
    expect(taken.data?.register).toMatchObject({ __typename: 'EmailTakenError', code: 'email_taken' });

    const malformed = await client.graphql(registerMutation, { input: { email: 'x@example.org' } });
    expect(malformed.errors?.[0]?.message).toMatch(/was not provided/);

    expect(await api.database.prisma.member.count()).toBe(before);
    expect(client.cookie('allmende_session')).toBeUndefined();
  });

  it('lets exactly one of two concurrent registrations of one address succeed', async () => {
    const input = { email: 'twice@example.org', password: 'zweimal gleichzeitig', displayName: 'Twice' };
    const results = await Promise.all([api.client().graphql(registerMutation, { input }), api.client().graphql(registerMutation, { input })]);
    const kinds = results.map((result) => result.data?.register.__typename).sort();
    expect(kinds).toEqual(['EmailTakenError', 'MutationRegisterSuccess']);
    expect(await api.database.prisma.member.count({ where: { email: 'twice@example.org' } })).toBe(1);
  });

  it('logs in and answers wrong password and unknown e-mail alike', async () => {
    const client = api.client();
    const wrong = await client.graphql(loginMutation, { input: { email: 'erika@example.org', password: 'falsch-falsch' } });
    const unknown = await client.graphql(loginMutation, { input: { email: 'nobody@example.org', password: 'falsch-falsch' } });
    expect(wrong.data?.login).toEqual(unknown.data?.login);
    expect(wrong.data?.login).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'invalid_credentials' });
    expect(client.cookie('allmende_session')).toBeUndefined();

    const empty = await client.graphql(loginMutation, { input: { email: '', password: '' } });
    expect(empty.data?.login.__typename).toBe('ValidationError');

    const ok = await client.graphql(loginMutation, { input: { email: 'Erika@Example.org', password: 'richtig-geheim-42' } });
    expect(ok.data?.login).toMatchObject({ __typename: 'MutationLoginSuccess', data: { displayName: 'Erika Muster', email: 'erika@example.org' } });
    expect((await client.graphql(meQuery)).data?.me?.displayName).toBe('Erika Muster');
  });

  it('stores sessions server-side: logout revokes the cookie', async () => {
    const client = api.client();
    await client.graphql(loginMutation, { input: { email: 'erika@example.org', password: 'richtig-geheim-42' } });
    const token = client.cookie('allmende_session')!;
    const session = await api.database.prisma.session.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(session.id).not.toBe(token);
    expect((await client.graphql('mutation { logout }')).data?.logout).toBe(true);
    expect(client.cookie('allmende_session')).toBeUndefined();

    const replay = api.client();
    replay.setCookie('allmende_session', token);
    expect((await replay.graphql(meQuery)).data?.me).toBeNull();
  });

  it('reads the member of a session exactly as Prisma does, and none for an expired or revoked session', async () => {
    const member = await buildMember(api, { displayName: 'Sitzung Vergleich', roles: ['member', 'producer'] });
    const settings = { secret: api.services.config.sessionSecret, ttlDays: 1 };
    const { token } = await createSession(api.database.prisma, settings, member.id, 'test');
    const resolved = await resolveSession(api.services, settings, token);
    expect(resolved?.member).toEqual(await api.database.prisma.member.findUniqueOrThrow({ where: { id: member.id } }));
    expect(await resolveSession(api.services, settings, `${token}x`)).toBeNull();
    await api.database.prisma.session.update({ where: { id: resolved!.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await resolveSession(api.services, settings, token)).toBeNull();
    const { token: second } = await createSession(api.database.prisma, settings, member.id, 'test');
    await revokeAllSessions(api.database.prisma, member.id);
    expect(await resolveSession(api.services, settings, second)).toBeNull();
  });

  it('logoutEverywhere ends all sessions of the member', async () => {
    const laptop = api.client();
    const phone = api.client();
    for (const client of [laptop, phone]) {
      await client.graphql(loginMutation, { input: { email: 'erika@example.org', password: 'richtig-geheim-42' } });
    }
    const ended = await laptop.graphql('mutation { logoutEverywhere }');
    expect(ended.data?.logoutEverywhere).toBeGreaterThanOrEqual(2);
    expect((await phone.graphql(meQuery)).data?.me).toBeNull();
    const anonymous = await api.client().graphql('mutation { logoutEverywhere }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('enforces roles: only admins list members, and e-mails stay private', async () => {
    const query = '{ members(first: 10) { edges { node { displayName email } } } }';
    const anonymous = await api.client().graphql(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const member = api.client();
    await member.graphql(loginMutation, { input: { email: 'erika@example.org', password: 'richtig-geheim-42' } });
    expect((await member.graphql(query)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const admin = api.client();
    await admin.graphql(loginMutation, { input: { email: 'board@example.org', password: 'richtig-geheim-42' } });
    const listed = await admin.graphql(query);
    expect(listed.errors).toBeUndefined();
    const erika = listed.data?.members.edges.find((edge: { node: { displayName: string } }) => edge.node.displayName === 'Erika Muster');
    expect(erika.node.email).toBe('erika@example.org');
  });

  it('refuses requests a browser could send cross-site (CSRF)', async () => {
    const client = api.client();
    await client.graphql(loginMutation, { input: { email: 'erika@example.org', password: 'richtig-geheim-42' } });
    const response = await client.request({
      body: 'query=mutation%20%7B%20logout%20%7D',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(403);
    expect((await client.graphql(meQuery)).data?.me?.displayName).toBe('Erika Muster');
  });
});
