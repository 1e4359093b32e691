// Every job both processes know. A feature adds its definition to jobDefinitions, and a repeating job
// its schedule to scheduleRepeatingJobs.
import type { JobDefinition } from './definition';
import type { JobQueue } from './queue';
import { sessionCleanup, sessionCleanupEveryMs } from './session-cleanup';

export { defineJob, type JobContext, type JobDefinition } from './definition';
export { createJobQueue, type AddJobOptions, type JobQueue, type JobQueueOptions } from './queue';
export { sessionCleanup } from './session-cleanup';

export const jobDefinitions: JobDefinition<unknown>[] = [sessionCleanup];

/** Registers the repeating jobs; safe on every start, since a repeat is stored once per job name. */
export async function scheduleRepeatingJobs(queue: JobQueue): Promise<void> {
  await queue.repeat(sessionCleanup, {}, sessionCleanupEveryMs);
}
