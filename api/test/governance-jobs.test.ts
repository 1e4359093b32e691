// A proposal closes at its deadline through the delayed close job, also when the worker was down at
// the deadline, and through the sweep when that job was lost; on both queue backends.
import { randomBytes } from 'node:crypto';
import type { Member } from '../../prisma/generated/client/client';
import { createProposal } from '../src/governance/create-proposal';
import { openVoting } from '../src/governance/open-voting';
import { governanceSweep, jobDefinitions } from '../src/jobs';
import type { JobQueue } from '../src/jobs/backend';
import { createJobQueue } from '../src/jobs/queue';
import { createLogger } from '../src/logger';
import { buildMember } from './support/builders';
import { createTestServices, type TestServices } from './support/services';

type Backend = 'in-process' | 'bullmq';
const redisUrl = process.env.REDIS_URL;
const backends: Backend[] = redisUrl ? ['in-process', 'bullmq'] : ['in-process'];
const redisPrefix = `allmende-test-${randomBytes(6).toString('hex')}`;
const dayMs = 24 * 60 * 60_000;

let services: TestServices;
let author: Member;
const openQueues: JobQueue[] = [];

beforeAll(async () => {
  services = await createTestServices();
  author = await buildMember(services, { displayName: 'Antragstellerin' });
});
afterEach(async () => {
  await Promise.all(openQueues.splice(0).map((queue) => queue.close(1000)));
});
afterAll(() => services.close());

function openQueue(backend: Backend, queueName: string): JobQueue {
  const queue = createJobQueue({
    redisUrl: backend === 'bullmq' ? redisUrl : undefined,
    services,
    logger: createLogger('silent'),
    definitions: jobDefinitions,
    queueName,
    redisPrefix,
    pollIntervalMs: 20,
  });
  openQueues.push(queue);
  return queue;
}

/** A proposal whose three days of voting ended a second ago, its close added to `jobs`. */
async function dueProposal(jobs: JobQueue): Promise<string> {
  const draft = await createProposal(services.prisma, author, { kind: 'resolution', title: 'Eine Resolution', rationale: 'Zur Abstimmung gestellt.' });
  await openVoting({ prisma: services.prisma, jobs }, author, draft.id, { votingDays: 3 }, new Date(Date.now() - 3 * dayMs - 1000));
  return draft.id;
}

async function closedWithin(proposalId: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await services.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { status: true } });
    if (status !== 'voting' || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(backends)('closing proposals on the %s backend', (backend) => {
  it('closes a proposal by its delayed job after the worker was down at the deadline', async () => {
    const queueName = `governance-${randomBytes(3).toString('hex')}`;
    const before = openQueue(backend, queueName);
    const proposalId = await dueProposal(before);
    // The worker was not running when the deadline passed; a restarted one runs the waiting job.
    await before.close(1000);
    const restarted = openQueue(backend, queueName);
    await restarted.startWorkers();
    // A resolution with no votes has no quorum.
    expect(await closedWithin(proposalId)).toBe('no_quorum');
  });

  it('closes a proposal whose close job was lost by the sweep', async () => {
    const lost = { add: async () => undefined } as unknown as JobQueue;
    const proposalId = await dueProposal(lost);
    const queue = openQueue(backend, `governance-${randomBytes(3).toString('hex')}`);
    await queue.repeat(governanceSweep, {}, 60_000);
    await queue.startWorkers();
    expect(await closedWithin(proposalId)).toBe('no_quorum');
  });
});
