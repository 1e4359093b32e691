// Writes one member's data export (see my-data/run-data-export.ts). Added when the member asks, with
// the export's id as job key, so a request is queued once; the web page polls the progress.
import { markDataExportFailed, runDataExport } from '../my-data/run-data-export';
import { defineJob } from './definition';

export interface MyDataExportPayload {
  exportId: string;
}

const attempts = 3;

export const myDataExport = defineJob<MyDataExportPayload>({
  name: 'my-data-export',
  attempts,
  backoffMs: 10_000,
  timeoutMs: 10 * 60_000,
  async handle({ exportId }, context) {
    try {
      const outcome = await runDataExport(context, exportId, { signal: context.signal });
      context.logger.info({ exportId, outcome }, 'member data export');
    } catch (error) {
      if (context.attempt >= attempts) await markDataExportFailed(context.prisma, exportId);
      throw error;
    }
  },
});
