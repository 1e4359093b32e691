// The distribution run on a real database (PGlite, or PostgreSQL with DATABASE_URL): for random
// turnovers, fund balances, reserves and mixes, the booked shares sum exactly to the distributed
// amount, every part of a member's share is within one unit of its exact proportional value, members
// without turnover get no patronage, a second run books nothing, and the ledger verifies after every
// run. Then the flow through the API: only the board may dry-run and start a run, members vote a rule,
// the period ends, the run books, and a member sees the share in the wallet with its explanation.
import fc from 'fast-check';
import type { Member } from '../../prisma/generated/client/client';
import { castVote } from '../src/governance/cast-vote';
import { closeProposal } from '../src/governance/close-proposal';
import { createProposal } from '../src/governance/create-proposal';
import { openVoting } from '../src/governance/open-voting';
import { acceptOrder, confirmOrder, fulfilOrder } from '../src/orders/order-lifecycle';
import { parsePeriod } from '../src/surplus/periods';
import type { SurplusPolicy } from '../src/surplus/policy';
import { runSurplusDistribution } from '../src/surplus/run-distribution';
import { surplusReference } from '../src/surplus/transfers';
import { unitsOf } from '../src/surplus/units';
import { SurplusPeriodNotEndedError } from '../src/surplus/errors';
import { amountText } from '../src/wallet/cooperative-currency';
import { ensureMemberAccount, memberAccountCode } from '../src/wallet/ensure-member-account';
import { createTestApi, type TestApi } from './support/api';
import { buildMember, logIn } from './support/builders';
import { buyNewOffer } from './support/orders';
import { confirmedOrder, fundBalance, payIntoFund, surplusRuleInForce } from './support/surplus';

const dayMs = 24 * 60 * 60_000;
const membersInTest = 6;

const mixArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.boolean())
  .map(([a, b, c, d, withAccount]) => {
    const weights = withAccount ? [a, b, c, d] : [a, b, c, 0];
    const sum = weights.reduce((total, weight) => total + weight, 0) || 1;
    const percents = weights.map((weight) => Math.floor((weight * 100) / sum));
    percents[0]! += 100 - percents.reduce((total, percent) => total + percent, 0);
    const [purchases, sales, equal, account] = percents as [number, number, number, number];
    return { purchases, sales, equal, accounts: account > 0 ? [{ code: 'oekologie', name: 'Ökologiefonds', percent: account }] : [] };
  });

const reserveArbitrary: fc.Arbitrary<SurplusPolicy['reserve']> = fc.oneof(
  fc.bigInt({ min: 0n, max: 200_000n }).map((units) => ({ kind: 'amount' as const, amount: `${units / 100n}.${String(units % 100n).padStart(2, '0')}` })),
  fc.integer({ min: 0, max: 10_000 }).map((basisPoints) => ({ kind: 'share' as const, share: basisPoints === 10_000 ? '1' : `0.${String(basisPoints).padStart(4, '0')}` })),
);

/** Turnover of each test member in cents, zero often, so inactive and one-sided members occur. */
const turnoverArbitrary = fc.array(
  fc.record({ purchases: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 500_000n })), sales: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 500_000n })) }),
  { minLength: membersInTest, maxLength: membersInTest },
);

/** "0.0250" as 250n, "1" as 10000n: the share in basis points, read from its text. */
function basisPointsOf(share: string): bigint {
  const [whole = '0', fraction = ''] = share.split('.');
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0'));
}

function text(units: bigint): string {
  return `${units / 100n}.${String(units % 100n).padStart(2, '0')}`;
}

