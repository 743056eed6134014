// Job kind "train" (lane 'train'): one training target on the project's corrected labels and uncorrected scans, in
// the training worker. The data is frozen in a snapshot at the first start; the run lives in runs/job-<id>/ and
// survives pauses, restarts and killed workers (each stage resumes from its 'latest' checkpoint). Every stage that
// finishes is registered as a model version at once (partial results); when the job is done, its last segmentation
// model becomes the active one (roll back with models.rollback).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TRAINING_ARCHITECTURES, TRAINING_PRESETS, TRAINING_TARGETS } from '../../contract/types.js';
import type { TrainingStage } from '../../contract/types.js';
import { resolveInside } from '../project/layout.js';
import { activateModel } from '../models.js';
import { findModel } from '../store/models.js';
import type { JobKind } from './runner.js';
import { jobDir, makeJobDir } from './job-files.js';
import { registerStage, modelsOfJob } from './register-model.js';
import type { PublishedStage, RunInfo } from './register-model.js';
import { jobSnapshot, readSnapshot } from './train-snapshot.js';
import { recordBackend } from '../training.js';

export const trainParamsSchema = z.object({
  target: z.enum(TRAINING_TARGETS),
  preset: z.enum(TRAINING_PRESETS),
  architecture: z.enum(TRAINING_ARCHITECTURES),
  patch: z.tuple([z.number().int(), z.number().int(), z.number().int()]).optional(),
  iterations: z.number().int().positive().optional(),
  seed: z.number().int().min(0),
  author: z.string().min(1).max(128),
});
export type TrainParams = z.infer<typeof trainParamsSchema>;

const published = z.object({
  backend: z.string(),
  architecture: z.unknown(),
  stage: z.object({
    stage: z.enum(['supervised', 'dae', 'consistency', 'pseudolabel']),
    status: z.literal('completed'),
    validation: z.record(z.string(), z.number()).nullable(),
  }),
});

const FILES_KEPT = new Set(['snapshot.json', 'progress.jsonl', 'backend.txt', 'preset.json']);

/** Removes the checkpoints of a run that ended (its models are copied), keeping the snapshot and the log. */
function pruneRun(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir))
    if (!FILES_KEPT.has(f)) rmSync(join(dir, f), { recursive: true, force: true });
}

export const trainKind: JobKind<TrainParams> = {
  lane: 'train',
  schema: trainParamsSchema,
  pausable: true,
  workerParams(ctx, job, p) {
    const dir = makeJobDir(ctx.dir, job.id);
    const snap = jobSnapshot(ctx, dir, p.target);
    const abs = (rel: string) => resolveInside(ctx.dir, rel);
    const labelled = (c: (typeof snap.train)[number]) => ({
      id: `case-${c.caseId}`,
      imagePath: abs(c.imageRel),
      labelPath: abs(c.labelRel!),
    });
    const parent = snap.parentModelId ? findModel(ctx.db, snap.parentModelId) : undefined;
    return {
      jobDir: dir,
      target: p.target,
      preset: p.preset,
      architecture: parent ? (parent.config['architecture'] as object) : p.architecture,
      ...(p.patch && !parent ? { patch: p.patch } : {}),
      ...(p.iterations ? { iterations: p.iterations } : {}),
      seed: p.seed,
      cases: {
        train: snap.train.map(labelled),
        val: snap.val.map(labelled),
        unlabeled: snap.unlabeled.map((c) => ({ id: `case-${c.caseId}`, imagePath: abs(c.imageRel) })),
      },
      parent: parent ? { dir: abs(parent.relDir), checkpoint: 'final' } : null,
    };
  },
  partial(ctx, job, _p, output) {
    const o = published.parse(output);
    const info: RunInfo = { backend: o.backend, architecture: o.architecture };
    recordBackend(ctx, o.backend);
    const stage: PublishedStage = { stage: o.stage.stage as TrainingStage, validation: o.stage.validation };
    registerStage(ctx, job, readSnapshot(jobDir(ctx.dir, job.id)), stage, info);
  },
  async finish(ctx, job) {
    const models = modelsOfJob(ctx, job.id);
    const segmenting = models.filter((id) => findModel(ctx.db, id)?.stage !== 'dae');
    const activate = segmenting.at(-1) ?? null;
    if (activate) activateModel(ctx, activate, 'model.activate');
    pruneRun(jobDir(ctx.dir, job.id));
    return { models, activated: activate };
  },
  abandon(ctx, job) {
    pruneRun(jobDir(ctx.dir, job.id));
  },
};
