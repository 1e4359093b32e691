// Writes one ledger export that an accountant asked for (api/src/audit/exports.ts). Added with the
// export's id as job key, so a repeated request never runs two writers of one file at once; a rerun
// after a crash writes the file again from the start.
import { markLedgerExportFailed, runLedgerExport } from '../audit/exports-run';
import { defineJob } from './definition';

export interface AuditExportPayload {
  exportId: string;
}

const attempts = 3;

export const auditExport = defineJob<AuditExportPayload>({
  name: 'audit-export',
  attempts,
  backoffMs: 5_000,
  timeoutMs: 30 * 60_000,
  async handle({ exportId }, { prisma, ledger, config, logger, attempt, signal }) {
    try {
      await runLedgerExport({ prisma, ledger, exportsDir: config.exportsDir, signal }, exportId);
      logger.info({ exportId }, 'wrote ledger export');
    } catch (error) {
      if (attempt >= attempts) await markLedgerExportFailed(prisma, exportId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  },
});
