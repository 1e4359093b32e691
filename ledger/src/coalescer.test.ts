// The coalescing client without a database: batching, bounds, per-caller results and errors.
import { TransferCoalescer } from './coalescer';
import { type TransferResult } from './domain/transfer-results';
import { type TransferRequest } from './domain/transfer';

function request(key: string): TransferRequest {
  return { type: 'void', idempotencyKey: key, pendingId: '00000000-0000-4000-8000-000000000000' };
}

/** A batch submitter whose batches finish only when the test says so. */
function controlledSubmitter() {
  const batches: Array<{ keys: string[]; finish: () => void; fail: (error: Error) => void }> = [];
  const submit = (requests: readonly TransferRequest[]) =>
    new Promise<TransferResult[]>((resolve, reject) => {
      batches.push({
        keys: requests.map((item) => item.idempotencyKey),
        finish: () => resolve(requests.map((item) => ({ ok: false, code: item.idempotencyKey === 'bad' ? 'amount_invalid' : 'pending_not_found' }))),
        fail: reject,
      });
    });
  return { batches, submit };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TransferCoalescer', () => {
  it('sends calls made together as one batch and accumulates the next while it is in flight', async () => {
    const { batches, submit } = controlledSubmitter();
    const coalescer = new TransferCoalescer(submit, { flushesConcurrentMaximum: 1 });
    const first = [coalescer.submit(request('a')), coalescer.submit(request('bad'))];
    await tick();
    const second = [coalescer.submit(request('c')), coalescer.submit(request('d')), coalescer.submit(request('e'))];
    await tick();
    expect(batches.map((batch) => batch.keys)).toEqual([['a', 'bad']]);
    batches[0]!.finish();
    expect(await Promise.all(first)).toEqual([
      { ok: false, code: 'pending_not_found' },
      { ok: false, code: 'amount_invalid' },
    ]);
    await tick();
    expect(batches.map((batch) => batch.keys)).toEqual([['a', 'bad'], ['c', 'd', 'e']]);
    batches[1]!.finish();
    await Promise.all(second);
    await coalescer.drain();
  });

  it('keeps batches within the size bound and the number of flushes within its bound', async () => {
    const { batches, submit } = controlledSubmitter();
    const coalescer = new TransferCoalescer(submit, { batchSizeMaximum: 2, flushesConcurrentMaximum: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((key) => coalescer.submit(request(key)));
    await tick();
    expect(batches.map((batch) => batch.keys)).toEqual([['a', 'b'], ['c', 'd']]);
    batches[0]!.finish();
    await tick();
    expect(batches.map((batch) => batch.keys)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    batches[1]!.finish();
    batches[2]!.finish();
    expect((await Promise.all(all)).length).toBe(5);
  });

  it('rejects every caller of a batch that failed, and goes on with the next', async () => {
    const { batches, submit } = controlledSubmitter();
    const coalescer = new TransferCoalescer(submit, { flushesConcurrentMaximum: 1 });
    const failing = [coalescer.submit(request('a')), coalescer.submit(request('b'))];
    await tick();
    const later = coalescer.submit(request('c'));
    batches[0]!.fail(new Error('connection lost'));
    await expect(Promise.all(failing)).rejects.toThrow('connection lost');
    await tick();
    batches[1]!.finish();
    expect(await later).toEqual({ ok: false, code: 'pending_not_found' });
  });

  it('refuses linked single transfers and nonsense bounds', () => {
    const coalescer = new TransferCoalescer(async () => []);
    expect(() => coalescer.submit({ ...request('a'), linked: true } as unknown as TransferRequest)).toThrow(TypeError);
    expect(() => new TransferCoalescer(async () => [], { batchSizeMaximum: 0 })).toThrow(RangeError);
  });
});
