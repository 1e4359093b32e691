// Coalesces single requests from many concurrent callers into batches, as TigerBeetle's clients do
// with transfers: while a batch is in flight the next one accumulates, so the cost of a commit and of
// a hot row lock is paid once per batch instead of once per request. Each caller gets the result of
// its own item. The ledger coalesces single transfers with it (items of one batch are independent,
// never linked to each other); callers may coalesce their own units of work the same way.
import { type TransferResult } from './domain/transfer-results';
import { type TransferRequest } from './domain/transfer';

export interface CoalescerOptions {
  /** Most items in one batch, i.e. one database transaction. Default 1000. */
  batchSizeMaximum?: number;
  /**
   * Most batches in flight at once. Default 2: with 32 callers on PostgreSQL on a quiet 2-core machine,
   * 2 in flight gave the most transfers per second and the least CPU per transfer (3 and 4 less, 8
   * a third as many): fewer batches in flight make each batch larger, so the fixed cost of a
   * transaction and of a hot account's lock is shared by more transfers. PGlite runs batches one
   * after the other anyway.
   */
  flushesConcurrentMaximum?: number;
}

interface Waiting<Request, Result> {
  request: Request;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export class Coalescer<Request, Result> {
  private readonly batchSizeMaximum: number;
  private readonly flushesConcurrentMaximum: number;
  private queue: Waiting<Request, Result>[] = [];
  private flushesInFlight = 0;
  private flushScheduled = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly submitBatch: (requests: readonly Request[]) => Promise<Result[]>,
    options: CoalescerOptions = {},
  ) {
    this.batchSizeMaximum = options.batchSizeMaximum ?? 1000;
    this.flushesConcurrentMaximum = options.flushesConcurrentMaximum ?? 2;
    if (!Number.isInteger(this.batchSizeMaximum) || this.batchSizeMaximum < 1) throw new RangeError('batchSizeMaximum must be a positive integer');
    if (!Number.isInteger(this.flushesConcurrentMaximum) || this.flushesConcurrentMaximum < 1) {
      throw new RangeError('flushesConcurrentMaximum must be a positive integer');
    }
  }

  /** Queues one request; resolves with its own result once its batch is done. */
  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or in flight. */
  drain(): Promise<void> {
    if (this.queue.length === 0 && this.flushesInFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.flushesInFlight >= this.flushesConcurrentMaximum) return;
    if (this.queue.length >= this.batchSizeMaximum) {
      this.flush();
      return;
    }
    if (this.flushScheduled) return;
    // Wait for the rest of this turn of the event loop, so that calls made together go together.
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      while (this.queue.length > 0 && this.flushesInFlight < this.flushesConcurrentMaximum) this.flush();
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.batchSizeMaximum);
    this.flushesInFlight += 1;
    let results: Promise<Result[]>;
    try {
      results = this.submitBatch(batch.map((waiting) => waiting.request));
    } catch (error) {
      results = Promise.reject(error);
    }
    results
      .then(
        (batchResults) => {
          batch.forEach((waiting, index) => {
            const result = batchResults[index];
            if (result) waiting.resolve(result);
            else waiting.reject(new Error('The batch returned fewer results than items'));
          });
        },
        (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
      )
      .finally(() => {
        this.flushesInFlight -= 1;
        // What accumulated while this batch was in flight goes out at once.
        while (this.queue.length > 0 && this.flushesInFlight < this.flushesConcurrentMaximum) this.flush();
        if (this.queue.length === 0 && this.flushesInFlight === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
  }
}

export type TransferCoalescerOptions = CoalescerOptions;

/** The ledger's coalescer of single transfers. */
export class TransferCoalescer extends Coalescer<TransferRequest, TransferResult> {
  override submit(request: TransferRequest): Promise<TransferResult> {
    if ((request as { linked?: unknown }).linked) {
      throw new TypeError('Single transfers are never linked; send a linked chain through createTransfers');
    }
    return super.submit(request);
  }
}
