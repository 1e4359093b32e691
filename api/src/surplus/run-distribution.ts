// runSurplusDistribution: shares an ended period's surplus by the rule in force at its end and books
// it. Started by the scheduled job after each period end, or by the board (admins); nobody else.
//
//   computing ──(shares computed and stored, one transaction)──▶ computed ──▶ booking
//   booking ──(every share booked, in ledger batches)──▶ booked (final)
//
// Each step may be interrupted and run again: the run row is unique per period; the shares are
// stored in the transaction that leaves `computing`, so a run that stopped before that computes them
// again and one that stopped after books exactly the stored shares. The booking transfers the stored
// shares from the fund (idempotency key `surplus:<period>:<account code>`, reference
// `surplus:<period>`) in ledger batches that commit one by one, two at a time, counting the shares
// booked so far as the run's progress; a share's key makes it booked once, however often a run stops
// and starts again, and once every share is booked the run is marked `booked`, after which a run of
// the period does nothing. A batch the ledger refuses (the fund short of the shares, say) stops the
// run in `booking`, and a later run books what is left. One refusal is final instead: a member who
// left after the shares were stored has a closed account (`account_closed`, and the ledger says the
// account is closed), so that share is not booked and its amount stays in the fund. The transaction
// that marks the run `booked` also marks those shares `keptInFund` and sets the run's `keptInFund`
// total (its `distributed` stays as computed); a run cut off before that refuses them again, so a
// rerun ends the same way.
import { recordAuditEvent } from '../audit/audit-log';
import { BATCH_SIZE_MAXIMUM, type Ledger, type LedgerTransaction, type TransferBatchItem } from '@allmende/ledger';
import type { SurplusRun } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { ValidationError } from '../errors';
import { cooperativeCurrency, fundAccountCode } from '../wallet/cooperative-currency';
import { computeDistribution, type ComputedShare, type SurplusComputation } from './compute-distribution';
import { SurplusPeriodNotEndedError } from './errors';
import { parsePeriod, type Period } from './periods';
import { surplusReference, surplusTransferKind } from './transfers';
import { amountOfUnits } from './units';

/** Share rows per insert statement. */
const sharesPerInsert = 10_000;

/** How the booking is cut into ledger batches; tests use small batches to cut off a run between them. */
export interface BookingBatches {
  /** Shares per ledger batch (at most the ledger's batch size). */
  sharesPerBatch: number;
  /** Batches written at the same time, each in its own transaction. */
  concurrentBatches: number;
}

const defaultBatches: BookingBatches = { sharesPerBatch: BATCH_SIZE_MAXIMUM, concurrentBatches: 2 };

export interface SurplusRunOutcome {
  run: SurplusRun;
  /** True when this call booked the period; false when it was booked before. */
  booked: boolean;
}

/** The period a key names, or a typed error naming the field. */
export function periodOrError(key: string, field = 'period'): Period {
  const period = parsePeriod(key);
  if (!period) throw new ValidationError([{ field, code: 'invalid', params: {}, message: 'a period like 2026-11, 2026-Q4 or 2026' }]);
  return period;
}

export async function runSurplusDistribution(
  services: { prisma: PrismaClient; ledger: Ledger },
  input: { period: string; startedById: string | null },
  now = new Date(),
  batches: BookingBatches = defaultBatches,
): Promise<SurplusRunOutcome> {
  const { prisma, ledger } = services;
  const period = periodOrError(input.period);
  if (period.end > now) throw new SurplusPeriodNotEndedError(period.key, period.end);

  let run = await prisma.surplusRun.findUnique({ where: { period: period.key } });
  if (run?.status === 'booked') return { run, booked: false };
  if (!run) run = await createRun(prisma, period, input.startedById);

  // The shares this call stored, if it computed them; a run that resumes reads the stored ones.
  let stored: BookableShare[] | null = null;
  if (run.status === 'computing') {
    const computation = await computeDistribution(services, period);
    const storedNow = await ledger.transaction((transaction) => storeShares(transaction, run!.id, computation, new Date()));
    if (storedNow) stored = computation.shares.map((share) => ({ accountId: share.accountId, accountCode: share.accountCode, amount: amountOfUnits(share.amount) }));
  }
  await prisma.surplusRun.updateMany({ where: { id: run.id, status: 'computed' }, data: { status: 'booking' } });

  const shares =
    stored ??
    (await prisma.surplusShare.findMany({
      where: { runId: run.id },
      select: { accountId: true, accountCode: true, amount: true },
      orderBy: { accountCode: 'asc' },
    }));
  const fundAccountId = (await ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode))!.id;
  const kept = await bookShares(services, run.id, period.key, fundAccountId, shares, batches);
  const booked = await ledger.transaction((transaction) => markBooked(transaction, run!.id, period.key, shares.length, kept, new Date()));
  return { run: await prisma.surplusRun.findUniqueOrThrow({ where: { id: run.id } }), booked };
}

