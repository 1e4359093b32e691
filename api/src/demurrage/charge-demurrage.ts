// Demurrage at a period's end: every member account whose posted balance is above the rule's exempt
// amount pays the rate of the part above it to the common fund,
//
//   fee = ⌊(balance − exempt amount) × rate⌋ in whole units, 0 at or below the exempt amount
//
// so a fee never takes a balance below the exempt amount (the rate is at most 0.1), zero and negative
// balances pay nothing, and rounding down favours the member. All fees of a period are one ledger
// transaction together with the run's booked mark (member → fund, kind "demurrage", reference
// "demurrage:<period>", idempotency key "demurrage:<period>:<account code>"), so a second run of the
// period books nothing. Balances are read just before that transaction: a member who spends in the
// moment between pays the fee computed on the balance before.
//
// Order at a period end: demurrage first, then the surplus (scheduled-distribution.ts), so the fees of
// a period are part of the fund its surplus shares.
import { BATCH_SIZE_MAXIMUM, type Ledger, type TransferBatchItem } from '@allmende/ledger';
import type { DemurrageRun } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import { policyInForce } from '../governance/policies';
import { periodOrError } from '../surplus/run-distribution';
import { SurplusPeriodNotEndedError } from '../surplus/errors';
import { amountOfUnits, unitsOf } from '../surplus/units';
import { cooperativeCurrency, fundAccountCode } from '../wallet/cooperative-currency';
import { memberIdOfAccountCode } from '../wallet/ensure-member-account';
import { rateBasisPoints, type DemurragePolicy } from './policy';
import { demurrageTransferKind } from './transfers';

const accountsPerPage = 1000;

export interface DemurrageFee {
  memberId: string;
  accountId: string;
  accountCode: string;
  /** Posted balance and fee, in whole units. */
  balance: bigint;
  fee: bigint;
}

/** The fee on a balance, in whole units: the rate of the part above the exempt amount, rounded down. */
export function demurrageFee(balance: bigint, exempt: bigint, basisPoints: bigint): bigint {
  if (balance <= exempt || basisPoints <= 0n) return 0n;
  return ((balance - exempt) * basisPoints) / 10_000n;
}

/** Every open member account's fee under the rule, from the balances now; accounts that pay nothing are left out. */
export async function computeDemurrage(ledger: Ledger, policy: DemurragePolicy): Promise<DemurrageFee[]> {
  const basisPoints = BigInt(rateBasisPoints(policy.rate) ?? 0);
  if (basisPoints === 0n) return [];
  const exempt = unitsOf(policy.exemptAmount);
  const fees: DemurrageFee[] = [];
  let afterId: string | null = null;
  for (;;) {
    const page = await ledger.listAccounts({ currency: cooperativeCurrency.code, afterId, limit: accountsPerPage });
    for (const account of page) {
      const memberId = memberIdOfAccountCode(account.code);
      if (!memberId || account.status !== 'open') continue;
      const balance = unitsOf(account.creditsPosted.minus(account.debitsPosted));
      const fee = demurrageFee(balance, exempt, basisPoints);
      if (fee > 0n) fees.push({ memberId, accountId: account.id, accountCode: account.code!, balance, fee });
    }
    if (page.length < accountsPerPage) return fees;
    afterId = page.at(-1)!.id;
  }
}

export interface DemurrageOutcome {
  run: DemurrageRun;
  /** True when this call booked the period. */
  booked: boolean;
}

/** Charges the demurrage of an ended period by the rule in force at its end; a booked period is left as it is. */
export async function chargeDemurrage(services: { prisma: PrismaClient; ledger: Ledger }, input: { period: string }, now = new Date()): Promise<DemurrageOutcome> {
  const { prisma, ledger } = services;
  const period = periodOrError(input.period);
  if (period.end > now) throw new SurplusPeriodNotEndedError(period.key, period.end);
  const existing = await prisma.demurrageRun.findUnique({ where: { period: period.key } });
  if (existing?.status === 'booked') return { run: existing, booked: false };
  const policy = await policyInForce(prisma, 'demurrage', period.end);
  const run =
    existing ??
    (await prisma.demurrageRun.upsert({
      where: { period: period.key },
      create: { period: period.key, periodStart: period.start, periodEnd: period.end, policyVersionId: policy.id },
      update: {},
    }));
  const fees = await computeDemurrage(ledger, policy.payload);
  const fund = await ledger.findAccountByCode(cooperativeCurrency.code, fundAccountCode);
  if (!fund) throw new Error('The fund account of the cooperative currency is missing');
  const reference = `demurrage:${period.key}`;
  const booked = await ledger.transaction(async (transaction) => {
    const { rows } = await transaction.session.run<{ status: string }>(`SELECT status::text AS status FROM "DemurrageRun" WHERE id = $1::uuid FOR UPDATE`, [run.id]);
    if (rows[0]?.status === 'booked') return false;
    const items: TransferBatchItem[] = fees.map((fee) => ({
      type: 'immediate',
      idempotencyKey: `${reference}:${fee.accountCode}`,
      debitAccountId: fee.accountId,
      creditAccountId: fund.id,
      currency: cooperativeCurrency.code,
      amount: amountOfUnits(fee.fee),
      kind: demurrageTransferKind,
      reference,
      memo: `Demurrage ${period.key}`,
    }));
    for (let start = 0; start < items.length; start += BATCH_SIZE_MAXIMUM) {
      const results = await transaction.createTransfers(items.slice(start, start + BATCH_SIZE_MAXIMUM));
      const failed = results.findIndex((result) => !result.ok);
      if (failed >= 0) {
        const result = results[failed]!;
        throw new Error(`The demurrage of ${fees[start + failed]!.accountCode} for ${period.key} cannot be booked: ${result.ok ? '' : result.code}`);
      }
    }
    const total = fees.reduce((sum, fee) => sum + fee.fee, 0n);
    await transaction.session.run(
      `UPDATE "DemurrageRun" SET status = 'booked', "policyVersionId" = $2::uuid, "total" = $3::numeric, "accountCount" = $4::int, "bookedAt" = $5::timestamptz WHERE id = $1::uuid`,
      [run.id, policy.id, amountOfUnits(total), fees.length, new Date().toISOString()],
    );
    return true;
  });
  return { run: await prisma.demurrageRun.findUniqueOrThrow({ where: { id: run.id } }), booked };
}
