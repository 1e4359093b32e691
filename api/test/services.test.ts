// The composition root: the jobs of a process run with the services it built once (one ledger, one
// mailer), and stopping it drains that ledger.
import type { Ledger } from '@allmende/ledger';
import type { Mailer } from '../src/mail/mailer';
import { defineJob, type JobContext } from '../src/jobs';
import { createTestServices } from './support/services';

describe('createServices', () => {
  it('runs jobs with the one ledger and mailer of the process and drains that ledger on close', async () => {
    let seen: { ledger: Ledger; mailer: Mailer } | undefined;
    const probe = defineJob<Record<string, never>>({
      name: 'services-probe',
      attempts: 1,
      backoffMs: 0,
      async handle(_payload, context: JobContext) {
        seen = { ledger: context.ledger, mailer: context.mailer };
      },
    });
    const services = await createTestServices({}, { jobDefinitions: [probe] });
    const drain = jest.spyOn(services.ledger, 'drain');
    try {
      await services.jobs.add(probe, {});
      await services.jobs.startWorkers();
      const deadline = Date.now() + 30_000;
      while (!seen && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen?.ledger).toBe(services.ledger);
      expect(seen?.mailer).toBe(services.mailer);
    } finally {
      await services.close();
    }
    expect(drain).toHaveBeenCalledTimes(1);
  });
});
