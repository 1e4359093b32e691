import { createTestApi, type TestApi } from './support/api';
import { findMemberAccount } from '../src/wallet/ensure-member-account';
import { seedDemoCooperative } from '../src/seed/seed-demo-cooperative';
import { demoMembers, demoOpenRankingVote } from '../src/seed/demo-data';
import { policyInForce } from '../src/governance/policies';
import { demoPaymentCount, seedDemoLedger } from '../src/seed/seed-demo-ledger';

describe('demo ledger', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('gives every demo member an account and a history of payments within their limits', async () => {
    expect(await seedDemoCooperative(api.database)).toBe(true);
    const ledger = api.services.ledger;
    const members = await api.database.prisma.member.findMany({ where: { status: 'admitted' } });
    expect(members).toHaveLength(demoMembers.length);
    for (const member of members) expect(await findMemberAccount(ledger, member.id)).not.toBeNull();

    const payments = (await ledger.listTransfers({ limit: 1000 })).filter((transfer) => transfer.kind === 'payment');
    expect(payments.length).toBeGreaterThanOrEqual(demoPaymentCount * 0.75);
    expect(payments.length).toBeLessThanOrEqual(demoPaymentCount);
    const oldest = Math.min(...payments.map((transfer) => transfer.createdAt.getTime()));
    expect(Date.now() - oldest).toBeGreaterThan(30 * 86_400_000);
    expect(payments.every((transfer) => transfer.memo.length > 0)).toBe(true);
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });

    // Running the ledger part again adds nothing.
    await seedDemoLedger(api.database);
    expect((await ledger.listTransfers({ limit: 1000 })).filter((transfer) => transfer.kind === 'payment')).toHaveLength(payments.length);
  });

  it('has a passed vote behind the contribution rate and a ranking proposal open for voting', async () => {
    const prisma = api.database.prisma;
    const proposals = await prisma.proposal.findMany({ orderBy: { createdAt: 'asc' }, include: { _count: { select: { votes: true, electors: true } } } });
    expect(proposals.map((proposal) => [proposal.kind, proposal.status])).toEqual([
      ['contribution_rate', 'passed'],
      ['ranking', 'voting'],
    ]);
    const ranking = proposals[1]!;
    expect(ranking._count).toEqual({ votes: demoOpenRankingVote.votes.length, electors: demoMembers.length });
    expect(ranking.votingClosesAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await policyInForce(prisma, 'contribution_rate')).version).toBe(2);
    expect((await policyInForce(prisma, 'ranking')).version).toBe(1);
  });
});
