// Property-based tests of the ledger's invariants against the real database: random sequences of
// transfers, holds, posts, voids, reversals, expiries, linked chains and retries. After every step no
// balance is beyond its limits; after every run the cached balances equal a replay of the accepted
// transfers, all balances sum to zero, and retries returned the original transfers.
import fc from 'fast-check';
import { BalanceReplay } from '../src/domain/balance-replay';
import { type Account, Decimal, type Transfer, type TransferBatchItem, type TransferResult } from '../src/index';
import { CURRENCY, type TestLedger, createMember, newKey, openTestLedger } from './support';

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
});
afterAll(async () => {
  await t.close();
});

const ACCOUNTS = 4;

type Operation =
  | { kind: 'immediate' | 'pending'; from: number; to: number; cents: number; timeoutSeconds: number | null }
  | { kind: 'post'; pick: number; cents: number | null }
  | { kind: 'void'; pick: number }
  | { kind: 'reversal'; pick: number; cents: number | null }
  | { kind: 'retry'; pick: number }
  | { kind: 'expire'; seconds: number };

const accountIndex = fc.integer({ min: 0, max: ACCOUNTS });
const cents = fc.integer({ min: 1, max: 6000 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('immediate' as const), from: accountIndex, to: accountIndex, cents, timeoutSeconds: fc.constant(null) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pending' as const), from: accountIndex, to: accountIndex, cents, timeoutSeconds: fc.option(fc.integer({ min: 1, max: 120 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('post' as const), pick: fc.nat(), cents: fc.option(cents) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reversal' as const), pick: fc.nat(), cents: fc.option(cents) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), seconds: fc.integer({ min: 0, max: 90 }) }) },
);
/** A step is one createTransfers call: one to four operations, each maybe linked to the next. */
const step = fc.array(fc.record({ operation, linked: fc.boolean() }), { minLength: 1, maxLength: 4 });
const limits = fc.record({
  creditLimitCents: fc.integer({ min: 0, max: 10_000 }),
  maximumBalanceCents: fc.option(fc.integer({ min: 2_000, max: 20_000 })),
});

const money = (value: number) => (value / 100).toFixed(2);

interface RunState {
  accounts: Account[];
  accepted: Map<string, Transfer>;
  pendings: Transfer[];
  reversible: Transfer[];
  sent: Array<{ request: TransferBatchItem; result: TransferResult }>;
}

function toRequest(operation: Operation, state: RunState): TransferBatchItem | null {
  const id = (index: number) => state.accounts[index]!.id;
  switch (operation.kind) {
    case 'immediate':
    case 'pending':
      return {
        type: operation.kind,
        idempotencyKey: newKey('prop'),
        debitAccountId: id(operation.from),
        creditAccountId: id(operation.to),
        currency: CURRENCY,
        amount: money(operation.cents),
        kind: 'payment',
        ...(operation.kind === 'pending' && operation.timeoutSeconds !== null ? { timeoutSeconds: operation.timeoutSeconds } : {}),
      };
    case 'post':
    case 'void': {
      const pending = state.pendings[operation.pick % Math.max(state.pendings.length, 1)];
      if (!pending) return null;
      if (operation.kind === 'void') return { type: 'void', idempotencyKey: newKey('prop'), pendingId: pending.id };
      return { type: 'post', idempotencyKey: newKey('prop'), pendingId: pending.id, ...(operation.cents === null ? {} : { amount: money(operation.cents) }) };
    }
    case 'reversal': {
      const original = state.reversible[operation.pick % Math.max(state.reversible.length, 1)];
      if (!original) return null;
      return { type: 'reversal', idempotencyKey: newKey('prop'), transferId: original.id, ...(operation.cents === null ? {} : { amount: money(operation.cents) }) };
    }
    case 'retry': {
      const earlier = state.sent[operation.pick % Math.max(state.sent.length, 1)];
      if (!earlier) return null;
      const { linked: _linked, ...request } = earlier.request;
      return request;
    }
    case 'expire':
      return null;
  }
}

function record(state: RunState, transfer: Transfer): void {
  if (state.accepted.has(transfer.id)) return;
  state.accepted.set(transfer.id, transfer);
  if (transfer.type === 'pending') state.pendings.push(transfer);
  if (transfer.type === 'immediate' || transfer.type === 'post') state.reversible.push(transfer);
}

async function expectWithinLimits(state: RunState): Promise<void> {
  const balances = await t.ledger.getBalances(state.accounts.map((account) => account.id));
  for (const balance of balances) {
    expect(balance.available.greaterThanOrEqualTo(0)).toBe(true);
    if (balance.maximumBalance !== null) {
      expect(balance.posted.plus(balance.pendingCredits).lessThanOrEqualTo(balance.maximumBalance)).toBe(true);
    }
  }
}

