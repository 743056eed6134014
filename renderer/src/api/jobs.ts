// Reading the loosely typed parts of a Job (its params and result are plain JSON) and its life cycle.
import type { Job } from '../../../electron/contract/types.js';

function field(x: unknown, key: string): unknown {
  return typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[key] : undefined;
}

/** The case a job works on, from its params. */
export function jobCaseId(job: Job): number | null {
  const v = field(job.params, 'caseId');
  return typeof v === 'number' ? v : null;
}

/** The label version a proposal job saved, from its result. */
export function resultVersionId(job: Job): number | null {
  const v = field(job.result, 'labelVersionId');
  return typeof v === 'number' ? v : null;
}

/** The model a job used or produced, from its result (else its params). */
export function jobModelId(job: Job): string | null {
  const v = field(job.result, 'modelId') ?? field(job.params, 'modelId');
  return typeof v === 'string' ? v : null;
}

/** Queued or running: the job will still change by itself. */
export function isRunning(job: Job | null): boolean {
  return job !== null && (job.state === 'queued' || job.state === 'running');
}

/** Not finished yet (a paused job can be resumed). */
export function isUnfinished(job: Job | null): boolean {
  return isRunning(job) || job?.state === 'paused';
}

/** Keeps whichever copy of the same job is further along (events and answers may arrive out of order). */
export function newerJob(current: Job | null, incoming: Job): Job {
  if (!current || current.id !== incoming.id) return incoming;
  const finished = (j: Job) => !isUnfinished(j);
  if (finished(current) && !finished(incoming)) return current;
  return incoming;
}

/** "12 s", "3 min 20 s", "1 h 05 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(s / 3600);
  return `${h} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
