// A distribution run cut off at every point between its writes (before each statement of its
// transactions, before each COMMIT, and after a COMMIT before it could go on), then run again as the
// job's retry would: every share is booked exactly once, the shares are those the dry run showed
// before, and the ledger verifies. The cut-off runs book in batches of two shares, two batches at a
// time, so a run also stops between batches and with one batch written. Then a member who leaves
// between the storing and the booking: the share stays in the fund and the run still ends. Runs on
// PGlite and, with DATABASE_URL, on PostgreSQL.
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import type { Member } from '../../prisma/generated/client/client';
import { closeLeftAccounts } from '../src/my-data/close-left-accounts';
import { computeDistribution } from '../src/surplus/compute-distribution';
import { receivedShares, shareExplanation } from '../src/surplus/member-share';
import { parsePeriod } from '../src/surplus/periods';
import { amountOfUnits, unitsOf } from '../src/surplus/units';
import { runSurplusDistribution, type BookingBatches } from '../src/surplus/run-distribution';
import { storedDistribution } from '../src/surplus/stored-distribution';
import { surplusReference } from '../src/surplus/transfers';
import { amountText } from '../src/wallet/cooperative-currency';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';
import { createTestApi, type TestApi } from './support/api';
import { buildMember } from './support/builders';
import { CrashError, CrashPlan, crashingSqlDriver } from './support/crash-points';
import { confirmedOrder, fundBalance, payIntoFund, surplusRuleInForce } from './support/surplus';

const dayMs = 24 * 60 * 60_000;
const smallBatches: BookingBatches = { sharesPerBatch: 2, concurrentBatches: 2 };

