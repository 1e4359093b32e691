import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  const dataDir = () => mkdtempSync(path.join(tmpdir(), 'allmende-config-'));

  it('defaults to the embedded mode on port 4000 and keeps a generated session secret', () => {
    const DATA_DIR = dataDir();
    const config = parseConfig({ DATA_DIR });
    expect(config).toMatchObject({ port: 4000, embedded: true, seedDemo: true, runWorkersInProcess: true, dataDir: DATA_DIR });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(DATA_DIR, 'session-secret'), 'utf8').trim()).toBe(config.sessionSecret);
    expect(parseConfig({ DATA_DIR }).sessionSecret).toBe(config.sessionSecret);
  });

  it('selects the services mode with DATABASE_URL and REDIS_URL', () => {
    const config = parseConfig({
      DATABASE_URL: 'postgresql://postgres@db:5432/allmende',
      REDIS_URL: 'redis://redis:6379',
      SESSION_SECRET: 'x'.repeat(40),
    });
    expect(config).toMatchObject({ embedded: false, seedDemo: false, runWorkersInProcess: false, redisUrl: 'redis://redis:6379' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
  ])('rejects %j naming %s', (environment, name) => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), ...environment })).toThrow(ConfigError);
    expect(() => parseConfig({ DATA_DIR: dataDir(), ...environment })).toThrow(new RegExp(`\\b${name}\\b`));
  });
});
