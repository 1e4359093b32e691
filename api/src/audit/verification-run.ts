// The work of the audit-verification job: seal, verify the ledger and its references, read the chain
// head, with the steps done on the AuditVerification row.
import type { Ledger, LedgerProblem } from '@allmende/ledger';
import type { PrismaClient } from '../db/client';

/** The steps of a run, in order; stepsDone counts the finished ones. */
export const VERIFICATION_STEPS = ['seal', 'ledger', 'references', 'chain_head'] as const;

/** Blocks sealed by one run before it verifies; a larger backlog is left to the sealing job. */
const sealBlocksMaximum = 1_000;

/** A sentence naming the first broken item (ids only, no balances). */
export function describeLedgerProblem(problem: LedgerProblem): string {
  switch (problem.check) {
    case 'zero_sum':
      return `The balances of ${problem.currency} do not sum to zero.`;
    case 'cached_balance':
      return `The cached balance of account ${problem.accountId} does not match its transfers.`;
    case 'open_pending':
      return `The open-hold bookkeeping is wrong for transfer ${problem.transferId}.`;
    case 'limits':
      return `Transfer ${problem.violation.transferId} took account ${problem.violation.accountId} beyond its limits.`;
    case 'chain':
      return `The hash chain is broken at block ${problem.chain.blockNumber}${problem.chain.transferId ? ` (transfer ${problem.chain.transferId})` : ''}.`;
  }
}

/** Runs the checks; idempotent (a finished run is left alone, a repeated one checks again). */
export async function runLedgerVerification(services: { prisma: PrismaClient; ledger: Ledger; signal?: AbortSignal }, verificationId: string): Promise<void> {
  const { prisma, ledger } = services;
  const row = await prisma.auditVerification.findUnique({ where: { id: verificationId } });
  if (!row || row.status === 'done') return;
  const step = async (stepsDone: number) => {
    if (services.signal?.aborted) throw new Error('The verification was stopped');
    await prisma.auditVerification.update({ where: { id: row.id }, data: { stepsDone } });
  };
  await prisma.auditVerification.update({ where: { id: row.id }, data: { status: 'running', stepsDone: 0, failure: null } });
  await ledger.sealBlocks({ blocksMaximum: sealBlocksMaximum });
  await step(1);
  const verification = await ledger.verifyLedger();
  await step(2);
  const references = verification.ok ? await ledger.verifyReferences() : null;
  await step(3);
  const chain = await ledger.verifyChain();
  const head = chain.ok ? chain.head : null;
  const problem = !verification.ok
    ? describeLedgerProblem(verification.problem)
    : references && !references.ok
      ? `Transfer ${references.problem.transferId} has a broken reference (${references.problem.problem}).`
      : null;
  await prisma.auditVerification.update({
    where: { id: row.id },
    data: {
      status: 'done',
      stepsDone: VERIFICATION_STEPS.length,
      ok: problem === null,
      problem,
      ...(verification.ok
        ? {
            transfers: verification.summary.transfers,
            accounts: verification.summary.accounts,
            blocks: verification.summary.blocks,
            unsealedTransfers: verification.summary.unsealedTransfers,
          }
        : {}),
      blockNumber: head ? head.lastBlockNumber : null,
      blockHash: head && head.lastBlockNumber > 0n ? head.lastHash : null,
      finishedAt: new Date(),
    },
  });
}

export async function markLedgerVerificationFailed(prisma: PrismaClient, verificationId: string, failure: string): Promise<void> {
  await prisma.auditVerification.updateMany({
    where: { id: verificationId, status: { not: 'done' } },
    data: { status: 'failed', failure: failure.slice(0, 500), finishedAt: new Date() },
  });
}
