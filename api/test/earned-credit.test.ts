// Earned credit on a real database: with the credit policy's earned part, a member's limit is the
// policy's limit plus a share of their confirmed sales over the last months, within the cap; the job's
// recomputation follows the sales as they come and leave the window, a lower limit leaves an existing
// balance as it is and only refuses further spending, and members read how their limit is computed.
import type { Member } from '../../prisma/generated/client/client';
import { applyCreditPolicy } from '../src/governance/apply-credit-policy';
import { amountText, cooperativeCurrency } from '../src/wallet/cooperative-currency';
import { recomputeEarnedCredit } from '../src/wallet/earned-credit';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';
import { confirmedOrder } from './support/surplus';

const dayMs = 24 * 60 * 60_000;

describe('earned credit', () => {
  let api: TestApi;
  let seller: Member;
  let bigSeller: Member;
  let buyer: Member;
  const accounts = new Map<string, string>();

  async function limitOf(member: Member): Promise<string> {
    const [balance] = await api.services.ledger.getBalances([accounts.get(member.id)!]);
    return amountText(balance!.creditLimit);
  }

  beforeAll(async () => {
    api = await createTestApi();
    seller = await buildMember(api, { displayName: 'Verkäuferin', roles: ['member', 'producer'] });
    bigSeller = await buildMember(api, { displayName: 'Großhof', roles: ['member', 'producer'] });
    buyer = await buildMember(api, { displayName: 'Käufer' });
    for (const member of [seller, bigSeller, buyer]) accounts.set(member.id, (await ensureMemberAccount(api.services, member)).id);
  });
  afterAll(() => api.close());

  it('adds a share of the recent confirmed sales to the limit, within the cap, and explains it', async () => {
    const { prisma } = api.services;
    const now = Date.now();
    await confirmedOrder(prisma, buyer.id, seller.id, '200.00', new Date(now - 10 * dayMs));
    await confirmedOrder(prisma, buyer.id, seller.id, '500.00', new Date(now - 150 * dayMs));
    await confirmedOrder(prisma, buyer.id, bigSeller.id, '1000.00', new Date(now - 20 * dayMs));
    const latest = await prisma.policyVersion.findFirst({ where: { kind: 'credit' }, orderBy: { version: 'desc' }, select: { version: true } });
    await prisma.policyVersion.create({
      data: { kind: 'credit', version: latest!.version + 1, payload: { creditLimit: '100.00', maximumBalance: null, earned: { share: '0.1', months: 3, cap: '50.00' } }, enactedAt: new Date(now - 1000) },
    });

    // The buyer keeps the founding limit of 100.00; the two sellers get more.
    expect(await applyCreditPolicy(api.services)).toBe(2);
    // 10 % of 200.00 (the sale five months ago is outside the window); 10 % of 1000.00 is above the cap.
    expect(await Promise.all([seller, bigSeller, buyer].map(limitOf))).toEqual(['120.00', '150.00', '100.00']);
    expect(await recomputeEarnedCredit(api.services)).toBe(0);

    const client = await logIn(api, seller.email);
    const explained = await client.graphql(`{ myAccount { creditLimit creditLimitExplanation { base earned limit sales share months cap } } }`);
    expect(explained.errors).toBeUndefined();
    expect(explained.data?.myAccount).toEqual({
      creditLimit: '120.00',
      creditLimitExplanation: { base: '100.00', earned: '20.00', limit: '120.00', sales: '200.00', share: '0.1', months: 3, cap: '50.00' },
    });
  });

  it('lowers the limit when sales leave the window without touching the balance, refusing only further spending', async () => {
    const { prisma, ledger } = api.services;
    // The big seller spends all of its 150.00 line.
    const spent = await ledger.createTransfer({
      type: 'immediate',
      idempotencyKey: 'earned-credit-spend',
      debitAccountId: accounts.get(bigSeller.id)!,
      creditAccountId: accounts.get(buyer.id)!,
      currency: cooperativeCurrency.code,
      amount: '150.00',
      kind: 'payment',
    });
    expect(spent.ok).toBe(true);
    // Its sale leaves the window.
    await prisma.order.updateMany({ where: { producerId: bigSeller.id }, data: { closedAt: new Date(Date.now() - 120 * dayMs) } });
    expect(await recomputeEarnedCredit(api.services)).toBe(1);
    expect(await limitOf(bigSeller)).toBe('100.00');
    const [balance] = await ledger.getBalances([accounts.get(bigSeller.id)!]);
    expect(amountText(balance!.posted)).toBe('-150.00');
    const refused = await ledger.createTransfer({
      type: 'immediate',
      idempotencyKey: 'earned-credit-spend-more',
      debitAccountId: accounts.get(bigSeller.id)!,
      creditAccountId: accounts.get(buyer.id)!,
      currency: cooperativeCurrency.code,
      amount: '0.01',
      kind: 'payment',
    });
    expect(refused).toMatchObject({ ok: false, code: 'exceeds_credit_limit' });
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
  });
});