describe('surplus distribution', () => {
  let api: TestApi;
  let members: Member[];
  let outsider: Member;

  beforeAll(async () => {
    api = await createTestApi();
    members = [];
    for (let index = 0; index < membersInTest; index += 1) {
      const member = await buildMember(api, { displayName: `Teilhaberin ${index}` });
      await ensureMemberAccount(api.services, member);
      members.push(member);
    }
    // The other side of every order: not admitted, so its turnover counts for nobody.
    outsider = await buildMember(api, { displayName: 'Außenstehend', status: 'applicant' });
  });
  afterAll(() => api.close());

  it('books exact shares once, each part within one unit of its proportional value', async () => {
    const { prisma, ledger } = api.services;
    // Every run gets a month of its own, from January 2010 on (also while fast-check shrinks).
    let runCount = 0;
    await fc.assert(
      fc.asyncProperty(turnoverArbitrary, fc.bigInt({ min: 0n, max: 2_000_000n }), reserveArbitrary, mixArbitrary, async (turnover, funding, reserve, mix) => {
        const runIndex = runCount++;
        const period = parsePeriod(`${2010 + Math.floor(runIndex / 12)}-${String((runIndex % 12) + 1).padStart(2, '0')}`)!;
        const closedAt = new Date(period.start.getTime() + 3 * dayMs);
        await surplusRuleInForce(prisma, { period: 'monthly', reserve, mix }, period.start);
        for (const [index, member] of members.entries()) {
          const { purchases, sales } = turnover[index]!;
          if (purchases > 0n) await confirmedOrder(prisma, member.id, outsider.id, text(purchases), closedAt);
          if (sales > 0n) await confirmedOrder(prisma, outsider.id, member.id, text(sales), closedAt);
        }
        if (funding > 0n) await payIntoFund(api.services, outsider, text(funding));
        const fundBefore = unitsOf(await fundBalance(ledger));

        const outcome = await runSurplusDistribution(api.services, { period: period.key, startedById: null });
        expect(outcome.booked).toBe(true);
        const run = outcome.run;
        expect(run.status).toBe('booked');

        // The distributable amount: the fund above the reserve.
        const reserveUnits = reserve.kind === 'amount' ? unitsOf(reserve.amount) : fundBefore <= 0n ? 0n : (fundBefore * basisPointsOf(reserve.share) + 9_999n) / 10_000n;
        const distributable = fundBefore > reserveUnits ? fundBefore - reserveUnits : 0n;
        expect(unitsOf(run.distributable)).toBe(distributable);
        expect(unitsOf(run.distributed) + unitsOf(run.unallocated)).toBe(distributable);

        // The booked transfers are the stored shares, and they sum exactly to the distributed amount.
        const shares = await prisma.surplusShare.findMany({ where: { runId: run.id } });
        const transfers = (await ledger.listTransfers({ limit: 10_000 })).filter((transfer) => transfer.reference === surplusReference(period.key));
        expect(transfers).toHaveLength(shares.length);
        expect(transfers.reduce((sum, transfer) => sum + unitsOf(transfer.amount), 0n)).toBe(unitsOf(run.distributed));
        expect(shares.reduce((sum, share) => sum + unitsOf(share.amount), 0n)).toBe(unitsOf(run.distributed));
        expect(unitsOf(await fundBalance(ledger))).toBe(fundBefore - unitsOf(run.distributed));

        // Each part of each member's share: within one unit of part × turnover ÷ all turnover.
        const totalPurchases = turnover.reduce((sum, member) => sum + member.purchases, 0n);
        const totalSales = turnover.reduce((sum, member) => sum + member.sales, 0n);
        const active = turnover.filter((member) => member.purchases > 0n || member.sales > 0n).length;
        for (const [index, member] of members.entries()) {
          const { purchases, sales } = turnover[index]!;
          const share = shares.find((candidate) => candidate.accountCode === memberAccountCode(member.id));
          const parts = { purchases: share ? unitsOf(share.purchasesShare) : 0n, sales: share ? unitsOf(share.salesShare) : 0n, equal: share ? unitsOf(share.equalShare) : 0n };
          if (purchases === 0n) expect(parts.purchases).toBe(0n);
          else expect(withinOneUnit(parts.purchases, unitsOf(run.purchasesPart), purchases, totalPurchases)).toBe(true);
          if (sales === 0n) expect(parts.sales).toBe(0n);
          else expect(withinOneUnit(parts.sales, unitsOf(run.salesPart), sales, totalSales)).toBe(true);
          if (purchases === 0n && sales === 0n) expect(share).toBeUndefined();
          else expect(withinOneUnit(parts.equal, unitsOf(run.equalPart), 1n, BigInt(active))).toBe(true);
        }

        // A second run of the period books nothing, and the ledger verifies.
        const again = await runSurplusDistribution(api.services, { period: period.key, startedById: null });
        expect(again.booked).toBe(false);
        expect((await ledger.listTransfers({ limit: 10_000 })).filter((transfer) => transfer.reference === surplusReference(period.key))).toHaveLength(shares.length);
        expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
      }),
      { numRuns: 10 },
    );
  });

  it('refuses a period that has not ended', async () => {
    await expect(runSurplusDistribution(api.services, { period: '2026-12', startedById: null }, new Date('2026-12-31T23:59:59Z'))).rejects.toBeInstanceOf(SurplusPeriodNotEndedError);
    expect(await api.database.prisma.surplusRun.count({ where: { period: '2026-12' } })).toBe(0);
  });
});

