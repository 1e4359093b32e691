// Demurrage on a real database: off by its founding rule; with a rate voted, balances above the exempt
// amount pay the rate of the part above it (rounded down), balances at or below it, zero and negative
// ones pay nothing, no balance ends below the exempt amount, the members it affects are told once
// before the period ends, a second run books nothing, and at a period end the demurrage is booked
// before the surplus, so its fees are part of what the surplus shares.
import type { Member } from '../../prisma/generated/client/client';
import { announceDemurrage } from '../src/demurrage/announce-demurrage';
import { chargeDemurrage, demurrageFee } from '../src/demurrage/charge-demurrage';
import { foundingDemurrage, type DemurragePolicy } from '../src/demurrage/policy';
import { createProposal } from '../src/governance/create-proposal';
import { policyInForce } from '../src/governance/policies';
import { ValidationError } from '../src/errors';
import { runPeriodEnd } from '../src/surplus/scheduled-distribution';
import { unitsOf } from '../src/surplus/units';
import { amountText, cooperativeCurrency } from '../src/wallet/cooperative-currency';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';
import { createTestApi, type TestApi } from './support/api';
import { buildMember } from './support/builders';
import { confirmedOrder, fundBalance, surplusRuleInForce } from './support/surplus';

async function demurrageRuleInForce(api: TestApi, payload: DemurragePolicy, enactedAt: Date): Promise<void> {
  const { prisma } = api.database;
  const latest = await prisma.policyVersion.findFirst({ where: { kind: 'demurrage' }, orderBy: { version: 'desc' }, select: { version: true } });
  await prisma.policyVersion.create({ data: { kind: 'demurrage', version: (latest?.version ?? 0) + 1, payload, enactedAt, appliedAt: enactedAt } });
}

describe('demurrage fee', () => {
  it('takes the rate of the part above the exempt amount, rounded down, and nothing at or below it', () => {
    expect(demurrageFee(10_000n, 5_000n, 100n)).toBe(50n);
    expect(demurrageFee(10_099n, 5_000n, 100n)).toBe(50n);
    expect(demurrageFee(5_000n, 5_000n, 100n)).toBe(0n);
    expect(demurrageFee(0n, 0n, 1000n)).toBe(0n);
    expect(demurrageFee(-2_000n, 0n, 1000n)).toBe(0n);
    expect(demurrageFee(10_000n, 0n, 0n)).toBe(0n);
    // At the highest rate a balance just above the exempt amount stays above it.
    for (const balance of [5_001n, 5_009n, 5_010n, 123_456n]) expect(balance - demurrageFee(balance, 5_000n, 1000n)).toBeGreaterThanOrEqual(5_000n);
  });
});

