// A real API process killed with SIGKILL in the middle of a burst of concurrent checkouts and
// confirmations, then started again: the clients retry every request whose answer they did not get,
// with the same idempotency keys, and repeat some that they did get. Every success a client saw is
// reflected exactly once, every refusal left no trace, no order is half done and the ledger verifies.
// With DATABASE_URL the process runs on PostgreSQL (services mode); without it on PGlite in a data
// folder (embedded mode), which the killed process leaves as it was at the kill and the new one
// recovers. PGlite has one connection per folder, so this test reads and writes it only while no API
// process runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestDatabase } from '../../scripts/test/database';
import { pgliteTemplatePath } from '../../scripts/test/template';
import { openDatabase, pgliteDataDirFor, type Database } from '../src/db/client';
import { createSession, sessionCookieName } from '../src/members/sessions';
import { ensureCooperativeLedger } from '../src/wallet/ensure-cooperative-ledger';
import { addToCart } from '../src/orders/cart';
import { checkout, Checkouts } from '../src/orders/checkout';
import { acceptOrder, fulfilOrder } from '../src/orders/order-lifecycle';
import { orderInvariantProblems } from './support/order-invariants';
import { checkoutMutation, transitionMutation } from './support/orders';

const databaseUrl = process.env.DATABASE_URL;
const root = path.resolve(__dirname, '../..');
const sessionSecret = 'kill-test-secret-kill-test-secret-0123';
const checkoutBuyers = 60;
const confirmingBuyers = 20;

type Answer = { kind: 'answered'; typename: string; body: Record<string, any> } | { kind: 'lost'; error: string };

class ApiProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(environment: Record<string, string>): Promise<ApiProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/test/support/run-api.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', SESSION_SECRET: sessionSecret, LOG_LEVEL: 'silent', SEED_DEMO: 'false', NODE_ENV: 'test', ...environment },
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        try {
          resolve((JSON.parse(line) as { port: number }).port);
        } catch {
          // Not the line we wait for.
        }
      });
      child.once('exit', (code) => reject(new Error(`The API process ended (${code}) before it listened:\n${stderr}`)));
    });
    return new ApiProcess(child, port);
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }

  async graphql(token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1', cookie: `${sessionCookieName}=${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, any> | null; errors?: unknown };
      const result = body.data ? Object.values(body.data)[0] : undefined;
      if (!result) return { kind: 'answered', typename: `errors: ${JSON.stringify(body.errors)}`, body: {} };
      return { kind: 'answered', typename: result.__typename as string, body: result as Record<string, any> };
    } catch (error) {
      return { kind: 'lost', error: (error as Error).message };
    }
  }
}

interface Request {
  name: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  answers: Answer[];
}

/**
 * Where the API process keeps its data, and how this test reaches it. PostgreSQL: a test database,
 * open all along. PGlite: a data folder started from the migrated template, opened by this test
 * only while no API process runs.
 */
interface Target {
  environment: Record<string, string>;
  /** True when this test may keep its connection while an API process runs. */
  sharedWhileRunning: boolean;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function targetFor(dataDir: string): Promise<Target> {
  if (databaseUrl) {
    const database = await createTestDatabase();
    return { environment: { DATABASE_URL: database.url!, DATA_DIR: dataDir }, sharedWhileRunning: true, open: async () => database, dispose: () => database.close() };
  }
  let first = true;
  return {
    environment: { DATA_DIR: dataDir },
    sharedWhileRunning: false,
    open: async () => {
      const loadDataDir = first ? new Blob([readFileSync(pgliteTemplatePath())]) : undefined;
      first = false;
      return openDatabase({ pgliteDataDir: pgliteDataDirFor(dataDir), ...(loadDataDir ? { pgliteLoadDataDir: loadDataDir } : {}) });
    },
    dispose: async () => undefined,
  };
}

describe(`an API process killed during a burst of order steps (${databaseUrl ? 'PostgreSQL' : 'PGlite in a data folder'})`, () => {
  let target: Target;
  let database: Database;
  let ledger: Ledger;
  let api: ApiProcess | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'allmende-kill-'));

  /** This test's connection to the data, for setup and checks. */
  async function connect(): Promise<void> {
    database = await target.open();
    ledger = createLedger({ store: createSqlLedgerStore(database.sqlDriver) });
  }

  async function disconnect(): Promise<void> {
    await ledger.drain();
    if (!target.sharedWhileRunning) await database.close();
  }

  async function startApi(): Promise<ApiProcess> {
    api = await ApiProcess.start(target.environment);
    return api;
  }

