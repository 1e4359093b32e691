// docker-compose.yml and the Dockerfile cannot be run here, so they are checked against the code they
// configure: service layout and health, start order, every environment variable against the
// config schema, the resulting configuration, ports, volumes and the npm scripts the image runs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { environmentSchema, parseConfig, type Config } from '../src/config';

const root = path.resolve(__dirname, '../..');
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const dockerfileText = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const packageScripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

const schemaKeys = new Set(Object.keys(environmentSchema.shape));
const appServices = ['migrate', 'api', 'worker'] as const;
const longRunningServices = ['postgres', 'redis', 'api', 'worker'] as const;
/** What a user puts into .env before `docker compose up`: only the required settings. */
const sampleUserEnvironment: Record<string, string> = {
  SESSION_SECRET: 'sample-session-secret-for-the-compose-check-0123456789',
};

type Scalar = string | number | boolean | null;
interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
interface PortObject {
  target: number | string;
  published?: number | string;
}
interface VolumeObject {
  type?: string;
  source?: string;
  target: string;
}
interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  restart?: string;
  environment?: Record<string, Scalar> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  ports?: (string | number | PortObject)[];
  volumes?: (string | VolumeObject)[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Compose variable interpolation ($$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
// ${VAR?error}, ${VAR:+alternative}, ${VAR+alternative}), as `docker compose` applies it to values.

class MissingVariableError extends Error {}

const interpolationPattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function interpolate(value: string, environment: Record<string, string>): string {
  return value.replace(
    interpolationPattern,
    (_match, dollar: string | undefined, name: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
      if (dollar) return '$';
      const variable = (name ?? bare) as string;
      const current = environment[variable];
      const isSet = current !== undefined;
      const isNonEmpty = isSet && current !== '';
      const argumentValue = () => interpolate(argument ?? '', environment);
      switch (operator) {
        case undefined:
          return current ?? '';
        case ':-':
          return isNonEmpty ? current : argumentValue();
        case '-':
          return isSet ? current : argumentValue();
        case ':?':
        case '?':
          if (operator === ':?' ? isNonEmpty : isSet) return current as string;
          throw new MissingVariableError(`${variable} is required: ${argument ?? ''}`);
        case ':+':
          return isNonEmpty ? argumentValue() : '';
        case '+':
          return isSet ? argumentValue() : '';
        default:
          throw new Error(`unknown interpolation operator ${operator}`);
      }
    },
  );
}

function interpolateDeep<T>(value: T, environment: Record<string, string>): T {
  if (typeof value === 'string') return interpolate(value, environment) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolateDeep(item, environment)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, environment)])) as T;
  }
  return value;
}

/** Every ${...} reference in the raw file, with its operator. */
function variableReferences(text: string): { name: string; operator: string | undefined }[] {
  const references: { name: string; operator: string | undefined }[] = [];
  for (const match of text.matchAll(interpolationPattern)) {
    if (match[1]) continue;
    references.push({ name: (match[2] ?? match[5]) as string, operator: match[3] });
  }
  return references;
}

// ---------------------------------------------------------------------------------------------
// Compose helpers.

const rawCompose = parse(composeText, { merge: true }) as ComposeFile;
const compose = interpolateDeep(rawCompose, sampleUserEnvironment);

function service(file: ComposeFile, name: string): Service {
  const found = file.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A service's environment as a map; list entries "KEY=VALUE", null for pass-through keys. */
function environmentOf(entry: Service): Record<string, string | null> {
  const environment = entry.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((item) => {
        const separator = item.indexOf('=');
        return separator === -1 ? [item, null] : [item.slice(0, separator), item.slice(separator + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, value === null ? null : String(value)]),
  );
}

function dependencies(entry: Service): Record<string, string> {
  const dependsOn = entry.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, options]) => [name, options.condition ?? 'service_started']),
  );
}

function containerPorts(entry: Service): number[] {
  return (entry.ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(port.target);
    // [ip:][host:]container[/protocol]
    const withoutProtocol = String(port).split('/')[0] as string;
    return Number(withoutProtocol.split(':').at(-1));
  });
}

function mounts(entry: Service): { source: string | undefined; target: string; named: boolean }[] {
  return (entry.volumes ?? []).map((volume) => {
    if (typeof volume === 'object') {
      return { source: volume.source, target: volume.target, named: (volume.type ?? 'volume') === 'volume' && !!volume.source };
    }
    const [source, target] = volume.split(':') as [string, string | undefined];
    if (target === undefined) return { source: undefined, target: source, named: false };
    return { source, target, named: !/^[./~]/.test(source) };
  });
}

function commandOf(entry: Service): string[] {
  const command = entry.command;
  if (command === undefined) return dockerCmd(runtimeStage());
  return Array.isArray(command) ? command : command.split(/\s+/);
}

// ---------------------------------------------------------------------------------------------
// Dockerfile helpers.

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}