async function createRun(prisma: PrismaClient, period: Period, startedById: string | null): Promise<SurplusRun> {
  const policyVersionId = (await prisma.policyVersion.findFirstOrThrow({ where: { kind: 'surplus', enactedAt: { lte: period.end } }, orderBy: { version: 'desc' }, select: { id: true } })).id;
  try {
    return await prisma.surplusRun.create({ data: { period: period.key, periodStart: period.start, periodEnd: period.end, policyVersionId, startedById } });
  } catch (error) {
    // Another run of the period was created meanwhile (the unique period): continue with it.
    const existing = await prisma.surplusRun.findUnique({ where: { period: period.key } });
    if (existing) return existing;
    throw error;
  }
}

interface BookableShare {
  accountId: string;
  accountCode: string;
  amount: { toString(): string };
}

/** Stores the shares and the totals and leaves `computing`; false when another runner did so first. */
async function storeShares(transaction: LedgerTransaction, runId: string, computation: SurplusComputation, now: Date): Promise<boolean> {
  const { session } = transaction;
  const { rows } = await session.run<{ status: string }>(`SELECT status::text AS status FROM "SurplusRun" WHERE id = $1::uuid FOR UPDATE`, [runId]);
  if (rows[0]?.status !== 'computing') return false;
  await session.run(`DELETE FROM "SurplusShare" WHERE "runId" = $1::uuid`, [runId]);
  for (let start = 0; start < computation.shares.length; start += sharesPerInsert) {
    const chunk = computation.shares.slice(start, start + sharesPerInsert);
    const column = (value: (share: ComputedShare) => string | null) => chunk.map(value);
    await session.run(
      `INSERT INTO "SurplusShare" ("runId", "memberId", "accountId", "accountCode", "purchases", "sales", "purchasesShare", "salesShare", "equalShare", "amount")
       SELECT $1::uuid, t.member_id, t.account_id, t.account_code, t.purchases, t.sales, t.purchases_share, t.sales_share, t.equal_share, t.amount
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[])
         AS t(member_id, account_id, account_code, purchases, sales, purchases_share, sales_share, equal_share, amount)`,
      [
        runId,
        column((share) => share.memberId),
        column((share) => share.accountId),
        column((share) => share.accountCode),
        column((share) => amountOfUnits(share.purchases)),
        column((share) => amountOfUnits(share.sales)),
        column((share) => amountOfUnits(share.purchasesShare)),
        column((share) => amountOfUnits(share.salesShare)),
        column((share) => amountOfUnits(share.equalShare)),
        column((share) => amountOfUnits(share.amount)),
      ],
    );
  }
  const { parts } = computation;
  await session.run(
    `UPDATE "SurplusRun" SET status = 'computed', "policyVersionId" = $2::uuid, "fundBalance" = $3::numeric, "reserve" = $4::numeric, "distributable" = $5::numeric,
       "purchasesPart" = $6::numeric, "salesPart" = $7::numeric, "equalPart" = $8::numeric, "accountsPart" = $9::numeric,
       "totalPurchases" = $10::numeric, "totalSales" = $11::numeric, "activeMembers" = $12::int, "distributed" = $13::numeric, "unallocated" = $14::numeric,
       "shareCount" = $15::int, "computedAt" = $16::timestamptz
     WHERE id = $1::uuid`,
    [
      runId,
      computation.policy.id,
      amountOfUnits(computation.fundBalance),
      amountOfUnits(computation.reserve),
      amountOfUnits(computation.distributable),
      amountOfUnits(parts.purchases),
      amountOfUnits(parts.sales),
      amountOfUnits(parts.equal),
      amountOfUnits(parts.accounts),
      amountOfUnits(computation.totalPurchases),
      amountOfUnits(computation.totalSales),
      computation.activeMembers,
      amountOfUnits(computation.distributed),
      amountOfUnits(computation.unallocated),
      computation.shares.length,
      now.toISOString(),
    ],
  );
  return true;
}

