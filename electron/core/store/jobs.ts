// SQL for background jobs (import now; training and inference later).
import type { Db } from '../db/open.js';
import type { Job, JobState } from '../../contract/types.js';
import { nowIso } from './time.js';

interface JobRow {
  id: number;
  kind: string;
  state: JobState;
  params: string;
  progress: number;
  message: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    progress: r.progress,
    message: r.message,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export function createJob(db: Db, kind: string, params: unknown, state: JobState = 'running'): Job {
  const at = nowIso();
  const info = db
    .prepare('INSERT INTO jobs (kind, state, params, created_at, started_at) VALUES (?, ?, ?, ?, ?)')
    .run(kind, state, JSON.stringify(params ?? {}), at, state === 'running' ? at : null);
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

export function setJobProgress(db: Db, jobId: number, progress: number, message: string): Job {
  db.prepare('UPDATE jobs SET progress = ?, message = ? WHERE id = ?').run(progress, message, jobId);
  return findJob(db, jobId) as Job;
}

export function finishJob(
  db: Db,
  jobId: number,
  state: JobState,
  error: string | null,
  message?: string,
): Job {
  db.prepare(
    `UPDATE jobs SET state = ?, error = ?, message = coalesce(?, message), finished_at = ?,
       progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END
     WHERE id = ?`,
  ).run(state, error, message ?? null, nowIso(), state, jobId);
  return findJob(db, jobId) as Job;
}

/** Jobs left running by a process that died: mark them failed so nobody waits on them. */
export function failInterruptedJobs(db: Db): number {
  const info = db
    .prepare(
      `UPDATE jobs SET state = 'failed', finished_at = ?,
         error = 'interrupted: the application stopped while this job was running'
       WHERE state IN ('running', 'queued')`,
    )
    .run(nowIso());
  return info.changes;
}
