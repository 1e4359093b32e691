// Starts the API process from the environment, as `npm start` does without the web build, and
// prints one JSON line with its port once it listens. Used by tests that kill and restart it.
import { loadConfig } from '../../src/config';
import { startApp, stopOnSignals } from '../../src/main';

void (async () => {
  const app = await startApp(loadConfig());
  stopOnSignals(app);
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(app.url).port) })}\n`);
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