describe('demurrage', () => {
  let api: TestApi;
  let rich: Member;
  let atExempt: Member;
  let zero: Member;
  let owing: Member;
  const accountOf = new Map<string, string>();

  async function balanceOf(member: Member): Promise<string> {
    const [balance] = await api.services.ledger.getBalances([accountOf.get(member.id)!]);
    return amountText(balance!.posted);
  }

  /** Moves an amount between two members' accounts, as a payment would. */
  async function pay(from: Member, to: Member, amount: string): Promise<void> {
    const result = await api.services.ledger.createTransfer({
      type: 'immediate',
      idempotencyKey: `demurrage-test-${from.id}-${to.id}-${amount}`,
      debitAccountId: accountOf.get(from.id)!,
      creditAccountId: accountOf.get(to.id)!,
      currency: cooperativeCurrency.code,
      amount,
      kind: 'payment',
    });
    expect(result.ok).toBe(true);
  }

  beforeAll(async () => {
    api = await createTestApi();
    rich = await buildMember(api, { displayName: 'Viel Guthaben' });
    atExempt = await buildMember(api, { displayName: 'Genau Freibetrag' });
    zero = await buildMember(api, { displayName: 'Null' });
    owing = await buildMember(api, { displayName: 'Im Minus' });
    for (const member of [rich, atExempt, zero, owing]) accountOf.set(member.id, (await ensureMemberAccount(api.services, member)).id);
    const owingAccount = accountOf.get(owing.id)!;
    expect(await api.services.ledger.setAccountLimits(owingAccount, { creditLimit: '1000.00', maximumBalance: null })).toMatchObject({ ok: true });
    // Balances: 300.99, 50.00 (the exempt amount), 0.00 and −350.99.
    await pay(owing, rich, '300.99');
    await pay(owing, atExempt, '50.00');
  });
  afterAll(() => api.close());

  it('is off by its founding rule and refuses a rate above 10 %', async () => {
    expect((await policyInForce(api.database.prisma, 'demurrage')).payload).toEqual(foundingDemurrage);
    const outcome = await chargeDemurrage(api.services, { period: '2026-02' });
    expect({ booked: outcome.booked, total: amountText(outcome.run.total), accounts: outcome.run.accountCount }).toEqual({ booked: true, total: '0.00', accounts: 0 });
    const draft = (rate: string) =>
      createProposal(api.database.prisma, rich, { kind: 'demurrage', title: 'Umlaufsicherung', rationale: 'Geld soll fließen, nicht liegen.', payload: { ...foundingDemurrage, rate } });
    await expect(draft('0.2')).rejects.toMatchObject({ constructor: ValidationError, fieldErrors: [{ field: 'payload.rate', code: 'out_of_range' }] });
    await expect(draft('0.00005')).rejects.toBeInstanceOf(ValidationError);
    await expect(draft('0.01')).resolves.toMatchObject({ kind: 'demurrage' });
  });

  it('charges balances above the exempt amount once, never below it, and tells them before', async () => {
    const { prisma, ledger } = api.services;
    await demurrageRuleInForce(api, { period: 'monthly', rate: '0.1', exemptAmount: '50.00', noticeDays: 5 }, new Date('2026-03-01T00:00:00Z'));
    const fundBefore = unitsOf(await fundBalance(ledger));

    // Five days before the end of March the members it affects are told, once.
    expect(await announceDemurrage(api.services, new Date('2026-03-25T00:00:00Z'))).toBe(0);
    expect(await announceDemurrage(api.services, new Date('2026-03-27T00:00:00Z'))).toBe(1);
    expect(await announceDemurrage(api.services, new Date('2026-03-28T00:00:00Z'))).toBe(0);
    const notices = await prisma.notification.findMany({ where: { kind: 'demurrage_announced' }, select: { recipientId: true, payload: true } });
    expect(notices).toEqual([{ recipientId: rich.id, payload: { period: '2026-03', amount: '25.09', endsAt: '2026-04-01T00:00:00.000Z' } }]);

    const first = await chargeDemurrage(api.services, { period: '2026-03' });
    expect({ booked: first.booked, total: amountText(first.run.total), accounts: first.run.accountCount }).toEqual({ booked: true, total: '25.09', accounts: 1 });
    expect(await Promise.all([rich, atExempt, zero, owing].map(balanceOf))).toEqual(['275.90', '50.00', '0.00', '-350.99']);
    expect(unitsOf(await fundBalance(ledger))).toBe(fundBefore + 2509n);

    const again = await chargeDemurrage(api.services, { period: '2026-03' });
    expect(again.booked).toBe(false);
    expect(await balanceOf(rich)).toBe('275.90');
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('books the demurrage of a period end before its surplus, which shares the fees', async () => {
    const { prisma, ledger } = api.services;
    await demurrageRuleInForce(api, { period: 'monthly', rate: '0.01', exemptAmount: '0', noticeDays: 7 }, new Date('2026-04-01T00:00:00Z'));
    await surplusRuleInForce(prisma, { period: 'monthly', reserve: { kind: 'amount', amount: '0' }, mix: { purchases: 0, sales: 0, equal: 100, accounts: [] } }, new Date('2026-04-01T00:00:00Z'));
    await confirmedOrder(prisma, zero.id, atExempt.id, '10.00', new Date('2026-04-10T00:00:00Z'));
    const fundBefore = unitsOf(await fundBalance(ledger));
    const richBefore = unitsOf(await balanceOf(rich));

    const outcome = await runPeriodEnd(api.services, new Date('2026-05-01T00:05:00Z'));
    expect(outcome.demurrage?.booked).toBe(true);
    // 1 % of 275.90 and of 50.00, each rounded down; nothing of 0.00 and −350.99.
    const fees = unitsOf(outcome.demurrage!.run.total);
    expect(fees).toBe((richBefore * 100n) / 10_000n + 50n);
    expect(amountText(outcome.demurrage!.run.total)).toBe('3.25');
    expect(outcome.surplus?.booked).toBe(true);
    // The surplus shared the whole fund, the fees of the same period end included.
    expect(unitsOf(outcome.surplus!.run.fundBalance)).toBe(fundBefore + fees);
    expect(unitsOf(outcome.surplus!.run.distributed)).toBe(fundBefore + fees);
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
  });
});
