// Many members paying each other at once with limited credit: the ledger must refuse what would
// overdraw, and what it accepts must add up.
import { Decimal } from '@allmende/ledger';
import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { findMemberAccount } from '../src/wallet/ensure-member-account';
import { policyInForce } from '../src/governance/policies';
import { buildMember } from './support/builders';

const password = 'richtig-geheim-42';
const sendMutation = `mutation Send($input: SendCreditsInput!) {
  sendCredits(input: $input) {
    __typename
    ... on MutationSendCreditsSuccess { data { alreadyExisted transfer { id } } }
  }
}`;

describe('concurrent payments', () => {
  let api: TestApi;
  const members: { id: string; client: ApiClient }[] = [];

  beforeAll(async () => {
    api = await createTestApi();
    for (const name of ['Ida', 'Jan', 'Kim', 'Lou']) {
      const member = await buildMember(api, { email: `${name.toLowerCase()}@example.org`, displayName: `${name} Test`, password });
      const client = api.client();
      await client.graphql(`mutation { login(input: { email: "${name.toLowerCase()}@example.org", password: "${password}" }) { __typename } }`);
      members.push({ id: member.id, client });
    }
  });
  afterAll(() => api.close());

  it('never lets a balance go below its credit limit, and balances sum to zero', async () => {
    // Deterministic amounts: each member tries to send far more than their credit in total.
    let state = 7;
    const random = () => {
      state = (state * 48_271) % 2_147_483_647;
      return state / 2_147_483_647;
    };
    const requests: Promise<{ data?: any }>[] = [];
    for (let index = 0; index < 120; index += 1) {
      const from = members[index % members.length]!;
      const to = members[(index + 1 + Math.floor(random() * (members.length - 1))) % members.length]!;
      const amount = (5 + Math.floor(random() * 3500) / 100).toFixed(2);
      requests.push(
        from.client.graphql(sendMutation, { input: { recipientId: to.id, amount, memo: `Zahlung ${index}`, idempotencyKey: `concurrent-${index}` } }),
      );
    }
    const results = await Promise.all(requests);
    const typenames = results.map((result) => result.data?.sendCredits.__typename as string);
    expect(typenames.every((name) => name === 'MutationSendCreditsSuccess' || name === 'InsufficientCreditError')).toBe(true);
    expect(typenames.filter((name) => name === 'MutationSendCreditsSuccess').length).toBeGreaterThan(0);
    expect(typenames.filter((name) => name === 'InsufficientCreditError').length).toBeGreaterThan(0);

    const ledger = api.services.ledger;
    const { creditLimit } = (await policyInForce(api.database.prisma, 'credit')).payload;
    const accounts = await Promise.all(members.map((member) => findMemberAccount(ledger, member.id)));
    const balances = await ledger.getBalances(accounts.map((account) => account!.id));
    let sum = new Decimal(0);
    for (const balance of balances) {
      expect(balance.posted.greaterThanOrEqualTo(new Decimal(creditLimit).negated())).toBe(true);
      sum = sum.plus(balance.posted);
    }
    expect(sum.isZero()).toBe(true);
    const accepted = results.filter((result) => result.data?.sendCredits.__typename === 'MutationSendCreditsSuccess').length;
    const transfers = await ledger.listTransfers({ limit: 1000 });
    expect(transfers.filter((transfer) => transfer.kind === 'payment')).toHaveLength(accepted);
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('writes one transfer for the same payment sent many times at once', async () => {
    const [from, to] = members;
    const input = { recipientId: to!.id, amount: '0.01', memo: 'Doppelt gesendet', idempotencyKey: 'same-payment-everywhere' };
    const results = await Promise.all(Array.from({ length: 12 }, () => from!.client.graphql(sendMutation, { input })));
    const ids = new Set(results.map((result) => result.data?.sendCredits.data?.transfer.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.data?.sendCredits.data?.alreadyExisted === false)).toHaveLength(1);
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });
  });
});
