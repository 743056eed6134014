// SQL for background jobs: imports (in the core process), inference and training (in worker processes).
import type { Db } from '../db/open.js';
import type { Job, JobLane, JobState } from '../../contract/types.js';
import { nowIso } from './time.js';

interface JobRow {
  id: number;
  kind: string;
  lane: JobLane;
  state: JobState;
  params: string;
  progress: number;
  message: string | null;
  error: string | null;
  result: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    lane: r.lane,
    state: r.state,
    params: JSON.parse(r.params) as unknown,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
    attempts: r.attempts,
    progress: r.progress,
    message: r.message,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export function createJob(
  db: Db,
  kind: string,
  params: unknown,
  lane: JobLane = 'core',
  state: JobState = 'running',
): Job {
  const at = nowIso();
  const info = db
    .prepare('INSERT INTO jobs (kind, lane, state, params, created_at, started_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(kind, lane, state, JSON.stringify(params ?? {}), at, state === 'running' ? at : null);
  return findJob(db, Number(info.lastInsertRowid)) as Job;
}

export function findJob(db: Db, jobId: number): Job | undefined {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
  return row && toJob(row);
}

export function listJobs(db: Db, state?: JobState): Job[] {
  const rows = db
    .prepare('SELECT * FROM jobs WHERE (@state IS NULL OR state = @state) ORDER BY id')
    .all({ state: state ?? null }) as JobRow[];
  return rows.map(toJob);
}

/** The oldest queued job of a lane, if any. */
export function nextQueuedJob(db: Db, lane: JobLane): Job | undefined {
  const row = db
    .prepare("SELECT * FROM jobs WHERE lane = ? AND state = 'queued' ORDER BY id LIMIT 1")
    .get(lane) as JobRow | undefined;
  return row && toJob(row);
}

export function markJobRunning(db: Db, jobId: number): Job {
  db.prepare(
    "UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = coalesce(started_at, ?) WHERE id = ?",
  ).run(nowIso(), jobId);
  return findJob(db, jobId) as Job;
}

export function setJobState(db: Db, jobId: number, state: JobState, message?: string): Job {
  db.prepare('UPDATE jobs SET state = ?, message = coalesce(?, message) WHERE id = ?').run(
    state,
    message ?? null,
    jobId,
  );
  return findJob(db, jobId) as Job;
}

/** A resumed or restarted job gets its full number of attempts again. */
export function resetJobAttempts(db: Db, jobId: number): void {
  db.prepare('UPDATE jobs SET attempts = 0 WHERE id = ?').run(jobId);
}

export function setJobProgress(db: Db, jobId: number, progress: number, message: string): Job {
  db.prepare('UPDATE jobs SET progress = ?, message = ? WHERE id = ?').run(progress, message, jobId);
  return findJob(db, jobId) as Job;
}

export function finishJob(
  db: Db,
  jobId: number,
  state: 'done' | 'failed' | 'cancelled',
  error: string | null,
  message?: string,
  result?: unknown,
): Job {
  db.prepare(
    `UPDATE jobs SET state = ?, error = ?, message = coalesce(?, message), finished_at = ?, result = ?,
       progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END
     WHERE id = ?`,
  ).run(
    state,
    error,
    message ?? null,
    nowIso(),
    result === undefined ? null : JSON.stringify(result),
    state,
    jobId,
  );
  return findJob(db, jobId) as Job;
}

/**
 * At open, jobs a dead process left `running`: worker jobs go back to the queue (they resume, from their
 * last checkpoint where they have one); jobs of the core process itself (imports) are marked failed.
 */
export function recoverInterruptedJobs(db: Db): { requeued: number; failed: number } {
  const requeued = db
    .prepare(
      // attempts restart at 0: the application stopped, not the worker.
      "UPDATE jobs SET state = 'queued', attempts = 0, message = 'resuming after an interruption' WHERE state = 'running' AND lane != 'core'",
    )
    .run().changes;
  const failed = db
    .prepare(
      `UPDATE jobs SET state = 'failed', finished_at = ?,
         error = 'interrupted: the application stopped while this job was running'
       WHERE state IN ('running', 'queued') AND lane = 'core'`,
    )
    .run(nowIso()).changes;
  return { requeued, failed };
}
