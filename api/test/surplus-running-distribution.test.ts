// The running period's distribution that wallets share (a memo of computeDistribution): what it gives is
// what the plain computation gives at the moment it computed; within its age it answers the same even
// after new turnover, after it a new computation sees the turnover, and a new rule computes at once.
import { computeDistribution } from '../src/surplus/compute-distribution';
import { periodContaining } from '../src/surplus/periods';
import { createRunningDistribution } from '../src/surplus/running-distribution';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';
import { createTestApi, type TestApi } from './support/api';
import { buildMember } from './support/builders';
import { confirmedOrder, payIntoFund, surplusRuleInForce } from './support/surplus';

describe('the running distribution shared by wallets', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('answers as the plain computation did, for at most its age, and at once under a new rule', async () => {
    const { prisma } = api.services;
    const now = new Date();
    const running = periodContaining('monthly', now);
    await surplusRuleInForce(prisma, { period: 'monthly', reserve: { kind: 'amount', amount: '1.00' }, mix: { purchases: 100, sales: 0, equal: 0, accounts: [] } }, new Date(running.start.getTime() - 1000));
    const [buyer, producer, other] = [await buildMember(api), await buildMember(api), await buildMember(api)];
    for (const member of [buyer, producer, other]) await ensureMemberAccount(api.services, member);
    await payIntoFund(api.services, producer, '101.00');
    await confirmedOrder(prisma, buyer.id, producer.id, '30.00', new Date(now.getTime() - 60_000));

    const memo = createRunningDistribution(api.services, 60_000);
    const first = await memo.current(now);
    const plain = await computeDistribution(api.services, { ...running, end: now });
    expect({ ...first, policy: first.policy.id }).toEqual({ ...plain, policy: plain.policy.id });
    expect(first.shares.map((share) => [share.memberId, share.amount])).toEqual([[buyer.id, 10_000n]]);

    // New turnover: not seen within the age, seen after it.
    await confirmedOrder(prisma, other.id, producer.id, '10.00', new Date(now.getTime() - 30_000));
    expect(await memo.current(new Date(now.getTime() + 59_000))).toBe(first);
    const later = await memo.current(new Date(now.getTime() + 60_000));
    expect(later).not.toBe(first);
    expect(new Map(later.shares.map((share) => [share.memberId, share.amount]))).toEqual(new Map([[buyer.id, 7_500n], [other.id, 2_500n]]));

    // A new rule computes again at once.
    await surplusRuleInForce(prisma, { period: 'monthly', reserve: { kind: 'amount', amount: '1.00' }, mix: { purchases: 0, sales: 100, equal: 0, accounts: [] } }, new Date(now.getTime() + 60_500));
    const underNewRule = await memo.current(new Date(now.getTime() + 61_000));
    expect(underNewRule.shares.map((share) => [share.memberId, share.amount])).toEqual([[producer.id, 10_000n]]);
  });
});