  beforeAll(async () => {
    target = await targetFor(dataDir);
    await connect();
    await ensureCooperativeLedger(ledger);
  });
  afterAll(async () => {
    await api?.stop();
    await ledger.drain();
    if (!target.sharedWhileRunning) await database.close().catch(() => undefined);
    await target.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reflects every success once and leaves nothing half done', async () => {
    let prisma = database.prisma;
    const services = { prisma, ledger, checkouts: new Checkouts({ prisma, ledger }) };
    const member = (name: string, roles: ('member' | 'producer')[] = ['member']) =>
      prisma.member.create({ data: { email: `${name.toLowerCase()}@example.org`, displayName: name, passwordHash: 'not-used', roles, status: 'admitted' } });
    const anna = await member('Anna', ['member', 'producer']);
    const bert = await member('Bert', ['member', 'producer']);
    const offer = (producerId: string, title: string, price: string, stock: number | null) =>
      prisma.offer.create({ data: { producerId, title, categoryCode: 'food.fruit', kind: 'good', price, unit: 'kg', stock, status: 'active' } });
    const apples = await offer(anna.id, 'Äpfel', '3.50', 25);
    const honey = await offer(anna.id, 'Honig', '7.00', 12);
    const bread = await offer(bert.id, 'Brot', '5.00', 30);
    const jam = await offer(bert.id, 'Marmelade', '4.00', null);
    const stockInitial = new Map([apples, honey, bread].map((item) => [item.id, item.stock!]));
    const price = new Map([apples, honey, bread, jam].map((item) => [item.id, item.price.toFixed(2)]));
    const session = async (memberId: string) => (await createSession(prisma, { secret: sessionSecret, ttlDays: 1 }, memberId, 'kill-test')).token;

    // Buyers whose order of jam is fulfilled and who will confirm it during the burst.
    const requests: Request[] = [];
    for (let index = 0; index < confirmingBuyers; index += 1) {
      const buyer = await member(`Bestaetiger${index}`);
      await addToCart(prisma, buyer.id, { offerId: jam.id, quantity: 1 + (index % 3) });
      const { orderIds: [orderId] } = await checkout(services, { id: buyer.id, displayName: buyer.displayName }, { idempotencyKey: `kill-setup-${index}`, expectedPrices: [{ offerId: jam.id, price: price.get(jam.id)! }] });
      await acceptOrder(services, 'system', orderId!);
      await fulfilOrder(services, 'system', orderId!);
      requests.push({ name: `confirm-${index}`, token: await session(buyer.id), query: transitionMutation('confirmOrder'), variables: { id: encodeGlobalID('Order', orderId!) }, answers: [] });
    }
    // Buyers who check out carts that together want more than the stock.
    for (let index = 0; index < checkoutBuyers; index += 1) {
      const buyer = await member(`Kaeufer${index}`);
      const lines = [{ offerId: apples.id, quantity: 1 + (index % 2) }];
      if (index % 3 === 0) lines.push({ offerId: bread.id, quantity: 2 });
      if (index % 4 === 1) lines.push({ offerId: honey.id, quantity: 1 });
      for (const line of lines) await addToCart(prisma, buyer.id, line);
      requests.push({
        name: `checkout-${index}`,
        token: await session(buyer.id),
        query: checkoutMutation,
        variables: { input: { idempotencyKey: `kill-checkout-${index}`, expectedPrices: lines.map((line) => ({ offerId: encodeGlobalID('Offer', line.offerId), price: price.get(line.offerId)! })) } },
        answers: [],
      });
    }

    await disconnect();
    await startApi();
    // Confirmations spread among the checkouts.
    const confirms = requests.filter((request) => request.name.startsWith('confirm'));
    const checkouts = requests.filter((request) => request.name.startsWith('checkout'));
    const burst = checkouts.flatMap((request, index) => (index % 3 === 0 && confirms.length > 0 ? [confirms.shift()!, request] : [request])).concat(confirms);
    let settled = 0;
    const running = burst.map(async (request) => {
      request.answers.push(await api!.graphql(request.token, request.query, request.variables));
      settled += 1;
    });
    // Killed once a quarter of the burst is answered, with the rest in flight.
    while (settled < burst.length / 4) await new Promise((resolve) => setTimeout(resolve, 2));
    await api!.kill();
    await Promise.all(running);
    const lostInKill = requests.filter((request) => request.answers[0]!.kind === 'lost').length;
    expect(lostInKill).toBeGreaterThan(0);
    expect(requests.length - lostInKill).toBeGreaterThan(0);

    await startApi();
    // Clients retry what they got no answer to, and repeat a few they did.
    await Promise.all(
      requests.map(async (request, index) => {
        const repeat = request.answers[0]!.kind === 'answered' && index % 5 === 0;
        if (request.answers[0]!.kind === 'answered' && !repeat) return;
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const answer = await api!.graphql(request.token, request.query, request.variables);
          request.answers.push(answer);
          if (answer.kind === 'answered') break;
        }
      }),
    );

    if (!target.sharedWhileRunning) {
      await api!.stop();
      api = null;
    }
    await connect();
    prisma = database.prisma;

    const unexpected = requests.filter((request) => {
      const last = request.answers[request.answers.length - 1]!;
      const expected = request.name.startsWith('confirm') ? ['MutationConfirmOrderSuccess'] : ['MutationCheckoutSuccess', 'OutOfStockError', 'InsufficientCreditError'];
      return last.kind !== 'answered' || !expected.includes(last.typename);
    });
    expect(unexpected.map((request) => ({ name: request.name, answers: request.answers }))).toEqual([]);

    for (const request of requests.filter((candidate) => candidate.name.startsWith('checkout'))) {
      const key = (request.variables.input as { idempotencyKey: string }).idempotencyKey;
      const stored = await prisma.order.findMany({ where: { checkoutKey: key }, select: { id: true } });
      const successes = request.answers.filter((answer): answer is Extract<Answer, { kind: 'answered' }> => answer.kind === 'answered' && answer.typename === 'MutationCheckoutSuccess');
      const storedIds = stored.map((order) => encodeGlobalID('Order', order.id)).sort();
      if (successes.length === 0) {
        // Refused: nothing of it is left.
        expect({ key, stored: storedIds }).toEqual({ key, stored: [] });
        continue;
      }
      // Every success the client saw names the same orders, the ones stored, once.
      for (const success of successes) {
        const ids = (success.body.data.orders as { id: string }[]).map((order) => order.id).sort();
        expect({ key, ids }).toEqual({ key, ids: storedIds });
      }
      expect(successes.slice(1).every((success) => success.body.data.alreadyExisted === true)).toBe(true);
    }
    const confirmed = await prisma.order.count({ where: { checkoutKey: { startsWith: 'kill-setup-' }, status: 'confirmed' } });
    expect(confirmed).toBe(confirmingBuyers);
    expect(await orderInvariantProblems(prisma, ledger, { stockInitial })).toEqual([]);
  }, 180_000);
});
