// npm run ledger:verify [-- --no-seal]
// Seals the transfers not yet in the hash chain, then checks the whole ledger in one snapshot: zero sum
// per currency, every transfer balanced, every cached balance equal to its transfers, no balance ever
// outside its limits, every transfer's references, and the hash chain. Exits 1 naming the first broken item, 0 with a summary.
import { parseArgs } from 'node:util';
import { createLedger, createSqlLedgerStore, type LedgerProblem } from '@allmende/ledger';
import { loadConfig } from '../api/src/config';
import { openConfiguredDatabase } from '../api/src/db/open';

const usage = `Usage: npm run ledger:verify [-- --no-seal]

Seals pending blocks of the hash chain first (--no-seal: only read, and report how many transfers are
not sealed yet), then verifies the ledger. Exit status 0: everything checks; 1: the first broken item
is printed; 2: wrong arguments.`;

/** Blocks sealed per run; a larger backlog is sealed by the next run or by the sealing job. */
const sealBlocksMaximum = 1_000;

function describe(problem: LedgerProblem): string {
  switch (problem.check) {
    case 'zero_sum':
      return `zero sum broken in currency ${problem.currency}`;
    case 'cached_balance':
      return `cached balance wrong on account ${problem.accountId}`;
    case 'open_pending':
      return `open-hold bookkeeping wrong for transfer ${problem.transferId}`;
    case 'limits':
      return `limit broken by transfer ${problem.violation.transferId} on account ${problem.violation.accountId}`;
    case 'chain':
      return `hash chain broken at block ${problem.chain.blockNumber}${problem.chain.transferId ? `, transfer ${problem.chain.transferId}` : ''}`;
  }
}

async function main(): Promise<number> {
  let seal = true;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { 'no-seal': { type: 'boolean' }, help: { type: 'boolean' } }, strict: true });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    seal = !values['no-seal'];
  } catch (error) {
    console.error(`ledger:verify: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }

  const database = await openConfiguredDatabase(loadConfig());
  try {
    const ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver) });
    const started = Date.now();
    const sealed = seal ? await ledger.sealBlocks({ blocksMaximum: sealBlocksMaximum }) : [];
    const verification = await ledger.verifyLedger();
    if (!verification.ok) {
      console.error(`Ledger BROKEN: ${describe(verification.problem)}`);
      console.error(`  ${verification.problem.message}`);
      return 1;
    }
    // Transfers carry no per-row foreign keys, so their references are checked here.
    const references = await ledger.verifyReferences();
    if (!references.ok) {
      console.error(`Ledger BROKEN: ${references.problem.problem} in transfer ${references.problem.transferId}`);
      console.error(`  ${references.problem.message}`);
      return 1;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { currencies, accounts, transfers, blocks, unsealedTransfers } = verification.summary;
    const sealedNow = sealed.reduce((sum, block) => sum + block.transferCount, 0);
    console.log(`Ledger OK: ${currencies} currencies, ${accounts} accounts, ${transfers} transfers, ${blocks} blocks in the hash chain (${seconds} s).`);
    console.log(`  zero sum, balanced transfers, cached balances, open holds, limits, references and hash chain all check.`);
    if (seal) console.log(`  Sealed ${sealedNow} transfers into ${sealed.length} new blocks.`);
    if (unsealedTransfers > 0) console.log(`  ${unsealedTransfers} transfers are not sealed yet${seal ? ' (written by transactions still running, or more than this run seals)' : ''}.`);
    return 0;
  } finally {
    await database.close();
  }
}

void main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
