// `npm start`: builds the web app when it is missing or older than its sources, then starts the API
// server. On a fresh machine this is the embedded default: PGlite under DATA_DIR, in-process jobs,
// the demo cooperative seeded on first start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../api/src/config';
import { startApp, stopOnSignals } from '../api/src/main';
import { printDemoLogins } from './demo-logins';

const root = path.resolve(__dirname, '..');

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'generated') continue;
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureWebBuild(distDir: string): void {
  const index = path.join(distDir, 'index.html');
  const sources = [path.join(root, 'web', 'src'), path.join(root, 'web', 'index.html'), path.join(root, 'api', 'schema.graphql')];
  const sourcesNewest = Math.max(
    ...sources.filter(existsSync).map((source) => (statSync(source).isDirectory() ? newestModification(source) : statSync(source).mtimeMs)),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesNewest) return;
  console.log('Building the web app…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Building the web app failed.');
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (path.resolve(config.webDistDir) === path.join(root, 'web', 'dist')) ensureWebBuild(config.webDistDir);
  const app = await startApp(config);
  stopOnSignals(app);
  console.log(`\nAllmende is running on ${app.url}  (GraphQL: ${app.url}/graphql)`);
  console.log(config.embedded ? `Embedded mode: data in ${config.dataDir}` : 'Services mode: PostgreSQL and Redis');
  if (config.seedDemo) printDemoLogins();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
