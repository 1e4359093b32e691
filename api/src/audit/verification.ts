// The verification page's runs: an accountant starts one, the audit-verification job seals what is
// finished into the hash chain, then checks the whole ledger (zero sum, cached balances, open holds,
// limits, hash chain) and every transfer's references, step by step with its progress on the
// AuditVerification row, and records the latest sealed block and its hash. Starting a run is
// recorded in the audit log in the transaction that creates the row.
import type { AuditVerification } from '../../../prisma/generated/client/client';
import type { PrismaClient } from '../db/client';
import type { JobQueue } from '../jobs/backend';
import { auditVerification } from '../jobs/audit-verification';
import { recordAuditEvent } from './audit-log';

export { VERIFICATION_STEPS } from './verification-run';

export async function startLedgerVerification(services: { prisma: PrismaClient; jobs: JobQueue }, accountant: { id: string }): Promise<AuditVerification> {
  const row = await services.prisma.$transaction(async (transaction) => {
    const created = await transaction.auditVerification.create({ data: { requestedById: accountant.id } });
    await recordAuditEvent(transaction, { actorId: accountant.id, action: 'ledger_verification_requested', subjectType: 'verification', subjectId: created.id });
    return created;
  });
  await services.jobs.add(auditVerification, { verificationId: row.id }, { jobKey: row.id });
  return row;
}