/** |share − part × weight ÷ total| < 1, in whole units and without division. */
function withinOneUnit(share: bigint, part: bigint, weight: bigint, total: bigint): boolean {
  const difference = share * total - part * weight;
  return (difference < 0n ? -difference : difference) < total;
}

describe('surplus through the API', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('lets only the board dry-run and start a run; members vote the rule, and a member sees the share', async () => {
    const { prisma } = api.services;
    const board = await buildMember(api, { displayName: 'Vorstand', roles: ['member', 'admin'] });
    const buyer = await buildMember(api, { displayName: 'Käuferin' });
    const producer = await buildMember(api, { displayName: 'Hof Sonnenwiese', roles: ['member', 'producer'] });
    const boardClient = await logIn(api, board.email);
    const buyerClient = await logIn(api, buyer.email);

    // Members vote a rule that shares everything above 1 Taler by purchases and equally.
    const rule: SurplusPolicy = { period: 'monthly', reserve: { kind: 'amount', amount: '1.00' }, mix: { purchases: 70, sales: 0, equal: 30, accounts: [] } };
    const proposal = await createProposal(prisma, buyer, { kind: 'surplus', title: 'Überschuss zurückgeben', rationale: 'Wer einkauft, bekommt etwas zurück.', payload: rule });
    const openedAt = new Date(Date.now() - 8 * dayMs);
    const open = await openVoting(api.services, buyer, proposal.id, { votingDays: 7 }, openedAt);
    for (const voter of [board, buyer, producer]) await castVote(prisma, voter, open.id, { choice: 'yes' }, new Date(openedAt.getTime() + 60_000));
    expect((await closeProposal(prisma, open.id)).enacted).toEqual({ kind: 'surplus', version: 2 });

    // A real order, paid through escrow; its contribution fills the fund.
    const { orderId } = await buyNewOffer(api, buyer, producer.id, { price: '80.00' });
    const producerActor = { id: producer.id, roles: ['member', 'producer'] };
    await acceptOrder(api.services, producerActor, orderId);
    await fulfilOrder(api.services, producerActor, orderId);
    await confirmOrder(api.services, { id: buyer.id, roles: ['member'] }, orderId);
    const fund = unitsOf(await fundBalance(api.services.ledger));
    expect(fund).toBeGreaterThan(100n);

    // The running period: the buyer expects a share, nobody but the board sees the dry run.
    const expected = await buyerClient.graphql(`{ mySurplus { runningPeriod expected { booked amount purchases purchasesShare equalShare totals { distributable activeMembers } } } }`);
    expect(expected.errors).toBeUndefined();
    const expectedShare = expected.data?.mySurplus.expected;
    expect(expectedShare).toMatchObject({ booked: false, purchases: '80.00', totals: { distributable: text(fund - 100n), activeMembers: 2 } });
    const runningPeriod: string = expected.data?.mySurplus.runningPeriod;
    const previewQuery = `query($period: String) { surplusPreview(period: $period) { __typename ... on QuerySurplusPreviewSuccess { data { ended shareCount sumsExactly sharesSum totals { distributed } shares(search: "käuf") { name amount } } } } }`;
    expect((await buyerClient.graphql(previewQuery, { period: runningPeriod })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const preview = await boardClient.graphql(previewQuery, { period: runningPeriod });
    expect(preview.errors).toBeUndefined();
    const dryRun = preview.data?.surplusPreview.data;
    expect(dryRun).toMatchObject({ ended: false, shareCount: 2, sumsExactly: true, shares: [{ name: 'Käuferin', amount: expectedShare.amount }] });
    expect(dryRun.sharesSum).toBe(dryRun.totals.distributed);

    // Nobody but the board starts a run; not before the period has ended.
    const start = `mutation($period: String!) { startSurplusRun(period: $period) { __typename ... on SurplusPeriodNotEndedError { period } ... on ValidationError { fieldErrors { field code } } } }`;
    expect((await buyerClient.graphql(start, { period: runningPeriod })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await boardClient.graphql(start, { period: runningPeriod })).data?.startSurplusRun).toEqual({ __typename: 'SurplusPeriodNotEndedError', period: runningPeriod });
    expect((await boardClient.graphql(start, { period: 'letzter Monat' })).data?.startSurplusRun).toEqual({ __typename: 'ValidationError', fieldErrors: [{ field: 'period', code: 'invalid' }] });
    const lastPeriod = '2026-01';
    expect((await boardClient.graphql(start, { period: lastPeriod })).data?.startSurplusRun.__typename).toBe('MutationStartSurplusRunSuccess');
    if (api.services.jobs.backend === 'in-process') {
      expect(await prisma.job.findFirst({ where: { name: 'surplus-distribution', jobKey: `surplus-distribution:${lastPeriod}` }, select: { payload: true } })).toEqual({
        payload: { period: lastPeriod, startedById: board.id },
      });
    }
    expect(await prisma.surplusRun.count()).toBe(0);

    // The period ends; the run (as its job would) books the shares the dry run showed.
    const period = parsePeriod(runningPeriod)!;
    const outcome = await runSurplusDistribution(api.services, { period: runningPeriod, startedById: board.id }, new Date(period.end.getTime() + 1000));
    expect(outcome.booked).toBe(true);
    expect(amountText(outcome.run.distributed)).toBe(dryRun.totals.distributed);
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });

    // The member sees the share received, in the statement with a link to its explanation.
    const wallet = await buyerClient.graphql(`{ mySurplus { received { amount booked totals { period } } } myAccount { statement { entries { purpose amount surplusPeriod } } } }`);
    expect(wallet.errors).toBeUndefined();
    expect(wallet.data?.mySurplus.received).toEqual([{ amount: expectedShare.amount, booked: true, totals: { period: runningPeriod } }]);
    expect(wallet.data?.myAccount.statement.entries[0]).toEqual({ purpose: 'SURPLUS_SHARE', amount: expectedShare.amount, surplusPeriod: runningPeriod });
    const explanation = await buyerClient.graphql(`query($period: String!) { mySurplusShare(period: $period) { amount purchasesShare equalShare totals { purchasesPart equalPart totalPurchases activeMembers policy { mix { purchases equal } } } } }`, { period: runningPeriod });
    expect(explanation.data?.mySurplusShare).toMatchObject({ amount: expectedShare.amount, totals: { totalPurchases: '80.00', activeMembers: 2, policy: { mix: { purchases: 70, equal: 30 } } } });

    // The transparency page's list is public; the shares in it are for the board.
    const anonymous = api.client();
    const runs = await anonymous.graphql(`{ surplusRuns { period status startedByBoard totals { distributed } } }`);
    expect(runs.data?.surplusRuns).toEqual([{ period: runningPeriod, status: 'booked', startedByBoard: true, totals: { distributed: dryRun.totals.distributed } }]);
    expect((await anonymous.graphql(`{ surplusRuns { shares { amount } } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
