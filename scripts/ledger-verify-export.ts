// npm run ledger:verify-export -- <chain.jsonl> [--csv <export.csv>]
// Checks a chain export (`npm run ledger:export -- --format chain`, or "Hash chain" on the accountants'
// export page) without any access to the cooperative's database: recomputes every transfer's digest and
// every block's hash and checks that the blocks link up from the genesis hash. With --csv it also
// shows that a CSV export says the same as the sealed transfers. Prints the last block's number and
// hash, to compare with the hash the verification page shows.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { checkCsvAgainstChain, verifyChainExport } from '@allmende/ledger';

const usage = `Usage: npm run ledger:verify-export -- <chain.jsonl> [--csv <export.csv>]

Verifies the hash chain in a chain export from the file alone and prints its last block and hash.
--csv: also checks every row of a CSV export against the sealed transfer of the same id.
Exit status 0: everything checks; 1: the first broken item is printed; 2: wrong arguments.`;

async function main(): Promise<number> {
  let chainFile: string;
  let csvFile: string | undefined;
  try {
    const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: { csv: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('name one chain export file');
    chainFile = positionals[0]!;
    csvFile = values.csv;
  } catch (error) {
    console.error(`ledger:verify-export: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const lines = createInterface({ input: createReadStream(chainFile, 'utf8'), crlfDelay: Infinity });
  const chain = await verifyChainExport(lines);
  if (!chain.ok) {
    console.error(`Chain BROKEN: line ${chain.line} ${chain.message}.`);
    return 1;
  }
  console.log(`Chain OK: ${chain.blocks} blocks, ${chain.transfers} transfers.`);
  console.log(`  Last block: ${chain.lastBlockNumber}, hash ${chain.lastHash}`);
  console.log('  Compare this hash with the one the cooperative shows on its verification page.');
  if (csvFile) {
    const check = checkCsvAgainstChain(await readFile(csvFile, 'utf8'), chain.transfersById);
    if (!check.ok) {
      console.error(`CSV BROKEN: ${check.message}.`);
      return 1;
    }
    console.log(`CSV OK: ${check.sealed} of ${check.rows} rows match their sealed transfers${check.unsealed > 0 ? `, ${check.unsealed} were not sealed when the chain was exported` : ''}.`);
  }
  return 0;
}

void main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
