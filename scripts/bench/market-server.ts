// The server under test runs as `npm start` does (scripts/start.ts) in services mode, in a child
// process of its own, so the load generator does not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { nowMs } from './measure';

const root = path.resolve(__dirname, '../..');
const startTimeoutMs = 60_000;

export interface ServerUnderTest {
  url: string;
  pid: number;
  /** CPU time the server process has used so far (user and system), or NaN where /proc is missing. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl: string;
  redisUrl: string | undefined;
  poolSize: number;
  /** When set, the server writes a V8 CPU profile (node --cpu-prof) into this folder on exit. */
  cpuProfileDir: string | undefined;
}

export async function startServerUnderTest(options: ServerOptions): Promise<ServerUnderTest> {
  const port = await freePort();
  const nodeArguments = [
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    '--import',
    'tsx',
    path.join(root, 'scripts/start.ts'),
  ];
  const child = spawn(process.execPath, nodeArguments, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: String(options.poolSize),
      REDIS_URL: options.redisUrl ?? '',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      SEED_DEMO: 'false',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // No web app is needed for the API; a folder without index.html also skips building it.
      WEB_DIST_DIR: path.join(root, 'bench-results/no-web-app'),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, child);
  return {
    url,
    pid: child.pid!,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () => stopChild(child),
  };
}

async function waitUntilHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = nowMs() + startTimeoutMs;
  while (nowMs() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} during start-up`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`The server did not answer ${url}/healthz within ${startTimeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** utime and stime of a Linux process, from /proc/<pid>/stat, in milliseconds. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const clockTicksPerSecond = 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
