// Writes the demo cooperative into the configured database when it is empty.
import { loadConfig } from '../api/src/config';
import { openConfiguredDatabase } from '../api/src/db/open';
import { seedDemoCooperative } from '../api/src/seed/seed-demo-cooperative';
import { printDemoLogins } from './demo-logins';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const seeded = await seedDemoCooperative(database, config);
    console.log(seeded ? 'Seeded the demo cooperative.' : 'The database already has a cooperative: nothing seeded.');
    if (seeded) printDemoLogins();
  } finally {
    await database.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
