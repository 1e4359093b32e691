// The round trips to the database of the web app's add-to-cart and checkout requests, counted through
// GraphQL: every Prisma statement, every hot read (readQuery) and every statement of the ledger's
// driver, BEGIN and COMMIT included. What bounds checkout throughput is work per request
// (docs/benchmarks.md); this keeps the count from creeping back up. The e-mail job, asked for at most
// once a second, is not counted.
import { createLedger, createSqlLedgerStore, type SqlDriver } from '@allmende/ledger';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { PrismaClient } from '../../prisma/generated/client/client';
import { Checkouts } from '../src/orders/checkout';
import { createGraphQLHandler } from '../src/server';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, buildOffer, testPassword } from './support/builders';
import { webDocument } from '../../scripts/bench/market-http';

const cartDocument = webDocument('components/orders/Cart.graphql');
const loginDocument = webDocument('components/auth/Login.graphql');

function countingDriver(inner: SqlDriver, count: () => void): SqlDriver {
  return {
    run: (text, values) => {
      count();
      return inner.run(text, values);
    },
    transaction: (mode, work) => {
      count(); // BEGIN
      return inner
        .transaction(mode, (session) =>
          work({
            run: (text, values) => {
              count();
              return session.run(text, values);
            },
          }),
        )
        .finally(count); // COMMIT or ROLLBACK
    },
  };
}

describe('round trips of a checkout', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('adds to the cart in 2 and checks out in 7', async () => {
    const producer = await buildMember(api, { displayName: 'Hof Zähler', roles: ['member', 'producer'] });
    const buyer = await buildMember(api, { email: 'zaehlt@example.org', displayName: 'Käuferin' });
    const offer = await buildOffer(api, producer.id, { price: '3.10', stock: 10 });

    let statements = 0;
    const prisma = new PrismaClient({ adapter: api.database.adapterFactory, log: [{ emit: 'event', level: 'query' }] });
    prisma.$on('query', () => (statements += 1));
    const ledger = createLedger({ store: createSqlLedgerStore(countingDriver(api.database.sqlDriver, () => (statements += 1))) });
    const readQuery: typeof api.services.readQuery = (statement, options) => {
      statements += 1;
      return api.services.readQuery(statement, options);
    };
    const handler = createGraphQLHandler({ ...api.services, prisma, readQuery, ledger, checkouts: new Checkouts({ prisma, ledger }) });
    let cookie = '';
    const send = async (query: string, operationName: string, variables: Record<string, unknown>) => {
      statements = 0;
      const response = await handler.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, operationName, variables }),
      });
      cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
      const body = (await response.json()) as { data?: Record<string, { __typename: string }>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return { typename: Object.values(body.data ?? {})[0]?.__typename, statements };
    };
    try {
      expect((await send(loginDocument, 'Login', { input: { email: buyer.email, password: testPassword } })).typename).toBe('MutationLoginSuccess');
      const offerId = encodeGlobalID('Offer', offer.id);
      // Twice each: the first request of a process also reads what it keeps afterwards.
      for (const round of [1, 2]) {
        const added = await send(cartDocument, 'AddToCart', { input: { offerId, quantity: 1 } });
        const checkedOut = await send(cartDocument, 'Checkout', { input: { idempotencyKey: `round-trips-${round}`, expectedPrices: [{ offerId, price: '3.10' }] } });
        expect([added.typename, checkedOut.typename]).toEqual(['MutationAddToCartSuccess', 'MutationCheckoutSuccess']);
        if (round === 2) {
          expect({ addToCart: added.statements, checkout: checkedOut.statements }).toEqual({ addToCart: 2, checkout: 7 });
        }
      }
    } finally {
      await prisma.$disconnect();
    }
  });
});
