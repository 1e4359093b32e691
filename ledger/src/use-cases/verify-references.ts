// verifyReferences: transfers refer to their accounts, holds and originals without foreign keys (a
// key check per inserted row cost a quarter of the write throughput). This check finds the first
// transfer, in sequence order, whose references do not hold: accounts that do not exist or are in
// another currency, a post or void that does not match its hold, a reversal that does not go back
// along a reversible original or that, with the others, reverses more than it.
import { type ReferenceProblem } from '../store';
import { type LedgerContext } from './context';

export type ReferenceVerification =
  | { ok: true }
  | { ok: false; problem: { transferId: string; sequence: bigint; problem: ReferenceProblem; message: string } };

export async function verifyReferences(context: LedgerContext): Promise<ReferenceVerification> {
  const broken = await context.store.read.findFirstBrokenReference();
  if (!broken) return { ok: true };
  return {
    ok: false,
    problem: { ...broken, message: `Transfer ${broken.transferId} (sequence ${broken.sequence}) has a broken reference: ${broken.problem}` },
  };
}
