// Applies and writes Prisma migrations with Prisma's WebAssembly schema engine, driven through the
// same driver adapters as the application. The result is identical to `prisma migrate deploy`:
// migrations from prisma/migrations, recorded in _prisma_migrations.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as SchemaEngineModule from '@prisma/schema-engine-wasm';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

export const prismaDir = path.resolve(__dirname, '../../../prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
export const schemaPath = path.join(prismaDir, 'schema.prisma');

const noFilters = { externalTables: [], externalEnums: [] };

let engineModule: Promise<typeof SchemaEngineModule> | undefined;

/**
 * The engine package is wasm-bindgen "bundler" output, which Node cannot import directly: compile the
 * .wasm ourselves and hand it the JavaScript glue as its imports.
 */
function loadEngineModule(): Promise<typeof SchemaEngineModule> {
  engineModule ??= (async () => {
    const folder = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const glue = (await import(path.join(folder, 'schema_engine_bg.js'))) as Record<string, unknown> & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmModule = await WebAssembly.compile(readFileSync(path.join(folder, 'schema_engine_bg.wasm')));
    const instance = await WebAssembly.instantiate(wasmModule, { './schema_engine_bg.js': glue as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue as unknown as typeof SchemaEngineModule;
  })();
  return engineModule;
}

export function readMigrationsList(directory = migrationsDir): MigrationList {
  const folders = existsSync(directory)
    ? readdirSync(directory, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockfilePath = path.join(directory, 'migration_lock.toml');
  return {
    baseDir: directory,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockfilePath) ? readFileSync(lockfilePath, 'utf8') : 'provider = "postgresql"\n',
    },
    shadowDbInitScript: '',
    migrationDirectories: folders.map((folder) => {
      const file = path.join(directory, folder, 'migration.sql');
      return {
        path: folder,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

async function withEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, readFileSync(schemaPath, 'utf8')]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await use(engine);
  } catch (error) {
    throw new Error(`Schema engine failed: ${describeError(error)}${logs.length ? `\n${logs.slice(-5).join('\n')}` : ''}`);
  } finally {
    engine.free();
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) return JSON.stringify(error);
  return String(error);
}

/** Applies pending migrations; returns the names of those applied now. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withEngine(adapterFactory, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList: readMigrationsList(), filters: noFilters });
    return output.appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database from the committed migrations to the current schema.prisma, computed
 * with the given (PGlite) adapter factory as the shadow database. Empty when nothing changed.
 */
export async function diffMigrationsToSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(adapterFactory, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...readMigrationsList() },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  });
}
