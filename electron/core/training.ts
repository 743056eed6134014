// Training from the contract: start a run (one training job per project at a time), its per-step history for the
// charts (read from the run's progress log, so a reload shows it again), and which backend the ML workers use.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CoreError } from '../contract/errors.js';
import type { Args } from '../contract/methods.js';
import type { BackendInfo, Job, TrainingHistory, TrainingPoint } from '../contract/types.js';
import type { CoreContext } from './context.js';
import { jobDir } from './jobs/job-files.js';
import { buildSnapshot } from './jobs/train-snapshot.js';
import { findJob, listJobs } from './store/jobs.js';
import { getMeta, getSettings, setMeta } from './store/settings.js';

const MAX_POINTS = 4000;
const BACKEND_META = 'ml.backend';

export function startTraining(ctx: CoreContext, a: Args<'training.start'>): Job {
  const busy = listJobs(ctx.db).find(
    (j) => j.kind === 'train' && (j.state === 'queued' || j.state === 'running' || j.state === 'paused'),
  );
  if (busy)
    throw new CoreError(
      'conflict',
      `training job ${busy.id} is ${busy.state}; one training job per project at a time (cancel it or let it finish)`,
      { jobId: busy.id },
    );
  // Fail now, not in the worker, when there is nothing to train on.
  buildSnapshot(ctx, a.target);
  const { author, ...rest } = a;
  return ctx.jobs.enqueue('train', { ...rest, author: author ?? getSettings(ctx.db).author });
}

export function trainingHistory(ctx: CoreContext, jobId: number): TrainingHistory {
  const job = findJob(ctx.db, jobId);
  if (!job) throw new CoreError('not-found', `job ${jobId} does not exist`);
  if (job.kind !== 'train')
    throw new CoreError('invalid-input', `job ${jobId} is a ${job.kind} job, not training`);
  const dir = jobDir(ctx.dir, jobId);
  const file = join(dir, 'progress.jsonl');
  const backendFile = join(dir, 'backend.txt');
  const backend = existsSync(backendFile) ? readFileSync(backendFile, 'utf8').trim() : null;
  if (!existsSync(file)) return { jobId, points: [], backend };
  // A resumed run repeats the steps after its last checkpoint: keep the latest record of each (stage, iteration).
  const byKey = new Map<string, TrainingPoint>();
  const lastOfStage = new Map<string, TrainingPoint>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let x: Partial<TrainingPoint> & { epoch?: number };
    try {
      x = JSON.parse(line) as typeof x;
    } catch {
      continue; // a line cut short by a killed worker
    }
    if (x.valPseudoDice !== undefined && x.iteration === undefined) {
      const last = x.stage ? lastOfStage.get(x.stage) : undefined;
      if (last) last.valPseudoDice = x.valPseudoDice;
    } else if (x.stage && typeof x.iteration === 'number') {
      const key = `${x.stage}:${x.iteration}`;
      byKey.delete(key);
      byKey.set(key, x as TrainingPoint);
      lastOfStage.set(x.stage, x as TrainingPoint);
    }
  }
  let points = [...byKey.values()];
  if (points.length > MAX_POINTS) {
    const step = points.length / MAX_POINTS;
    points = Array.from({ length: MAX_POINTS }, (_, i) => points[Math.floor(i * step)]!);
  }
  return { jobId, points, backend };
}

/** Remembers what a worker reported (called when a worker result arrives). */
export function recordBackend(ctx: CoreContext, description: string): void {
  setMeta(ctx.db, BACKEND_META, description);
}

export function parseBackend(description: string, predicted = false): BackendInfo {
  const name = (['tensorflow', 'wasm', 'cpu'] as const).find((n) => description.startsWith(n)) ?? 'cpu';
  return {
    name,
    gpu: name === 'tensorflow' && description.includes('tfjs-node-gpu'),
    description: predicted ? `${description} (expected; no ML job has run yet)` : description,
  };
}

/**
 * The backend the last worker used; before any ran, what the installed packages predict: a native TensorFlow
 * package counts only when its native addon is there (without it the worker falls back to wasm).
 */
export function backendInfo(ctx: CoreContext): BackendInfo {
  const seen = getMeta(ctx.db, BACKEND_META);
  if (seen) return parseBackend(seen);
  const missing: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    const state = nativePackageState(pkg);
    if (state === 'ready') return parseBackend(`tensorflow via ${pkg}`, true);
    missing.push(`${pkg}: ${state}`);
  }
  return parseBackend(`wasm (tensorflow: ${missing.join('; ')})`, true);
}

function nativePackageState(pkg: string): 'ready' | 'not installed' | 'installed without its native addon' {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return 'not installed';
  }
  return hasFile(join(dir, 'lib'), 'tfjs_binding.node', 3) ? 'ready' : 'installed without its native addon';
}

function hasFile(dir: string, name: string, depth: number): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some(
    (e) =>
      (e.isFile() && e.name === name) ||
      (e.isDirectory() && depth > 0 && hasFile(join(dir, e.name), name, depth - 1)),
  );
}