function dockerfileStages(text: string): { args: Record<string, string>; stages: Stage[] } {
  const logicalLines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = rest;
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = instruction.args.split('=');
      args[name] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

const dockerfile = dockerfileStages(dockerfileText);

function runtimeStage(): Stage {
  const last = dockerfile.stages.at(-1);
  if (!last) throw new Error('Dockerfile has no stage');
  return last;
}

function instructions(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}

function dockerCmd(stage: Stage): string[] {
  const cmd = instructions(stage, 'CMD').at(-1);
  if (cmd === undefined) throw new Error('the runtime stage has no CMD');
  return JSON.parse(cmd) as string[];
}

/** ENV KEY=VALUE pairs of a stage (values may be quoted). */
function dockerEnv(stage: Stage): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const args of instructions(stage, 'ENV')) {
    for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
      environment[match[1] as string] = (match[2] as string).replace(/^"(.*)"$/, '$1');
    }
  }
  return environment;
}

/** What a container of this service sees: the image's ENV overridden by the service's environment. */
function containerEnvironment(name: string): Record<string, string> {
  const environment: Record<string, string> = { ...dockerEnv(runtimeStage()) };
  for (const [key, value] of Object.entries(environmentOf(service(compose, name)))) {
    if (value !== null) environment[key] = value;
  }
  return environment;
}

function configOf(name: string): Config {
  // A scratch root so that nothing is written into the repository even if a default path were used.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'allmende-compose-'));
  try {
    return parseConfig(containerEnvironment(name), scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('has the services of services mode', () => {
    expect(Object.keys(compose.services).sort()).toEqual(expect.arrayContaining(['api', 'migrate', 'postgres', 'redis', 'worker']));
    expect(service(compose, 'postgres').image).toMatch(/^postgres:16(\b|$)/);
    expect(service(compose, 'redis').image).toMatch(/^redis:7(\b|$)/);
    expect(commandOf(service(compose, 'redis')).join(' ')).toMatch(/--appendonly yes/);
  });

  it('runs migrate, api and worker from the image built by the Dockerfile', () => {
    const images = appServices.map((name) => service(compose, name).image);
    expect(new Set(images).size).toBe(1);
    for (const name of appServices) expect(service(compose, name).build).toBeDefined();
  });

  it('gives every long-running service a healthcheck and lets migrate run once', () => {
    for (const name of longRunningServices) {
      const healthcheck = service(compose, name).healthcheck;
      expect({ name, disabled: healthcheck?.disable === true }).toEqual({ name, disabled: false });
      const test = healthcheck?.test;
      expect({ name, test: Array.isArray(test) ? test.length > 1 : typeof test === 'string' && test.length > 0 }).toEqual({ name, test: true });
    }
    expect(service(compose, 'postgres').healthcheck?.test).toEqual(expect.arrayContaining(['pg_isready']));
    expect(service(compose, 'redis').healthcheck?.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
    expect((service(compose, 'api').healthcheck?.test as string[]).join(' ')).toMatch(/:4000\/healthz/);
    expect(service(compose, 'migrate').restart).toBe('no');
  });

  it('starts migrate after PostgreSQL is healthy, and api and worker after a successful migration', () => {
    expect(dependencies(service(compose, 'migrate'))).toEqual({ postgres: 'service_healthy' });
    for (const name of ['api', 'worker']) {
      expect({ name, dependsOn: dependencies(service(compose, name)) }).toEqual({
        name,
        dependsOn: { migrate: 'service_completed_successfully', postgres: 'service_healthy', redis: 'service_healthy' },
      });
    }
  });

  it('runs npm scripts that exist in package.json', () => {
    expect(commandOf(service(compose, 'migrate'))).toEqual(['npm', 'run', 'db:migrate']);
    expect(commandOf(service(compose, 'api'))).toEqual(['npm', 'start']);
    expect(commandOf(service(compose, 'worker'))).toEqual(['npm', 'run', 'worker']);
    for (const name of appServices) {
      const [npm, run, script] = commandOf(service(compose, name));
      expect(npm).toBe('npm');
      const scriptName = run === 'run' ? script : run;
      expect({ name, script: scriptName, exists: scriptName !== undefined && scriptName in packageScripts }).toEqual({
        name,
        script: scriptName,
        exists: true,
      });
    }
  });

  it('sets only environment variables that the config schema knows', () => {
    for (const name of appServices) {
      const unknown = Object.keys(environmentOf(service(rawCompose, name))).filter((key) => !schemaKeys.has(key));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
    for (const name of ['api', 'worker']) {
      const environment = environmentOf(service(rawCompose, name));
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'SESSION_SECRET']) {
        expect({ name, key, set: typeof environment[key] === 'string' && environment[key] !== '' }).toEqual({ name, key, set: true });
      }
      // Compose refuses to start without a secret instead of starting with an empty one.
      expect(environment.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?.+\}$/);
    }
    expect(environmentOf(service(rawCompose, 'migrate')).DATABASE_URL).toBeTruthy();
  });

  it('gives every interpolated variable a default or makes it required', () => {
    const plain = variableReferences(composeText).filter((reference) => reference.operator === undefined);
    expect(plain).toEqual([]);
    expect(() => interpolateDeep(rawCompose, {})).toThrow(MissingVariableError);
    expect(() => interpolateDeep(rawCompose, { SESSION_SECRET: '' })).toThrow(/SESSION_SECRET/);
  });

  it.each(['api', 'worker', 'migrate'])('passes %s an environment that parseConfig accepts in services mode', (name) => {
    const config = configOf(name);
    expect(config.embedded).toBe(false);
    expect(config.databaseUrl).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\//);
    expect(config.redisUrl).toMatch(/^rediss?:\/\/redis:6379/);
    expect(config.sessionSecret).toBe(sampleUserEnvironment.SESSION_SECRET);
    expect(config.nodeEnv).toBe('production');
  });

  it('keeps the API free of in-process workers and its data on a volume', () => {
    const config = configOf('api');
    expect(config.runWorkersInProcess).toBe(false);
    expect(config.trustProxy).toBe(false);
    for (const name of ['api', 'worker']) {
      const targets = mounts(service(compose, name))
        .filter((mount) => mount.named)
        .map((mount) => mount.target);
      expect({ name, targets }).toEqual({ name, targets: expect.arrayContaining([configOf(name).dataDir]) });
    }
  });

  it('publishes the port the server listens on', () => {
    const exposed = runtimeStage()
      .instructions.filter((instruction) => instruction.keyword === 'EXPOSE')
      .flatMap((instruction) => instruction.args.split(/\s+/).map((port) => Number(port.split('/')[0])));
    const published = containerPorts(service(compose, 'api'));
    const defaultPort = environmentSchema.parse({}).PORT;
    expect(exposed).toEqual([defaultPort]);
    expect(published).toEqual([defaultPort]);
    expect(configOf('api').port).toBe(defaultPort);
  });

  it('declares every named volume that a service mounts', () => {
    const declared = new Set(Object.keys(compose.volumes ?? {}));
    for (const [name, entry] of Object.entries(compose.services)) {
      const undeclared = mounts(entry)
        .filter((mount) => mount.named && !declared.has(mount.source as string))
        .map((mount) => mount.source);
      expect({ name, undeclared }).toEqual({ name, undeclared: [] });
    }
    expect(mounts(service(compose, 'postgres')).map((mount) => mount.target)).toContain('/var/lib/postgresql/data');
    expect(mounts(service(compose, 'redis')).map((mount) => mount.target)).toContain('/data');
  });
});

