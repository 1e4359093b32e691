// The ledger jobs on the in-process queue: sealing blocks of the hash chain and voiding expired holds,
// run through the queue the way the API process runs them, against a real database.
import { randomBytes } from 'node:crypto';
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import type { TestDatabase } from '../../scripts/test/database';
import { createLogger } from '../src/logger';
import { jobDefinitions, scheduleRepeatingJobs } from '../src/jobs';
import type { JobDefinition } from '../src/jobs/definition';
import { ledgerExpireHolds } from '../src/jobs/ledger-expire-holds';
import { ledgerSealBlocks } from '../src/jobs/ledger-seal-blocks';
import { createJobQueue, type JobQueue } from '../src/jobs/queue';
import { cooperativeCurrency } from '../src/wallet/cooperative-currency';
import { createTestServices, type TestServices } from './support/services';

const CURRENCY = cooperativeCurrency.code;
const logger = createLogger('silent');

let services: TestServices;
let database: TestDatabase;
let ledger: Ledger;
const openQueues: JobQueue[] = [];
let lastQueueName = '';

beforeAll(async () => {
  // The jobs run with the process's one ledger, the same one the test writes through.
  services = await createTestServices();
  database = services.database;
  ledger = services.ledger;
});

afterEach(async () => {
  await Promise.all(openQueues.splice(0).map((queue) => queue.close(1000)));
});

afterAll(async () => {
  await services?.close();
});

function openQueue(definitions: JobDefinition<unknown>[]): JobQueue {
  lastQueueName = `ledger-${randomBytes(4).toString('hex')}`;
  const queue = createJobQueue({
    services,
    logger,
    definitions,
    queueName: lastQueueName,
    pollIntervalMs: 20,
  });
  openQueues.push(queue);
  return queue;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let memberCount = 0;
async function createMember(): Promise<string> {
  memberCount += 1;
  const result = await ledger.createAccount({ currency: CURRENCY, type: 'member', code: `member-${memberCount}`, name: `Member ${memberCount}`, creditLimit: '100.00' });
  if (!result.ok) throw new Error(`Could not create an account: ${result.code}`);
  return result.account.id;
}

let keyCount = 0;
function newKey(): string {
  keyCount += 1;
  return `ledger-jobs-${keyCount}`;
}

async function sealedTransferCount(): Promise<number> {
  const chain = await ledger.verifyChain();
  if (!chain.ok) throw new Error(`Chain broken: ${chain.problem.message}`);
  return chain.transfers;
}

describe('ledger jobs', () => {
  it('are registered and scheduled to repeat', async () => {
    const names = jobDefinitions.map((job) => job.name);
    expect(names).toEqual(expect.arrayContaining(['ledger-seal-blocks', 'ledger-expire-holds']));
    const queue = openQueue(jobDefinitions);
    await scheduleRepeatingJobs(queue);
    const schedules = await database.prisma.job.findMany({ where: { queue: lastQueueName, repeatEveryMs: { not: null } }, select: { name: true, repeatEveryMs: true } });
    const byName = new Map(schedules.map((row) => [row.name, row.repeatEveryMs]));
    expect(byName.get('ledger-seal-blocks')).toBeGreaterThan(0);
    expect(byName.get('ledger-expire-holds')).toBeGreaterThan(0);
  });

  it('seal every written transfer into the hash chain', async () => {
    const anna = await createMember();
    const ben = await createMember();
    const results = await ledger.createTransfers(
      Array.from({ length: 25 }, (_, index) => ({
        type: 'immediate' as const,
        idempotencyKey: newKey(),
        debitAccountId: index % 2 === 0 ? anna : ben,
        creditAccountId: index % 2 === 0 ? ben : anna,
        currency: CURRENCY,
        amount: '1.50',
        kind: 'payment',
      })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const written = (await ledger.listTransfers({ limit: 10_000 })).length;
    expect(await sealedTransferCount()).toBeLessThan(written);

    const queue = openQueue([ledgerSealBlocks]);
    await queue.startWorkers();
    // On PostgreSQL the sealer waits for older transactions anywhere in the cluster, so run it until done.
    await waitFor(async () => {
      await queue.add(ledgerSealBlocks, {}, { jobKey: 'seal' });
      return (await sealedTransferCount()) === written;
    }, 'every transfer to be sealed');
    const verification = await ledger.verifyLedger();
    expect(verification).toMatchObject({ ok: true, summary: { unsealedTransfers: 0 } });
  });

  it('void holds whose time has passed and leave the others', async () => {
    const buyer = await createMember();
    const seller = await createMember();
    // Holds written an hour ago by a ledger with its clock set back, so one of them has expired.
    const past = createLedger({ store: createSqlLedgerStore(database.sqlDriver), clock: () => new Date(Date.now() - 60 * 60_000) });
    const hold = (timeoutSeconds: number) => ({
      type: 'pending' as const,
      idempotencyKey: newKey(),
      debitAccountId: buyer,
      creditAccountId: seller,
      currency: CURRENCY,
      amount: '10.00',
      kind: 'escrow',
      timeoutSeconds,
    });
    const [expired, open] = await past.createTransfers([hold(60), hold(24 * 60 * 60)]);
    if (!expired?.ok || !open?.ok) throw new Error('Could not write the holds');
    const [before] = await ledger.getBalances([buyer]);
    expect(before!.pendingDebits.toFixed(2)).toBe('20.00');

    const queue = openQueue([ledgerExpireHolds]);
    await queue.startWorkers();
    await queue.add(ledgerExpireHolds, {});
    await waitFor(async () => (await ledger.getPendingStatus(expired.transfer.id))?.state === 'expired', 'the hold to expire');

    expect((await ledger.getPendingStatus(open.transfer.id))?.state).toBe('pending');
    const [after] = await ledger.getBalances([buyer]);
    expect([after!.posted.toFixed(2), after!.pendingDebits.toFixed(2)]).toEqual(['0.00', '10.00']);

    // A second run finds nothing more to do and voids nothing twice.
    await queue.add(ledgerExpireHolds, {});
    await waitFor(async () => (await database.prisma.job.count({ where: { queue: lastQueueName, name: 'ledger-expire-holds', status: 'completed' } })) >= 2, 'the second run');
    const voids = (await ledger.listTransfers({ limit: 10_000 })).filter((transfer) => transfer.type === 'void');
    expect(voids).toHaveLength(1);
    expect((await ledger.verifyLedger()).ok).toBe(true);
  });
});
