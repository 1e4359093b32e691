// Applies prisma/migrations to the configured database (PostgreSQL with DATABASE_URL, else PGlite
// under DATA_DIR), recording them in _prisma_migrations as `prisma migrate deploy` does.
import { loadConfig } from '../api/src/config';
import { openConfiguredDatabase } from '../api/src/db/open';
import { applyMigrations } from '../api/src/db/migrations';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const applied = await applyMigrations(database.adapterFactory);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await database.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
