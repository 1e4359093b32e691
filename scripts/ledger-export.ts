// npm run ledger:export -- --format csv|hledger|beancount|chain [--currency TALER] [--from YYYY-MM-DD --to YYYY-MM-DD]
// Writes one currency's journal, or the sealed hash chain, to stdout, read page by page from the
// configured database.
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat, createLedger, createSqlLedgerStore, exportJournal, isExportDate } from '@allmende/ledger';
import { loadConfig } from '../api/src/config';
import { openConfiguredDatabase } from '../api/src/db/open';

const usage = `Usage: npm run ledger:export -- --format csv|hledger|beancount|chain [--currency CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]

Writes the ledger of one currency to stdout. hledger and beancount journals hold posted movements
only; a period export starts with an opening-balance entry dated --from and every journal ends with a
balance assertion per account. CSV lists every transfer of the period (holds and voids included).
Dates are UTC calendar days, both ends included. --currency may be left out when the ledger has a
single currency. chain writes the sealed hash chain of all currencies (no period), which
npm run ledger:verify-export checks from the file alone.`;

class UsageError extends Error {}

interface Arguments {
  format: ExportFormat | 'chain';
  currency: string | null;
  from: string | null;
  to: string | null;
}

function readArguments(argv: string[]): Arguments {
  const { values } = parseArgs({
    args: argv,
    options: { format: { type: 'string' }, currency: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const format = values.format;
  if (!format || ![...EXPORT_FORMATS, 'chain'].includes(format)) throw new UsageError(`--format must be one of ${[...EXPORT_FORMATS, 'chain'].join(', ')}`);
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value !== undefined && !isExportDate(value)) throw new UsageError(`--${name} must be a date YYYY-MM-DD, not "${value}"`);
  }
  if (values.from && values.to && values.from > values.to) throw new UsageError('--from must not be after --to');
  return { format: format as ExportFormat | 'chain', currency: values.currency ?? null, from: values.from ?? null, to: values.to ?? null };
}

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

async function main(): Promise<void> {
  const args = readArguments(process.argv.slice(2));
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver) });
    if (args.format === 'chain') {
      for await (const chunk of ledger.exportChain()) await write(chunk);
      return;
    }
    const currencies = await ledger.listCurrencies();
    let currency = args.currency;
    if (currency === null) {
      if (currencies.length !== 1) throw new UsageError(`The ledger has ${currencies.length} currencies (${currencies.map((c) => c.code).join(', ') || 'none'}): choose one with --currency`);
      currency = currencies[0]!.code;
    } else if (!currencies.some((candidate) => candidate.code === currency)) {
      throw new UsageError(`Unknown currency ${currency}`);
    }
    for await (const chunk of exportJournal(ledger, { format: args.format, currency, from: args.from, to: args.to })) await write(chunk);
  } finally {
    await database.close();
  }
}

// A reader that stops early (e.g. `| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`ledger:export: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