describe('a distribution run cut off at every point', () => {
  let api: TestApi;
  let plan: CrashPlan;
  let crashingLedger: Ledger;
  let members: Member[];
  let outsider: Member;

  beforeAll(async () => {
    api = await createTestApi();
    plan = new CrashPlan();
    crashingLedger = createLedger({ store: createSqlLedgerStore(crashingSqlDriver(api.database.sqlDriver, plan)) });
    const { prisma } = api.services;
    // In force for every period of the test: a reserve of 10 Taler, and a named account among the mix.
    await surplusRuleInForce(
      prisma,
      { period: 'monthly', reserve: { kind: 'amount', amount: '10.00' }, mix: { purchases: 40, sales: 30, equal: 20, accounts: [{ code: 'solidaritaet', name: 'Solidaritätsfonds', percent: 10 }] } },
      new Date('2020-01-01T00:00:00Z'),
    );
    members = [];
    for (let index = 0; index < 4; index += 1) {
      const member = await buildMember(api, { displayName: `Teilhaber ${index}` });
      await ensureMemberAccount(api.services, member);
      members.push(member);
    }
    outsider = await buildMember(api, { displayName: 'Außenstehend', status: 'applicant' });
    await payIntoFund(api.services, outsider, '10.00');
  });
  afterAll(() => api.close());

  /** A period with turnover and a fund to share, in its own month `index` (counted from 2021-01). */
  async function periodWithSurplus(index: number): Promise<string> {
    const year = 2021 + Math.floor(index / 12);
    const period = parsePeriod(`${year}-${String((index % 12) + 1).padStart(2, '0')}`)!;
    const closedAt = new Date(period.start.getTime() + dayMs);
    const { prisma } = api.services;
    await confirmedOrder(prisma, members[0]!.id, members[1]!.id, '33.33', closedAt);
    await confirmedOrder(prisma, members[2]!.id, outsider.id, '10.01', closedAt);
    await confirmedOrder(prisma, outsider.id, members[3]!.id, '7.77', closedAt);
    await payIntoFund(api.services, outsider, '100.03');
    return period.key;
  }

  async function bookedKeys(period: string): Promise<string[]> {
    const transfers = await api.services.ledger.listTransfers({ limit: 10_000 });
    return transfers.filter((transfer) => transfer.reference === surplusReference(period)).map((transfer) => `${transfer.idempotencyKey}=${amountText(transfer.amount)}`).sort();
  }

  /** The transfers the dry run of the period says a run books. */
  async function dryRunKeys(period: string): Promise<string[]> {
    const computation = await computeDistribution(api.services, parsePeriod(period)!);
    return computation.shares.map((share) => `${surplusReference(period)}:${share.accountCode}=${amountOfUnits(share.amount)}`).sort();
  }

  it('books each share once however the run was cut off', async () => {
    const { prisma } = api.services;
    // A run without a crash books what its dry run showed (and fills the crashing ledger's caches).
    const reference = await periodWithSurplus(0);
    const referenceShares = await dryRunKeys(reference);
    expect(referenceShares).toHaveLength(5);
    plan.arm(null);
    expect((await runSurplusDistribution({ prisma, ledger: crashingLedger }, { period: reference, startedById: null }, new Date(), smallBatches)).booked).toBe(true);
    expect(await bookedKeys(reference)).toEqual(referenceShares);

    // Cut off at event 0, 1, 2, … until a run has no event left to cut off at.
    let crashAt = 0;
    for (; ; crashAt += 1) {
      // Each cut-off point gets a period of its own with the same turnover and fund.
      const period = await periodWithSurplus(crashAt + 1);
      const expectedShares = await dryRunKeys(period);
      plan.arm(crashAt);
      const crashed = await runSurplusDistribution({ prisma, ledger: crashingLedger }, { period, startedById: null }, new Date(), smallBatches).then(
        () => null,
        (error: unknown) => error,
      );
      if (crashed === null) {
        expect(await bookedKeys(period)).toEqual(expectedShares);
        break;
      }
      expect(crashed).toBeInstanceOf(CrashError);
      // The retry, on a process that does not crash.
      const retried = await runSurplusDistribution(api.services, { period, startedById: null });
      expect(retried.run.status).toBe('booked');
      expect(retried.run.bookedCount).toBe(expectedShares.length);
      const booked = await bookedKeys(period);
      expect(booked).toEqual(expectedShares);
      expect((await runSurplusDistribution(api.services, { period, startedById: null })).booked).toBe(false);
      expect(await bookedKeys(period)).toEqual(booked);
    }
    // Storing, three batches and the mark, each with its statements, COMMIT and the moment after.
    expect(crashAt).toBeGreaterThanOrEqual(20);
    expect(await api.services.ledger.verifyLedger()).toMatchObject({ ok: true });
  });
});

