// Turns a finished training stage into an immutable model version: its final checkpoint, run record and validation
// scores are copied into models/<id>/ (into a temporary folder first, renamed into place), and one transaction adds
// the model row (parent, stage, configs, exactly what it was trained on, metrics), the run row and the audit entry.
// Idempotent per (job, stage): a stage published again after a restart maps to the model already registered.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CoreError } from '../../contract/errors.js';
import type { Job, TrainingStage } from '../../contract/types.js';
import { TRAINING_STAGES } from '../../contract/types.js';
import type { CoreContext } from '../context.js';
import { MODELS_DIR, projectPath } from '../project/layout.js';
import { audit } from '../store/audit.js';
import { insertModel, nextModelId } from '../store/models.js';
import { nowIso } from '../store/time.js';
import { getSettings } from '../store/settings.js';
import { jobDir } from './job-files.js';
import type { TrainSnapshot } from './train-snapshot.js';

export interface PublishedStage {
  stage: TrainingStage;
  validation: Record<string, number> | null;
}

export interface RunInfo {
  backend: string;
  architecture: unknown;
}

const FILES = ['final.json', 'ssl-stage.json', 'validation.json'];

export function registeredModelOf(ctx: CoreContext, jobId: number, stage: string): string | null {
  const row = ctx.db.prepare('SELECT model_id FROM runs WHERE job_id = ? AND stage = ?').get(jobId, stage) as
    { model_id: string | null } | undefined;
  return row?.model_id ?? null;
}

/** Model ids this job registered, in order. */
export function modelsOfJob(ctx: CoreContext, jobId: number): string[] {
  return (
    ctx.db.prepare('SELECT model_id FROM runs WHERE job_id = ? ORDER BY id').all(jobId) as {
      model_id: string;
    }[]
  ).map((r) => r.model_id);
}

export function registerStage(
  ctx: CoreContext,
  job: Job,
  snapshot: TrainSnapshot,
  published: PublishedStage,
  info: RunInfo,
): string {
  const { stage } = published;
  if (!(TRAINING_STAGES as readonly string[]).includes(stage))
    throw new CoreError('internal', `unknown training stage "${String(stage)}"`);
  const already = registeredModelOf(ctx, job.id, stage);
  if (already) return already;
  const src = join(jobDir(ctx.dir, job.id), stage);
  const manifest = JSON.parse(readFileSync(join(src, 'final.json'), 'utf8')) as {
    weightsFile: string;
    extra?: { trainer?: unknown };
    preprocessing?: unknown;
    metrics?: Record<string, number>;
    stage?: string;
  };
  const record = existsSync(join(src, 'ssl-stage.json'))
    ? (JSON.parse(readFileSync(join(src, 'ssl-stage.json'), 'utf8')) as {
        preset?: string;
        settings?: unknown;
      })
    : {};
  const id = nextModelId(ctx.db);
  const relDir = `${MODELS_DIR}/${id}`;
  const tmp = projectPath(ctx.dir, MODELS_DIR, `.tmp-${id}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp, { recursive: true });
  try {
    for (const f of [...FILES, manifest.weightsFile])
      if (existsSync(join(src, f))) copyFileSync(join(src, f), join(tmp, f));
    renameSync(tmp, projectPath(ctx.dir, MODELS_DIR, id));
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const previous = modelsOfJob(ctx, job.id).at(-1) ?? snapshot.parentModelId;
  const at = nowIso();
  const metrics: Record<string, number> = { ...(published.validation ?? {}) };
  const ema = manifest.metrics?.['emaPseudoDice'];
  if (typeof ema === 'number') metrics['emaPseudoDice'] = ema;
  const config = {
    architecture: info.architecture,
    trainer: manifest.extra?.trainer ?? null,
    preprocessing: manifest.preprocessing ?? null,
    preset: record.preset ?? null,
    settings: record.settings ?? null,
    backend: info.backend,
    jobId: job.id,
  };
  ctx.db.transaction(() => {
    insertModel(ctx.db, {
      id,
      parentId: previous,
      stage,
      relDir,
      config,
      trainedOn: {
        labelVersionIds: snapshot.train.map((c) => c.labelVersionId!),
        unlabeledCaseIds: stage === 'supervised' ? [] : snapshot.unlabeled.map((c) => c.caseId),
        validationCaseIds: snapshot.val.map((c) => c.caseId),
      },
      metrics,
      at,
    });
    ctx.db
      .prepare(
        'INSERT INTO runs (job_id, stage, rel_dir, config, model_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(job.id, stage, `runs/job-${job.id}/${stage}`, JSON.stringify(config.trainer), id, at);
    audit(ctx.db, getSettings(ctx.db).author, 'model.train', null, { modelId: id, stage, jobId: job.id });
  })();
  return id;
}
