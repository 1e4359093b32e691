// Starts the real server on a free port, as `npm start` does, and talks HTTP to it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../src/main';
import { testConfig } from './support/api';
import { createTestDatabase, type TestDatabase } from '../../scripts/test/database';

const json = { 'content-type': 'application/json', 'x-allmende-csrf': '1' };

async function graphql(app: RunningApp, query: string, variables?: object, cookie?: string) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { ...json, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { response, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

describe('HTTP server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'allmende-server-'));
  const webDistDir = path.join(dataDir, 'web');
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    mkdirSync(path.join(webDistDir, 'assets'), { recursive: true });
    writeFileSync(path.join(webDistDir, 'index.html'), '<!doctype html><div id="app"></div><script src="/assets/app.js"></script>');
    writeFileSync(path.join(webDistDir, 'assets', 'app.js'), 'console.log("app")');
    // In services mode the server runs on its own PostgreSQL test database; embedded, on PGlite in DATA_DIR.
    if (process.env.DATABASE_URL) postgres = await createTestDatabase();
  });
  afterAll(async () => {
    await postgres?.close();
  });

  const config = () =>
    testConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDistDir,
      SEED_DEMO: 'true',
      ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}),
    });

  it('serves the web app, GraphQL and the health check, and keeps data across restarts', async () => {
    let app = await startApp(config());
    try {
      expect(app.seeded).toBe(true);
      const index = await fetch(`${app.url}/`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<script');
      const clientRoute = await fetch(`${app.url}/account/settings`);
      expect(await clientRoute.text()).toContain('<div id="app">');
      expect(await (await fetch(`${app.url}/assets/app.js`)).text()).toContain('console.log');

      const health = await fetch(`${app.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });

      const typename = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(await typename.json()).toEqual({ data: { __typename: 'Query' } });

      const tooLarge = await fetch(`${app.url}/graphql`, { method: 'POST', headers: json, body: 'x'.repeat(1_100_000) });
      expect(tooLarge.status).toBe(413);

      const registered = await graphql(
        app,
        'mutation($input: RegisterInput!) { register(input: $input) { __typename } }',
        { input: { email: 'restart@example.org', password: 'bleibt auch nach dem neustart', displayName: 'Restart' } },
      );
      expect(registered.body.data.register.__typename).toBe('MutationRegisterSuccess');
      expect(registered.response.headers.get('set-cookie')).toMatch(/allmende_session=.+; .*HttpOnly; SameSite=Lax/i);
    } finally {
      await app.stop();
    }

    app = await startApp(config());
    try {
      expect(app.seeded).toBe(false);
      const login = await graphql(
        app,
        'mutation($input: LoginInput!) { login(input: $input) { __typename ... on MutationLoginSuccess { data { displayName } } } }',
        { input: { email: 'restart@example.org', password: 'bleibt auch nach dem neustart' } },
      );
      expect(login.body.data.login.data.displayName).toBe('Restart');
      const cooperative = await graphql(app, '{ cooperative { name memberCount activeOfferCount } }');
      expect(cooperative.body.data.cooperative).toEqual({ name: 'Allmende Demo eG', memberCount: 13, activeOfferCount: 64 });
    } finally {
      await app.stop();
    }
  });

  it('logs in a demo member with the documented password', async () => {
    const app = await startApp(config());
    try {
      const login = await graphql(
        app,
        'mutation($input: LoginInput!) { login(input: $input) { __typename ... on MutationLoginSuccess { data { displayName roles } } } }',
        { input: { email: 'lena@demo.allmende.coop', password: 'allmende-demo-2026' } },
      );
      expect(login.body.data.login.data).toEqual({ displayName: 'Lena Fischer', roles: ['member'] });
      const offers = await graphql(app, '{ offers(first: 3) { edges { node { title price producer { displayName } } } pageInfo { hasNextPage endCursor } } }');
      expect(offers.body.data.offers.edges).toHaveLength(3);
      expect(offers.body.data.offers.edges[0].node.price).toMatch(/^\d+\.\d{2}$/);
      const next = await graphql(app, 'query($after: String) { offers(first: 3, after: $after) { edges { node { title } } } }', {
        after: offers.body.data.offers.pageInfo.endCursor,
      });
      const firstTitles = offers.body.data.offers.edges.map((edge: any) => edge.node.title);
      for (const edge of next.body.data.offers.edges) expect(firstTitles).not.toContain(edge.node.title);
    } finally {
      await app.stop();
    }
  });
});
