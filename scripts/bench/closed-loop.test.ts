import { runClosedLoop } from './closed-loop';

/** A clock that only moves when a call takes its (simulated) time, so the counts are exact. */
function simulatedClock() {
  let now = 0;
  return {
    clock: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('runClosedLoop', () => {
  it('counts only the calls that start after the warm-up and end inside the window', async () => {
    const time = simulatedClock();
    const result = await runClosedLoop({
      callers: 1,
      warmUpMs: 100,
      measureMs: 1_000,
      clock: time.clock,
      call: async () => {
        time.advance(10);
        return { ok: true };
      },
    });
    expect(result.calls).toBe(100);
    expect(result.requestsPerSecond).toBe(100);
    expect(result.p50Ms).toBe(10);
    expect(result.p99Ms).toBe(10);
    expect(result.failures).toBe(0);
  });

  it('drops a call that runs past the end of the window', async () => {
    const time = simulatedClock();
    const result = await runClosedLoop({
      callers: 1,
      warmUpMs: 0,
      measureMs: 25,
      clock: time.clock,
      call: async () => {
        time.advance(10);
        return { ok: true };
      },
    });
    expect(result.calls).toBe(2);
  });

  it('adds up units and failures by reason', async () => {
    const time = simulatedClock();
    let count = 0;
    const result = await runClosedLoop({
      callers: 2,
      warmUpMs: 0,
      measureMs: 60,
      clock: time.clock,
      call: async () => {
        count += 1;
        time.advance(5);
        return count % 3 === 0 ? { ok: false, failure: 'out_of_stock' } : { ok: true, units: 2 };
      },
    });
    expect(result.calls).toBe(12);
    expect(result.failures).toBe(4);
    expect(result.failureReasons).toEqual({ out_of_stock: 4 });
    // 8 successful calls of 2 units in 0.06 s.
    expect(result.unitsPerSecond).toBe(266.7);
  });
});
