// The batch decision on its own, without a database: chains, in-batch duplicates, holds.
import { type Currency } from './currency';
import { type DecisionItem, type TransferBatchFacts, decideTransfers } from './decide-transfers';
import { Decimal } from './money';
import { type Transfer } from './transfer';
import { type BatchAccount } from './units';

const currency: Currency = { code: 'TALER', name: 'Taler', symbol: 'T', scale: 2, createdAt: new Date(0) };
const now = new Date('2026-03-01T12:00:00Z');
const ids = {
  anna: '00000000-0000-4000-8000-00000000000a',
  ben: '00000000-0000-4000-8000-00000000000b',
  fund: '00000000-0000-4000-8000-00000000000f',
};

function account(id: string, creditLimit = '10', maximumBalance: string | null = null): BatchAccount {
  return {
    id,
    currency: 'TALER',
    status: 'open',
    creditLimit,
    maximumBalance,
    debitsPosted: '0',
    creditsPosted: '0',
    debitsPending: '0',
    creditsPending: '0',
  };
}

function facts(overrides: Partial<TransferBatchFacts> = {}): TransferBatchFacts {
  return {
    now,
    currencies: new Map([['TALER', currency]]),
    accounts: new Map([
      [ids.anna, account(ids.anna)],
      [ids.ben, account(ids.ben)],
      [ids.fund, account(ids.fund, '0')],
    ]),
    referencedTransfers: new Map(),
    transfersByKey: new Map(),
    resolutions: new Map(),
    reversedAmounts: new Map(),
    closedThrough: null,
    ...overrides,
  };
}

let counter = 0;
const newId = () => `10000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function pay(key: string, from: string, to: string, amount: string, linked = false): DecisionItem {
  return { type: 'immediate', idempotencyKey: key, debitAccountId: from, creditAccountId: to, currency: 'TALER', amount, kind: 'payment', linked };
}

function codes(decision: ReturnType<typeof decideTransfers>): string[] {
  return decision.outcomes.map((outcome) => (outcome.ok ? ('existing' in outcome || outcome.alreadyExisted ? 'exists' : 'ok') : outcome.code));
}

describe('decideTransfers', () => {
  it('undoes a failed linked chain whole and leaves the items around it alone', () => {
    const decision = decideTransfers(
      [
        pay('a', ids.anna, ids.ben, '4'),
        pay('b', ids.anna, ids.ben, '3', true),
        pay('c', ids.anna, ids.fund, '1', true),
        pay('d', ids.anna, ids.ben, '5'),
        pay('e', ids.anna, ids.ben, '6'),
      ],
      facts(),
      newId,
    );
    expect(codes(decision)).toEqual(['ok', 'linked_event_failed', 'linked_event_failed', 'exceeds_credit_limit', 'ok']);
    expect(decision.newTransfers.map((t) => t.idempotencyKey)).toEqual(['a', 'e']);
    const anna = decision.balanceChanges.find((change) => change.accountId === ids.anna)!;
    expect(anna.change.debitsPosted).toBe(1000n);
    expect(anna.scale).toBe(2);
  });

  it('fails a chain left open at the end of the batch', () => {
    const decision = decideTransfers([pay('a', ids.anna, ids.ben, '1'), pay('b', ids.anna, ids.ben, '1', true), pay('c', ids.anna, ids.ben, '1', true)], facts(), newId);
    expect(codes(decision)).toEqual(['ok', 'linked_event_failed', 'linked_event_chain_open']);
  });

  it('treats a repeated key in one batch as the same transfer, or as reuse when the content differs', () => {
    const decision = decideTransfers([pay('a', ids.anna, ids.ben, '1'), pay('a', ids.anna, ids.ben, '1.00'), pay('a', ids.anna, ids.ben, '2')], facts(), newId);
    expect(codes(decision)).toEqual(['ok', 'exists', 'idempotency_key_reused']);
    expect(decision.newTransfers).toHaveLength(1);
  });

  it('counts holds against the available balance and releases them on post', () => {
    const hold: Transfer = {
      id: '20000000-0000-4000-8000-000000000001',
      sequence: 1n,
      idempotencyKey: 'hold',
      type: 'pending',
      debitAccountId: ids.anna,
      creditAccountId: ids.ben,
      currency: 'TALER',
      amount: new Decimal('8'),
      pendingId: null,
      reversalOfId: null,
      timeoutSeconds: null,
      expiresAt: null,
      kind: 'escrow',
      memo: '',
      reference: null,
      createdAt: now,
    };
    const anna = { ...account(ids.anna), debitsPending: '8.00' };
    const ben = { ...account(ids.ben), creditsPending: '8' };
    const decision = decideTransfers(
      [
        pay('x', ids.anna, ids.fund, '3'),
        { type: 'post', idempotencyKey: 'p', pendingId: hold.id, amount: '5' },
        pay('y', ids.anna, ids.fund, '3'),
        { type: 'void', idempotencyKey: 'v', pendingId: hold.id },
      ],
      facts({ accounts: new Map([[ids.anna, anna], [ids.ben, ben], [ids.fund, account(ids.fund, '0')]]), referencedTransfers: new Map([[hold.id, hold]]) }),
      newId,
    );
    expect(codes(decision)).toEqual(['exceeds_credit_limit', 'ok', 'ok', 'pending_already_posted']);
    expect(decision.pendingsResolved).toEqual([hold.id]);
    const annaChange = decision.balanceChanges.find((change) => change.accountId === ids.anna)!.change;
    expect([annaChange.debitsPosted, annaChange.debitsPending]).toEqual([800n, -800n]);
  });
});
