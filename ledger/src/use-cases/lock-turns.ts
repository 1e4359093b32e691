// Within one process, batches that insert their transfers before locking their accounts take the
// locks in the order of their sequence blocks, smallest first. A batch with a smaller block that
// locked later would find an account already carrying a later block, and would have to run again;
// queueing here instead costs nothing. The order is only a help: a batch in another process, or one
// that registered late, may still come first, and the counter update refuses that case anyway. A
// wait is bounded, because the batch being waited for may itself wait in the database for this one
// (the same idempotency key in both): after the bound, the batch goes ahead.
export class LockTurns {
  /** Blocks of batches that reserved a block and have not taken their locks yet. */
  private readonly unlocked = new Set<bigint>();
  private readonly waiters = new Set<{ block: bigint; wake: () => void }>();

  constructor(private readonly waitMaximumMs: number) {}

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
