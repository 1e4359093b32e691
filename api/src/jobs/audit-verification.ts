// Runs one verification of the ledger that an accountant started (api/src/audit/verification.ts).
import { markLedgerVerificationFailed, runLedgerVerification } from '../audit/verification-run';
import { defineJob } from './definition';

export interface AuditVerificationPayload {
  verificationId: string;
}

const attempts = 2;

export const auditVerification = defineJob<AuditVerificationPayload>({
  name: 'audit-verification',
  attempts,
  backoffMs: 5_000,
  timeoutMs: 30 * 60_000,
  async handle({ verificationId }, { prisma, ledger, logger, attempt, signal }) {
    try {
      await runLedgerVerification({ prisma, ledger, signal }, verificationId);
      logger.info({ verificationId }, 'verified the ledger');
    } catch (error) {
      if (attempt >= attempts) await markLedgerVerificationFailed(prisma, verificationId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  },
});
