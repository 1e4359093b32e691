import { Decimal } from './money';
import { GENESIS_HASH, blockHash, buildBlock, canonicalTransfer, comparePositions, transferDigest } from './hash-chain';
import { type Transfer } from './transfer';

const transfer: Transfer & { xid: string } = {
  id: '20000000-0000-4000-8000-000000000001',
  sequence: 7n,
  xid: '900',
  idempotencyKey: 'key',
  type: 'immediate',
  debitAccountId: '00000000-0000-4000-8000-00000000000a',
  creditAccountId: '00000000-0000-4000-8000-00000000000b',
  currency: 'TALER',
  amount: new Decimal('12.50'),
  pendingId: null,
  reversalOfId: null,
  timeoutSeconds: null,
  expiresAt: null,
  kind: 'payment',
  memo: 'Äpfel',
  reference: null,
  createdAt: new Date('2026-03-01T12:00:00.123Z'),
};

describe('hash chain', () => {
  it('serialises a transfer canonically, independent of trailing zeros', () => {
    expect(canonicalTransfer(transfer)).toContain('"12.5"');
    expect(transferDigest({ ...transfer, amount: new Decimal('12.5') })).toEqual(transferDigest(transfer));
    expect(transferDigest({ ...transfer, memo: 'Apfel' })).not.toEqual(transferDigest(transfer));
  });

  it('links each block to the previous hash', () => {
    const first = buildBlock({ lastBlockNumber: 0n, lastHash: GENESIS_HASH, last: { xid: '0', sequence: 0n } }, [transfer], new Date());
    expect(first.number).toBe(1n);
    expect(first.previousHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(blockHash(1n, GENESIS_HASH, first.transferDigests));
    const second = buildBlock({ lastBlockNumber: 1n, lastHash: first.hash, last: first.last }, [{ ...transfer, sequence: 8n }], new Date());
    expect(second.previousHash).toBe(first.hash);
    expect(blockHash(2n, GENESIS_HASH, second.transferDigests)).not.toBe(second.hash);
  });

  it('orders positions by transaction id, then sequence, numerically', () => {
    expect(comparePositions({ xid: '9', sequence: 5n }, { xid: '10', sequence: 1n })).toBe(-1);
    expect(comparePositions({ xid: '10', sequence: 2n }, { xid: '10', sequence: 1n })).toBe(1);
  });
});