let run = 0;

describe('ledger invariants', () => {
  it('hold for random sequences of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(limits, { minLength: ACCOUNTS, maxLength: ACCOUNTS }), fc.array(step, { minLength: 1, maxLength: 12 }), async (accountLimits, steps) => {
        run += 1;
        const fund = (await t.ledger.findAccountByCode(CURRENCY, 'fund'))!;
        const members = await Promise.all(
          accountLimits.map((limit, index) =>
            createMember(t.ledger, `prop-${process.pid}-${run}-${index}`, {
              creditLimit: money(limit.creditLimitCents),
              maximumBalance: limit.maximumBalanceCents === null ? null : money(limit.maximumBalanceCents),
            }),
          ),
        );
        const state: RunState = { accounts: [...members, fund], accepted: new Map(), pendings: [], reversible: [], sent: [] };
        const fundBefore = await t.ledger.getAccount(fund.id);

        for (const items of steps) {
          const batch: TransferBatchItem[] = [];
          for (const { operation, linked } of items) {
            if (operation.kind === 'expire') {
              t.clock.advanceSeconds(operation.seconds);
              await t.ledger.voidExpiredPendingTransfers();
              continue;
            }
            const request = toRequest(operation, state);
            if (request) batch.push({ ...request, linked });
          }
          if (batch.length === 0) continue;
          const results = await t.ledger.createTransfers(batch);
          results.forEach((result, index) => {
            const request = batch[index]!;
            const earlier = state.sent.find((sent) => sent.request.idempotencyKey === request.idempotencyKey);
            if (earlier?.result.ok && result.ok) {
              // Retried after success: the very same transfer, flagged as existing.
              expect(result.alreadyExisted).toBe(true);
              expect(result.transfer.id).toBe(earlier.result.transfer.id);
            }
            // A retry of a success succeeds again, unless its linked chain failed or stayed open.
            if (earlier?.result.ok && !result.ok) expect(['linked_event_failed', 'linked_event_chain_open']).toContain(result.code);
            if (result.ok) record(state, result.transfer);
            if (!earlier) state.sent.push({ request, result });
            else if (result.ok) earlier.result = result;
          });
          await expectWithinLimits(state);
        }

        // The run's accounts hold exactly what a serial replay of the accepted transfers gives. The
        // fund also takes part in other runs, so it is compared by its change during this run.
        // The fund starts this run with what earlier runs left, so its limit is checked by verifyLedger.
        const replay = new BalanceReplay(new Map([[CURRENCY, 2]]));
        for (const account of members) replay.applyLimits({ accountId: account.id, sequence: 0n, creditLimit: account.creditLimit, maximumBalance: account.maximumBalance });
        replay.applyLimits({ accountId: fund.id, sequence: 0n, creditLimit: new Decimal('1e14'), maximumBalance: null });
        const expiryVoids = (await t.ledger.listTransfers({ afterSequence: 0n, limit: 10_000 })).filter(
          (transfer) => transfer.kind === 'expiry' && state.pendings.some((pending) => pending.id === transfer.pendingId),
        );
        for (const transfer of expiryVoids) record(state, transfer);
        const ordered = [...state.accepted.values()].sort((left, right) => (left.sequence < right.sequence ? -1 : 1));
        for (const transfer of ordered) expect(replay.applyTransfer(transfer)).toBeNull();
        const accounts = await t.ledger.getAccounts(members.map((member) => member.id));
        for (const account of accounts) {
          const replayed = replay.countersOf(account.id);
          expect([account.debitsPosted, account.creditsPosted, account.debitsPending, account.creditsPending].map((value) => value.toFixed(2))).toEqual(
            [replayed.debitsPosted, replayed.creditsPosted, replayed.debitsPending, replayed.creditsPending].map((value) => value.toFixed(2)),
          );
        }
        const fundAfter = (await t.ledger.getAccount(fund.id))!;
        const fundReplayed = replay.countersOf(fund.id);
        expect(fundAfter.creditsPosted.minus(fundBefore!.creditsPosted).toFixed(2)).toBe(fundReplayed.creditsPosted.toFixed(2));
        expect(fundAfter.debitsPosted.minus(fundBefore!.debitsPosted).toFixed(2)).toBe(fundReplayed.debitsPosted.toFixed(2));

        const verification = await t.ledger.verifyLedger();
        if (!verification.ok) throw new Error(verification.problem.message);
      }),
      { numRuns: 100 },
    );
  });
});
