// Waiting for background jobs in tests.
import type { Core } from '../../electron/core/create-core.js';
import type { Job } from '../../electron/contract/types.js';

/** Resolves with the job once the core reports it finished (subscribe before the job can end). */
export function finished(core: Core, jobId: number): Promise<Job> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe('job.finished', ({ job }) => {
      if (job.id === jobId) {
        stop();
        resolve(job);
      }
    });
  });
}
