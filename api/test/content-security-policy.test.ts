// The web app's pages tell the browser to load nothing from other sites.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningApp } from '../src/main';
import { startTestServer, type TestServer } from './support/server';

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
  let server: TestServer;
  let app: RunningApp;

  beforeAll(async () => {
    server = await startTestServer('csp', (dataDir) => {
      const webDistDir = path.join(dataDir, 'web');
      mkdirSync(path.join(webDistDir, 'assets'), { recursive: true });
      writeFileSync(path.join(webDistDir, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/assets/app.js"></script>');
      writeFileSync(path.join(webDistDir, 'assets', 'app.js'), 'console.log("app")');
      return { WEB_DIST_DIR: webDistDir };
    });
    app = server.app;
  });
  afterAll(() => server.stop());

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
