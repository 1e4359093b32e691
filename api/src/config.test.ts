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
    [{ SMTP_URL: 'mail.example.org' }, 'SMTP_URL'],
    [{ PUBLIC_URL: 'example.org' }, 'PUBLIC_URL'],
    [{ GRAPHQL_MAX_DEPTH: 'deep' }, 'GRAPHQL_MAX_DEPTH'],
    [{ GRAPHQL_MAX_TOKENS: '10' }, 'GRAPHQL_MAX_TOKENS'],
    [{ GRAPHQL_MAX_COST: '-1' }, 'GRAPHQL_MAX_COST'],
  ])('rejects %j naming %s', (environment, name) => {
    expect(() => parseConfig({ DATA_DIR: dataDir(), ...environment })).toThrow(ConfigError);
    expect(() => parseConfig({ DATA_DIR: dataDir(), ...environment })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('writes e-mails to DATA_DIR/outbox and links to localhost without SMTP_URL and PUBLIC_URL', () => {
    const DATA_DIR = dataDir();
    expect(parseConfig({ DATA_DIR, PORT: '4100' }).mail).toEqual({
      smtpUrl: undefined,
      from: 'Allmende <no-reply@localhost>',
      outboxDir: path.join(DATA_DIR, 'outbox'),
      publicUrl: 'http://localhost:4100',
    });
    const configured = parseConfig({ DATA_DIR, SMTP_URL: 'smtp://mail:25', PUBLIC_URL: 'https://markt.example.org/', MAIL_FROM: 'Markt <markt@example.org>' }).mail;
    expect(configured).toMatchObject({ smtpUrl: 'smtp://mail:25', from: 'Markt <markt@example.org>', publicUrl: 'https://markt.example.org' });
  });

  it('limits GraphQL documents, with defaults when unset', () => {
    expect(parseConfig({ DATA_DIR: dataDir() }).queryLimits).toEqual({ tokensMax: 2000, depthMax: 12, aliasesMax: 20, costMax: 50_000, directivesMax: 10 });
    const configured = parseConfig({ DATA_DIR: dataDir(), GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_ALIASES: '0', GRAPHQL_MAX_COST: '1000', GRAPHQL_MAX_TOKENS: '500', GRAPHQL_MAX_DIRECTIVES: '2' });
    expect(configured.queryLimits).toEqual({ tokensMax: 500, depthMax: 8, aliasesMax: 0, costMax: 1000, directivesMax: 2 });
  });
});
