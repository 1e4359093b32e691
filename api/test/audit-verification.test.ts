// The verification page's runs: the audit-verification job seals, checks the ledger and reports the
// latest sealed block and its hash, which an auditor's check of the chain export (the same function
// `npm run ledger:verify-export` runs) arrives at too; a tampered balance is found and named.
import { verifyChainExport } from '@allmende/ledger';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';
import { createMember } from './support/orders';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await api.services.jobs.startWorkers();
});

afterAll(async () => {
  await api?.close();
});

const startMutation = `mutation { startLedgerVerification { id status } }`;
const latestQuery = `query { ledgerVerifications(first: 1) { id status stepsDone stepsTotal ok problem transfers blocks blockNumber blockHash } }`;

async function waitForRun(client: Awaited<ReturnType<typeof logIn>>, id: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const result = await client.graphql(latestQuery);
    const [run] = result.data?.ledgerVerifications ?? [];
    if (run?.id === id && (run.status === 'done' || run.status === 'failed')) return run;
    if (Date.now() > deadline) throw new Error(`verification ${id} did not finish: ${JSON.stringify(result)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sealedAtLeastOneBlock() {
  const deadline = Date.now() + 30_000;
  while ((await api.services.ledger.sealBlocks()).length === 0) {
    const chain = await api.services.ledger.verifyChain();
    if (chain.ok && chain.head.lastBlockNumber > 0n) return;
    if (Date.now() > deadline) throw new Error('no block could be sealed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('ledger verification runs', () => {
  it('check the ledger in a job and show the latest sealed block, which the chain export confirms', async () => {
    const anna = await createMember(api, 'Anna');
    const ben = await createMember(api, 'Ben');
    const sent = await anna.client.graphql(`mutation($input: SendCreditsInput!) { sendCredits(input: $input) { __typename } }`, {
      input: { recipientId: Buffer.from(`Member:${ben.id}`).toString('base64'), amount: '5.00', memo: 'Brot', idempotencyKey: 'verification-test-1' },
    });
    expect(sent.errors).toBeUndefined();
    // A transfer is sealable once every transaction older than it has ended, across the whole
    // database cluster; on a server shared with other test files that can take a moment.
    await sealedAtLeastOneBlock();

    const accountant = await buildMember(api, { roles: ['accountant'] });
    const client = await logIn(api, accountant.email);
    const started = await client.graphql(startMutation);
    expect(started.data?.startLedgerVerification.status).toBe('queued');
    const run = await waitForRun(client, started.data!.startLedgerVerification.id);
    expect(run).toMatchObject({ status: 'done', ok: true, problem: null, stepsDone: 4, stepsTotal: 4 });
    expect(Number(run.transfers)).toBeGreaterThan(0);
    expect(run.blockHash).toMatch(/^[0-9a-f]{64}$/);

    let text = '';
    for await (const chunk of api.services.ledger.exportChain()) text += chunk;
    const chain = await verifyChainExport(text.split('\n'));
    if (!chain.ok) throw new Error(chain.message);
    expect([chain.lastBlockNumber, chain.lastHash]).toEqual([run.blockNumber, run.blockHash]);
    // An export with one changed transfer no longer verifies.
    const tampered = text.replace(/\\"5\\",/, '\\"6\\",');
    expect(tampered).not.toBe(text);
    expect((await verifyChainExport(tampered.split('\n'))).ok).toBe(false);
  });

  it('name the first broken item of a tampered ledger', async () => {
    const accountant = await buildMember(api, { roles: ['accountant'] });
    const client = await logIn(api, accountant.email);
    const [account] = await api.services.ledger.listAccounts({ limit: 1 });
    await api.database.prisma.$executeRawUnsafe(`UPDATE ledger_account SET credits_posted = credits_posted + 1 WHERE id = '${account!.id}'`);
    try {
      const started = await client.graphql(startMutation);
      const run = await waitForRun(client, started.data!.startLedgerVerification.id);
      expect(run.ok).toBe(false);
      expect(run.problem).toMatch(/do not sum to zero|does not match its transfers/);
    } finally {
      await api.database.prisma.$executeRawUnsafe(`UPDATE ledger_account SET credits_posted = credits_posted - 1 WHERE id = '${account!.id}'`);
    }
  });

  it('are started by accountants only', async () => {
    const admin = await buildMember(api, { roles: ['member', 'admin'] });
    const refused = await (await logIn(api, admin.email)).graphql(startMutation);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