// A member who leaves after the shares were stored and before they are booked: leaving closes the
// account, the ledger refuses the share (account_closed), and the run keeps that share in the fund
// instead of stopping in `booking` for good; a rerun after a cut-off ends the same way.
describe('a distribution run whose recipient left before the booking', () => {
  let api: TestApi;
  let outsider: Member;

  beforeAll(async () => {
    api = await createTestApi();
    await surplusRuleInForce(
      api.services.prisma,
      { period: 'monthly', reserve: { kind: 'amount', amount: '10.00' }, mix: { purchases: 40, sales: 30, equal: 20, accounts: [{ code: 'solidaritaet', name: 'Solidaritätsfonds', percent: 10 }] } },
      new Date('2020-01-01T00:00:00Z'),
    );
    outsider = await buildMember(api, { displayName: 'Außenstehend', status: 'applicant' });
  });
  afterAll(() => api.close());

  /** A period (month `index` from 2024-01) with four fresh members with turnover, none with a balance, and a fund to share. */
  async function periodWithFreshMembers(index: number): Promise<{ period: string; members: Member[] }> {
    const { prisma } = api.services;
    const period = parsePeriod(`${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`)!;
    const closedAt = new Date(period.start.getTime() + dayMs);
    const fresh: Member[] = [];
    for (let number = 0; number < 4; number += 1) {
      const member = await buildMember(api, { displayName: `Teilhaberin ${index}-${number}` });
      await ensureMemberAccount(api.services, member);
      fresh.push(member);
    }
    await confirmedOrder(prisma, fresh[0]!.id, fresh[1]!.id, '33.33', closedAt);
    await confirmedOrder(prisma, fresh[2]!.id, outsider.id, '10.01', closedAt);
    await confirmedOrder(prisma, outsider.id, fresh[3]!.id, '7.77', closedAt);
    await payIntoFund(api.services, outsider, '100.03');
    return { period: period.key, members: fresh };
  }

  /** The ledger, dying (as its process would) at the batch after `batchesBooked` committed batches. */
  function ledgerDyingAfter(batchesBooked: number): Ledger {
    const { ledger } = api.services;
    let batches = 0;
    return {
      ...ledger,
      createTransfers: async (items) => {
        if (batches >= batchesBooked) throw new Error('the process died');
        batches += 1;
        return ledger.createTransfers(items);
      },
    };
  }

  /** The member leaves: their status is left, and the leaving step closes the (empty) account. */
  async function leave(member: Member): Promise<void> {
    await api.services.prisma.member.update({ where: { id: member.id }, data: { status: 'left', leftAt: new Date() } });
    expect(await closeLeftAccounts(api.services)).toBe(1);
  }

  async function bookedKeys(period: string): Promise<string[]> {
    const transfers = await api.services.ledger.listTransfers({ limit: 10_000 });
    return transfers.filter((transfer) => transfer.reference === surplusReference(period)).map((transfer) => `${transfer.idempotencyKey}=${amountText(transfer.amount)}`).sort();
  }

  /** Runs the stored period to its end and checks it: the leaver's share kept in the fund, every other one booked once. */
  async function expectBookedWithout(period: string, leaver: Member, fundBefore: bigint, bookedNow = true): Promise<void> {
    const { prisma, ledger } = api.services;
    const outcome = await runSurplusDistribution(api.services, { period, startedById: null }, new Date(), smallBatches);
    expect(outcome.booked).toBe(bookedNow);
    const { run } = outcome;
    expect(run.status).toBe('booked');
    const shares = await prisma.surplusShare.findMany({ where: { runId: run.id }, orderBy: { accountCode: 'asc' } });
    expect(shares).toHaveLength(5);
    const kept = shares.filter((share) => share.keptInFund);
    expect(kept.map((share) => share.memberId)).toEqual([leaver.id]);
    expect(unitsOf(kept[0]!.amount)).toBeGreaterThan(0n);
    expect(amountText(run.keptInFund)).toBe(amountText(kept[0]!.amount));
    // The distributed figure stays what was computed: the kept share is part of it.
    expect(shares.reduce((sum, share) => sum + unitsOf(share.amount), 0n)).toBe(unitsOf(run.distributed));
    expect(run.bookedCount).toBe(4);
    const others = shares.filter((share) => !share.keptInFund).map((share) => `${surplusReference(period)}:${share.accountCode}=${amountText(share.amount)}`);
    expect(await bookedKeys(period)).toEqual(others.sort());
    expect(unitsOf(await fundBalance(ledger))).toBe(fundBefore - unitsOf(run.distributed) + unitsOf(run.keptInFund));
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'surplus_distribution_booked', subjectId: run.id } });
    expect(audit.details).toMatchObject({ period, shares: 5, sharesKeptInFund: 1 });
    // The leaver received nothing: the wallet does not list the share, the explanation says it stayed.
    expect(await receivedShares(prisma, leaver.id)).toEqual([]);
    expect(await shareExplanation(prisma, leaver.id, period)).toMatchObject({ keptInFund: true, amount: amountText(kept[0]!.amount) });
    // The board's table of the stored run marks that share, and only that one.
    const table = await storedDistribution(prisma, run);
    expect(table.shares.filter((share) => share.keptInFund).map((share) => share.memberId)).toEqual([leaver.id]);
    // A second run does nothing; the ledger verifies.
    expect((await runSurplusDistribution(api.services, { period, startedById: null })).booked).toBe(false);
    expect(await bookedKeys(period)).toEqual(others.sort());
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
  }

  it('keeps the share of a member who left after the shares were stored in the fund', async () => {
    const { prisma, ledger } = api.services;
    const { period, members } = await periodWithFreshMembers(0);
    const fundBefore = unitsOf(await fundBalance(ledger));
    // The run stores the shares and dies before its first batch.
    await expect(runSurplusDistribution({ prisma, ledger: ledgerDyingAfter(0) }, { period, startedById: null }, new Date(), smallBatches)).rejects.toThrow('the process died');
    expect((await prisma.surplusRun.findUniqueOrThrow({ where: { period } })).status).toBe('booking');
    expect(await bookedKeys(period)).toEqual([]);
    await leave(members[1]!);
    await expectBookedWithout(period, members[1]!, fundBefore);
  });

  it('keeps it too when the run was cut off between batches and the member left before the rerun', async () => {
    const { prisma, ledger } = api.services;
    const { period, members } = await periodWithFreshMembers(1);
    const fundBefore = unitsOf(await fundBalance(ledger));
    // The run books its first batch of two shares and dies before the next one.
    await expect(runSurplusDistribution({ prisma, ledger: ledgerDyingAfter(1) }, { period, startedById: null }, new Date(), { sharesPerBatch: 2, concurrentBatches: 1 })).rejects.toThrow(
      'the process died',
    );
    const booked = await bookedKeys(period);
    expect(booked).toHaveLength(2);
    // A member whose share is not booked yet leaves.
    const run = await prisma.surplusRun.findUniqueOrThrow({ where: { period } });
    const unbooked = (await prisma.surplusShare.findMany({ where: { runId: run.id, memberId: { not: null } } })).filter(
      (share) => !booked.some((key) => key.startsWith(`${surplusReference(period)}:${share.accountCode}=`)),
    );
    const leaver = members.find((member) => member.id === unbooked[0]?.memberId)!;
    expect(leaver).toBeDefined();
    await leave(leaver);
    await expectBookedWithout(period, leaver, fundBefore);
  });
  it('ends the same way however the run after the leaving was cut off', async () => {
    const { prisma, ledger } = api.services;
    const plan = new CrashPlan();
    const crashingLedger = createLedger({ store: createSqlLedgerStore(crashingSqlDriver(api.database.sqlDriver, plan)) });
    // Cut off at event 0, 1, 2, … of the run that books after the member left (its batches and the
    // transaction that marks the run and the kept share), until a run has no event left to cut off at.
    let crashAt = 0;
    for (; ; crashAt += 1) {
      const { period, members } = await periodWithFreshMembers(2 + crashAt);
      const fundBefore = unitsOf(await fundBalance(ledger));
      await expect(runSurplusDistribution({ prisma, ledger: ledgerDyingAfter(0) }, { period, startedById: null }, new Date(), smallBatches)).rejects.toThrow('the process died');
      await leave(members[2]!);
      plan.arm(crashAt);
      const crashed = await runSurplusDistribution({ prisma, ledger: crashingLedger }, { period, startedById: null }, new Date(), smallBatches).then(
        () => null,
        (error: unknown) => error,
      );
      if (crashed !== null) expect(crashed).toBeInstanceOf(CrashError);
      else expect(plan.seen.length).toBeGreaterThan(0);
      // The retry, on a process that does not crash (a no-op when the cut-off run got through).
      await runSurplusDistribution(api.services, { period, startedById: null }, new Date(), smallBatches);
      // expectBookedWithout runs once more: the period is booked, so that run does nothing.
      await expectBookedWithout(period, members[2]!, fundBefore, false);
      if (crashed === null) break;
    }
    // Three batches and the mark, each with its statements, COMMIT and the moment after.
    expect(crashAt).toBeGreaterThanOrEqual(12);
  });
});
