// The distribution runs as a job on both queue backends: the board's run of one period, and the
// scheduled run, which takes the last ended period of the rule in force.
import { randomBytes } from 'node:crypto';
import type { Member } from '../../prisma/generated/client/client';
import { jobDefinitions, surplusDistribution, surplusDistributionJobKey } from '../src/jobs';
import type { JobQueue } from '../src/jobs/backend';
import { createJobQueue } from '../src/jobs/queue';
import { createLogger } from '../src/logger';
import { lastEndedPeriod, parsePeriod } from '../src/surplus/periods';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';
import { buildMember } from './support/builders';
import { createTestServices, type TestServices } from './support/services';
import { confirmedOrder, payIntoFund, surplusRuleInForce } from './support/surplus';

type Backend = 'in-process' | 'bullmq';
const redisUrl = process.env.REDIS_URL;
const backends: Backend[] = redisUrl ? ['in-process', 'bullmq'] : ['in-process'];
const redisPrefix = `allmende-test-${randomBytes(6).toString('hex')}`;
const dayMs = 24 * 60 * 60_000;

let services: TestServices;
let board: Member;
let buyer: Member;
let producer: Member;
const openQueues: JobQueue[] = [];

beforeAll(async () => {
  services = await createTestServices();
  board = await buildMember(services, { displayName: 'Vorstand', roles: ['member', 'admin'] });
  buyer = await buildMember(services, { displayName: 'Käufer' });
  producer = await buildMember(services, { displayName: 'Erzeugerin', roles: ['member', 'producer'] });
  for (const member of [buyer, producer]) await ensureMemberAccount(services, member);
  await surplusRuleInForce(services.prisma, { period: 'monthly', reserve: { kind: 'amount', amount: '0' }, mix: { purchases: 50, sales: 50, equal: 0, accounts: [] } }, new Date('2020-01-01T00:00:00Z'));
});
afterEach(async () => {
  await Promise.all(openQueues.splice(0).map((queue) => queue.close(1000)));
});
afterAll(() => services.close());

function openQueue(backend: Backend): JobQueue {
  const queue = createJobQueue({
    redisUrl: backend === 'bullmq' ? redisUrl : undefined,
    services,
    logger: createLogger('silent'),
    definitions: jobDefinitions,
    queueName: `surplus-${randomBytes(3).toString('hex')}`,
    redisPrefix,
    pollIntervalMs: 20,
  });
  openQueues.push(queue);
  return queue;
}

/** A period with a confirmed order between the two members and 10.00 in the fund to share. */
async function periodWithSurplus(key: string): Promise<void> {
  const period = parsePeriod(key)!;
  await confirmedOrder(services.prisma, buyer.id, producer.id, '40.00', new Date(period.start.getTime() + dayMs));
  await payIntoFund(services, board, '10.00');
}

async function bookedWithin(period: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await services.prisma.surplusRun.findUnique({ where: { period } });
    if (run?.status === 'booked' || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(backends)('the distribution job on the %s backend', (backend) => {
  it("books the board's run of a period", async () => {
    const period = backend === 'bullmq' ? '2025-06' : '2025-05';
    await periodWithSurplus(period);
    const queue = openQueue(backend);
    await queue.add(surplusDistribution, { period, startedById: board.id }, { jobKey: surplusDistributionJobKey(period) });
    await queue.startWorkers();
    const run = await bookedWithin(period);
    expect({ status: run?.status, startedById: run?.startedById, distributed: run?.distributed.toString(), shares: run?.shareCount }).toEqual({
      status: 'booked',
      startedById: board.id,
      distributed: '10',
      shares: 2,
    });
  });
});

it('runs the last ended period on its schedule', async () => {
  const period = lastEndedPeriod('monthly', new Date()).key;
  await periodWithSurplus(period);
  const queue = openQueue('in-process');
  await queue.repeat(surplusDistribution, {}, 60_000);
  await queue.startWorkers();
  const run = await bookedWithin(period);
  expect({ status: run?.status, startedById: run?.startedById, shares: run?.shareCount }).toEqual({ status: 'booked', startedById: null, shares: 2 });
  expect(await services.ledger.verifyLedger()).toMatchObject({ ok: true });
});
