// The web app's pages tell the browser to load nothing from other sites.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../src/main';
import { testConfig } from './support/api';
import { createTestDatabase, type TestDatabase } from '../../scripts/test/database';

function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('Content-Security-Policy of the web app', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'allmende-csp-'));
  const webDistDir = path.join(dataDir, 'web');
  let postgres: TestDatabase | undefined;
  let app: RunningApp;

  beforeAll(async () => {
    mkdirSync(path.join(webDistDir, 'assets'), { recursive: true });
    writeFileSync(path.join(webDistDir, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/assets/app.js"></script>');
    writeFileSync(path.join(webDistDir, 'assets', 'app.js'), 'console.log("app")');
    if (process.env.DATABASE_URL) postgres = await createTestDatabase();
    app = await startApp(
      testConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        WEB_DIST_DIR: webDistDir,
        SEED_DEMO: 'false',
        ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}),
      }),
    );
  });
  afterAll(async () => {
    await app.stop();
    await postgres?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('allows scripts, styles, fonts, images and requests from this server only', async () => {
    for (const pathname of ['/', '/producers/some-producer', '/assets/app.js']) {
      const response = await fetch(`${app.url}${pathname}`);
      expect(response.status).toBe(200);
      const policy = directives(response.headers.get('content-security-policy'));
      expect(policy.get('default-src')).toEqual(["'self'"]);
      for (const name of ['script-src', 'style-src', 'font-src', 'connect-src']) expect(policy.get(name)).toEqual(["'self'"]);
      // Previews of images chosen for upload are blob: URLs of the page itself.
      expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    }
  });
});
