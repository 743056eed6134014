// A complete Job record for unit tests, with the fields a test cares about overridden (tests only).
import type { Job } from '../../../electron/contract/types.js';

export function fakeJob(fields: Partial<Job> & Pick<Job, 'id' | 'kind' | 'lane'>): Job {
  return {
    state: 'queued',
    params: {},
    result: null,
    attempts: 1,
    progress: 0,
    message: null,
    error: null,
    createdAt: '',
    startedAt: null,
    finishedAt: null,
    ...fields,
  };
}
