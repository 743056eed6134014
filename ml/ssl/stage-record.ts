// The record of one SSL stage run, `ssl-stage.json` next to its checkpoints: which stage, its resolved trainer
// config and stage settings, the parent checkpoint it started from (by content hash), the exact cases it trained
// on, and its state. Written atomically when the run starts and when it stops; a rerun with the same record
// resumes or (when completed) reuses it, a rerun with a different one is refused.
// Not in the reference (nnU-Net keeps plans and the fold's split next to the checkpoints); this is what the model
// registry reads: parent by content hash, exact case ids, settings.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../train/checkpoint.js';
import type { TrainerConfig } from '../train/config.js';
import type { RunStage } from './presets.js';

export const STAGE_RECORD_FILE = 'ssl-stage.json';
export const STAGE_RECORD_FORMAT = 'cbct-workbench/ssl-stage';

export interface ParentRef {
  dir: string;
  checkpoint: string;
  /** SHA-256 of the parent's weights file. */
  weightsSha256: string;
  /** The parent's training stage (e.g. 'ssl-dae'). */
  stage: string;
}

export interface StageIdentity {
  stage: RunStage;
  preset: string;
  trainer: TrainerConfig;
  settings: unknown;
  parent: ParentRef | null;
  data: { labeled: string[]; val: string[]; unlabeled: string[] };
}

export interface StageRecord extends StageIdentity {
  format: typeof STAGE_RECORD_FORMAT;
  version: 1;
  status: 'running' | 'completed' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  /** The final checkpoint's weights hash once completed. */
  finalWeightsSha256: string | null;
}

export function readStageRecord(dir: string): StageRecord | null {
  const f = join(dir, STAGE_RECORD_FILE);
  if (!existsSync(f)) return null;
  const r = JSON.parse(readFileSync(f, 'utf8')) as StageRecord;
  if (r.format !== STAGE_RECORD_FORMAT) throw new Error(`${f} is not a ${STAGE_RECORD_FORMAT} file`);
  return r;
}

export function writeStageRecord(dir: string, r: StageRecord): void {
  writeFileAtomic(dir, STAGE_RECORD_FILE, new TextEncoder().encode(JSON.stringify(r, null, 2) + '\n'));
}

/** The fields of `want` that differ from the recorded run (empty when the run can be resumed or reused). */
export function identityDifferences(have: StageIdentity, want: StageIdentity): string[] {
  const keys = ['stage', 'trainer', 'settings', 'data'] as const;
  const out: string[] = keys.filter((k) => JSON.stringify(have[k]) !== JSON.stringify(want[k]));
  const p = (x: ParentRef | null) => (x ? `${x.dir}#${x.checkpoint}@${x.weightsSha256}` : null);
  if (p(have.parent) !== p(want.parent)) out.push('parent');
  return out;
}

/** The weights hash of checkpoint `name` in `dir` (from its manifest), or null if it does not exist. */
export function checkpointSha(dir: string, name: string): string | null {
  const f = join(dir, `${name}.json`);
  if (!existsSync(f)) return null;
  return (JSON.parse(readFileSync(f, 'utf8')) as { weightsSha256: string }).weightsSha256;
}
