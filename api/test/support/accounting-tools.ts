// Debian's accounting tools as the tests run them: hledger and beancount check a journal export and
// report every account's balance, which the tests compare with the ledger's trial balance.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Decimal, JournalAccountNames, type Ledger } from '@allmende/ledger';

const run = promisify(execFile);

/** Runs a system tool; a missing one is a failure that says what to install. */
export async function tool(command: string, args: string[], debianPackage: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { maxBuffer: 256 << 20 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`${command} is not installed: install Debian's ${debianPackage} package (apt-get install -y ${debianPackage})`);
    throw new Error(`${command} ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

function parseCsvLine(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) => (match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!).trim());
}

/** Every account's balance as hledger reports it, by journal account name. */
export async function hledgerBalances(file: string, commodity: string): Promise<Map<string, string>> {
  const output = await tool('hledger', ['-f', file, 'balance', '--flat', '--empty', '--no-total', '-O', 'csv'], 'hledger');
  const balances = new Map<string, string>();
  for (const line of output.trim().split('\n').slice(1)) {
    const [account, amount] = parseCsvLine(line);
    const number = amount!.replace(new RegExp(`\\s*${commodity}$`), '');
    balances.set(account!, new Decimal(number === '0' ? '0' : number).toFixed(2));
  }
  return balances;
}

/** Every account's balance as bean-query reports it, by journal account name. */
export async function beancountBalances(file: string): Promise<Map<string, string>> {
  const output = await tool('bean-query', ['-f', 'csv', file, 'SELECT account, sum(number) AS balance GROUP BY account ORDER BY account'], 'beancount');
  const balances = new Map<string, string>();
  for (const line of output.trim().split('\n').slice(1)) {
    const [account, amount] = parseCsvLine(line);
    balances.set(account!, new Decimal(amount || '0').toFixed(2));
  }
  return balances;
}

/** The trial balance of a currency by journal account name (zero balances included). */
export async function trialBalanceByJournalName(ledger: Ledger, currency: string, asOf: Date | null): Promise<Map<string, string>> {
  const names = new JournalAccountNames();
  for (let after: string | null = null; ; ) {
    const page = await ledger.listAccounts({ currency, afterId: after, limit: 1000 });
    for (const account of page) names.add(account);
    if (page.length < 1000) break;
    after = page[page.length - 1]!.id;
  }
  const balances = new Map<string, string>();
  for (let after: string | null = null; ; ) {
    const page = await ledger.getTrialBalance({ currency, asOf, afterAccountId: after, limit: 1000 });
    for (const line of page.lines) balances.set(names.nameOf(line.accountId), line.balance.toFixed(2));
    if (!page.nextAfterAccountId) return balances;
    after = page.nextAfterAccountId;
  }
}

/** Non-zero balances only, so tools that leave out empty accounts compare equal. */
export function nonZero(balances: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...balances].filter(([, balance]) => !new Decimal(balance).isZero()).sort(([left], [right]) => left.localeCompare(right)));
}