describe('Dockerfile', () => {
  it('builds in stages from node:20-bookworm-slim', () => {
    const bases = dockerfile.stages.map((stage) => stage.from.replace(/^\$\{?([A-Za-z_]+)\}?$/, (_m, arg: string) => dockerfile.args[arg] ?? ''));
    const stageNames = new Set(dockerfile.stages.map((stage) => stage.name));
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(3);
    for (const base of bases) expect(base === 'node:20-bookworm-slim' || stageNames.has(base)).toBe(true);
    const runs = dockerfile.stages.flatMap((stage) => instructions(stage, 'RUN'));
    expect(runs.some((run) => /\bnpm ci\b/.test(run))).toBe(true);
    expect(runs.some((run) => /\bnpm run build\b/.test(run))).toBe(true);
  });

  it('runs the server as a non-root user in production mode with a healthcheck', () => {
    const runtime = runtimeStage();
    const user = instructions(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    expect(dockerEnv(runtime).NODE_ENV).toBe('production');
    expect(dockerCmd(runtime)).toEqual(['npm', 'start']);
    expect(instructions(runtime, 'HEALTHCHECK').at(-1)).toMatch(/\/healthz/);
  });

  it('sets only config keys (and npm settings) in the runtime environment', () => {
    const unknown = Object.keys(dockerEnv(runtimeStage())).filter((key) => !schemaKeys.has(key) && !key.startsWith('NPM_CONFIG_'));
    expect(unknown).toEqual([]);
  });

  it('copies files from the build context that exist', () => {
    for (const stage of dockerfile.stages) {
      for (const args of instructions(stage, 'COPY')) {
        if (/--from=/.test(args)) continue;
        const parts = args.split(/\s+/).filter((part) => !part.startsWith('--'));
        const sources = parts.slice(0, -1).filter((source) => source !== '.');
        const missing = sources.filter((source) => !existsSync(path.join(root, source)));
        expect({ args, missing }).toEqual({ args, missing: [] });
      }
    }
  });

  it('keeps local installs, data and secrets out of the build context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.data', 'web/dist', 'bench-results', 'test-artifacts', '.git', '.env']));
  });
});
