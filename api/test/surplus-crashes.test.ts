// A distribution run cut off at every point between its writes (before each statement of its
// transactions, before each COMMIT, and after a COMMIT before it could go on), then run again as the
// job's retry would: every share is booked exactly once, the shares are those the dry run showed
// before, and the ledger verifies. The cut-off runs book in batches of two shares, two batches at a
// time, so a run also stops between batches and with one batch written. Runs on PGlite and, with
// DATABASE_URL, on PostgreSQL.
import { createLedger, createSqlLedgerStore, type Ledger } from '@allmende/ledger';
import type { Member } from '../../prisma/generated/client/client';
import { computeDistribution } from '../src/surplus/compute-distribution';
import { parsePeriod } from '../src/surplus/periods';
import { amountOfUnits } from '../src/surplus/units';
import { runSurplusDistribution, type BookingBatches } from '../src/surplus/run-distribution';
import { surplusReference } from '../src/surplus/transfers';
import { amountText } from '../src/wallet/cooperative-currency';
import { ensureMemberAccount } from '../src/wallet/ensure-member-account';
import { createTestApi, type TestApi } from './support/api';
import { buildMember } from './support/builders';
import { CrashError, CrashPlan, crashingSqlDriver } from './support/crash-points';
import { confirmedOrder, payIntoFund, surplusRuleInForce } from './support/surplus';

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
