// Prisma CLI configuration. The CLI is used only for `prisma generate`: migrations are applied and
// written by scripts/migrate.ts and scripts/new-migration.ts through the WebAssembly schema engine,
// which speaks to PostgreSQL and PGlite through the same driver adapters as the application.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: path.join(__dirname, 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'migrations') },
});