/**
 * Books every stored share (those booked before are answered as booked), counting the progress.
 * Returns the codes of the accounts that were closed before their share could be booked: those
 * shares are not booked, their amounts stay in the fund. Any other refusal throws.
 */
async function bookShares(
  services: { prisma: PrismaClient; ledger: Ledger },
  runId: string,
  period: string,
  fundAccountId: string,
  shares: readonly BookableShare[],
  batches: BookingBatches,
): Promise<string[]> {
  const reference = surplusReference(period);
  const itemOf = (share: BookableShare): TransferBatchItem => ({
    type: 'immediate',
    idempotencyKey: `${reference}:${share.accountCode}`,
    debitAccountId: fundAccountId,
    creditAccountId: share.accountId,
    currency: cooperativeCurrency.code,
    amount: share.amount.toString(),
    kind: surplusTransferKind,
    reference,
    memo: `Surplus ${period}`,
  });
  const size = Math.min(Math.max(1, batches.sharesPerBatch), BATCH_SIZE_MAXIMUM);
  let next = 0;
  let done = 0;
  let failure: unknown = null;
  const kept: string[] = [];
  const book = async (batch: readonly BookableShare[]) => {
    const results = await services.ledger.createTransfers(batch.map(itemOf));
    const refused = batch.flatMap((share, index) => {
      const result = results[index]!;
      return result.ok ? [] : [{ share, code: result.code }];
    });
    // A share refused because its account was closed (its member left after the shares were
    // stored): the account is looked at, so that only a closed recipient keeps the share in the fund.
    const refusedClosed = refused.filter((refusal) => refusal.code === 'account_closed');
    const closedIds = new Set(
      refusedClosed.length === 0
        ? []
        : (await services.ledger.getAccounts(refusedClosed.map((refusal) => refusal.share.accountId))).filter((account) => account.status === 'closed').map((account) => account.id),
    );
    const other = refused.find((refusal) => refusal.code !== 'account_closed' || !closedIds.has(refusal.share.accountId));
    if (other) throw new Error(`The surplus share of ${other.share.accountCode} for ${period} cannot be booked: ${other.code}`);
    kept.push(...refusedClosed.map((refusal) => refusal.share.accountCode));
    done += batch.length - refusedClosed.length;
    await services.prisma.surplusRun.updateMany({ where: { id: runId, status: 'booking', bookedCount: { lt: done } }, data: { bookedCount: done } });
  };
  const writer = async () => {
    while (next < shares.length && failure === null) {
      const batch = shares.slice(next, next + size);
      next += size;
      await book(batch).catch((error: unknown) => {
        failure ??= error;
      });
    }
  };
  // Every writer ends before the run goes on or fails: nothing is booked after the call returned.
  await Promise.all(Array.from({ length: Math.max(1, batches.concurrentBatches) }, writer));
  if (failure !== null) throw failure;
  return kept;
}

/**
 * Marks the run booked once every share is, and in the same transaction the shares kept in the fund
 * (their account closed before they could be booked) with the run's total of them; false when it
 * was marked before.
 */
async function markBooked(transaction: LedgerTransaction, runId: string, period: string, shareCount: number, kept: readonly string[], now: Date): Promise<boolean> {
  const { session } = transaction;
  const { rows } = await session.run<{ startedById: string | null }>(
    `UPDATE "SurplusRun" SET status = 'booked', "bookedAt" = $2::timestamptz, "bookedCount" = "shareCount" - $3::int WHERE id = $1::uuid AND status = 'booking'
     RETURNING "startedById"::text AS "startedById"`,
    [runId, now.toISOString(), kept.length],
  );
  if (rows.length === 0) return false;
  if (kept.length > 0) {
    await session.run(`UPDATE "SurplusShare" SET "keptInFund" = true WHERE "runId" = $1::uuid AND "accountCode" = ANY($2::text[])`, [runId, kept]);
    await session.run(
      `UPDATE "SurplusRun" SET "keptInFund" = (SELECT coalesce(sum(amount), 0) FROM "SurplusShare" WHERE "runId" = $1::uuid AND "keptInFund") WHERE id = $1::uuid`,
      [runId],
    );
  }
  await recordAuditEvent(session, {
    actorId: rows[0]!.startedById,
    action: 'surplus_distribution_booked',
    subjectType: 'distribution',
    subjectId: runId,
    details: { period, shares: shareCount, sharesKeptInFund: kept.length },
  });
  return true;
}
