// The order in which one process's insert-first batches take their account locks.
import { LockTurns } from './lock-turns';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LockTurns', () => {
  it('lets a batch lock only after every registered smaller block has locked or given up', async () => {
    const turns = new LockTurns(60_000);
    turns.register(10n);
    turns.register(20n);
    turns.register(30n);
    const order: bigint[] = [];
    const thirty = turns.turn(30n).then(() => order.push(30n));
    const twenty = turns.turn(20n).then(() => order.push(20n));
    await turns.turn(10n);
    order.push(10n);
    await tick();
    expect(order).toEqual([10n]);
    turns.release(10n);
    await twenty;
    await tick();
    expect(order).toEqual([10n, 20n]);
    turns.release(20n);
    await thirty;
    expect(order).toEqual([10n, 20n, 30n]);
  });

  it('does not wait for larger blocks, and goes ahead after the bound', async () => {
    const turns = new LockTurns(20);
    turns.register(5n);
    turns.register(9n);
    await turns.turn(9n).then(() => undefined);
    turns.release(5n);
    turns.register(1n);
    const started = Date.now();
    await turns.turn(2n);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('claims all of a batch\'s keys or none, and frees them on release', () => {
    const turns = new LockTurns(60_000);
    expect(turns.claimKeys(['a', 'b'])).toBe(true);
    expect(turns.claimKeys(['c', 'b'])).toBe(false);
    // Nothing of the refused claim was kept.
    expect(turns.claimKeys(['c'])).toBe(true);
    turns.releaseKeys(['a', 'b']);
    expect(turns.claimKeys(['b', 'a'])).toBe(true);
  });
});
