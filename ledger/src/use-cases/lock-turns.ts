// Within one process, batches that insert their transfers before locking their accounts take the
// locks in the order of their sequence blocks, smallest first. A batch with a smaller block that
// locked later would find an account already carrying a later block, and would have to run again;
// queueing here instead costs nothing. The order is only a help: a batch in another process, or one
// that registered late, may still come first, and the counter update refuses that case anyway.
//
// Waiting is safe only if the batch waited for cannot be waiting in the database for the waiting one.
// An insert waits for another transaction only on a unique index: the same idempotency key in both
// (ids are fresh UUIDs). So a batch inserts first only after claiming its keys, and one whose key a
// batch of this process holds goes locks first instead. Then waits end as soon as the smaller blocks
// have locked, however long that takes under load; the bound only breaks cycles across processes.
export class LockTurns {
  /** Blocks of batches that reserved a block and have not taken their locks yet. */
  private readonly unlocked = new Set<bigint>();
  private readonly waiters = new Set<{ block: bigint; wake: () => void }>();
  /** Idempotency keys of this process's batches that insert first, until their unit of work ends. */
  private readonly claimedKeys = new Set<string>();

  constructor(private readonly waitMaximumMs: number) {}

  /** Claims all of a batch's keys, or none if another batch holds one of them. */
  claimKeys(keys: readonly string[]): boolean {
    if (keys.some((key) => this.claimedKeys.has(key))) return false;
    for (const key of keys) this.claimedKeys.add(key);
    return true;
  }

  releaseKeys(keys: readonly string[]): void {
    for (const key of keys) this.claimedKeys.delete(key);
  }

  register(block: bigint): void {
    this.unlocked.add(block);
  }

  /** Resolves when no registered smaller block is left, or after the bound. */
  async turn(block: bigint): Promise<void> {
    if (!this.anySmaller(block)) return;
    await new Promise<void>((resolve) => {
      const waiter = {
        block,
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, this.waitMaximumMs);
      this.waiters.add(waiter);
    });
  }

  /** The batch holds its locks, or gave up. */
  release(block: bigint): void {
    if (!this.unlocked.delete(block)) return;
    for (const waiter of [...this.waiters]) if (!this.anySmaller(waiter.block)) waiter.wake();
  }

  private anySmaller(block: bigint): boolean {
    for (const other of this.unlocked) if (other < block) return true;
    return false;
  }
}
