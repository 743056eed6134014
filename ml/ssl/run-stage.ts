// Runs one SSL stage on the stock training loop (ml/train/trainer.ts) with the stage's hooks: starts from the
// parent checkpoint (weights transferred, heads re-initialised when their shapes differ), resumes from the stage's
// own 'latest' checkpoint when its record matches, reuses a completed run, and reports progress with the stage's
// LR, ω and unlabelled share.
//
// Reference: spec §3.1 (each stage restarts at epoch 0 with a fresh optimizer; only weights are transferred; stage 3
// starts from stage 2's `checkpoint_final`), §4.6 (weight loading). The parent checkpoint defaults to 'final'.
import { mkdirSync } from 'node:fs';
import type { ArchitectureConfig } from '../config/architectures.js';
import { buildUMamba2, type UMamba2 } from '../model/umamba2.js';
import type { Ops } from '../runtime/ops/types.js';
import type { CheckpointLabelSchema } from '../train/checkpoint.js';
import { loadCheckpoint, restoreParams } from '../train/checkpoint.js';
import type { TrainerConfig } from '../train/config.js';
import type { TrainingData } from '../train/data.js';
import type { EpochRecord, TrainerHooks } from '../train/hooks.js';
import type { TrainProgress } from '../train/progress.js';
import type { PreprocessingRecord } from '../train/training-checkpoint.js';
import { modelOnly, readResumePoint } from '../train/training-checkpoint.js';
import { runTraining } from '../train/trainer.js';
import { transferWeights, type TransferReport } from './dae/transfer.js';
import type { RunStage } from './presets.js';
import type { ParentRef, StageIdentity, StageRecord } from './stage-record.js';
import {
  checkpointSha,
  identityDifferences,
  readStageRecord,
  STAGE_RECORD_FORMAT,
  writeStageRecord,
} from './stage-record.js';

export interface SslProgress extends TrainProgress {
  stage: RunStage;
  /** Consistency weight ω of the step's first micro-batch (null in the DAE stage). */
  omega: number | null;
  /** P(micro-batch is unlabelled) in this epoch (null in the DAE stage). */
  unlabeledProbability: number | null;
}

export interface CommonStageOptions {
  /** The segmentation network (its numClasses = label classes; the DAE stage derives its 1-channel variant). */
  architecture: ArchitectureConfig;
  /** Labelled cases, validation cases and unlabelled scans, pre-processed with one plan. */
  data: TrainingData;
  ops: Ops;
  outDir: string;
  /** Start from this checkpoint (default name 'final'); null/absent: fresh weights seeded by the config. */
  parent?: { dir: string; checkpoint?: string } | null;
  labelSchema?: CheckpointLabelSchema;
  signal?: AbortSignal;
  onProgress?: (p: SslProgress) => void;
  onEpochEnd?: (r: EpochRecord) => void;
}

export interface StageResult {
  stage: RunStage;
  status: 'completed' | 'cancelled';
  /** True when a completed run with the same record was found and reused (nothing trained). */
  reused: boolean;
  /** Optimizer step the run started from (0, or the resumed checkpoint's). */
  startedAt: number;
  outDir: string;
  model: UMamba2;
  record: StageRecord;
  transfer: TransferReport | null;
}

export interface StageSpec<B> {
  stage: RunStage;
  /** What the trainer builds (the DAE: 1 output channel, no deep supervision). */
  architecture: ArchitectureConfig;
  config: TrainerConfig;
  preset: string;
  settings: unknown;
  hooks: TrainerHooks<B>;
  /** Values for progress at optimizer step `iteration` (0-based). */
  extras(iteration: number): { lr?: number; omega: number | null; unlabeledProbability: number | null };
  /** Ids of what the stage trains on. */
  data: StageIdentity['data'];
}

function parentRef(opts: CommonStageOptions): ParentRef | null {
  if (!opts.parent) return null;
  const checkpoint = opts.parent.checkpoint ?? 'final';
  const sha = checkpointSha(opts.parent.dir, checkpoint);
  if (!sha) throw new Error(`parent checkpoint '${checkpoint}' not found in ${opts.parent.dir}`);
  const stage = loadCheckpoint(opts.parent.dir, checkpoint).manifest.stage;
  return { dir: opts.parent.dir, checkpoint, weightsSha256: sha, stage };
}

/** A fresh model for the stage, with the parent's weights transferred when there is one. */
function startingModel<B>(spec: StageSpec<B>, opts: CommonStageOptions, parent: ParentRef | null) {
  const model = buildUMamba2(spec.architecture, opts.ops, { seed: spec.config.seed });
  if (!parent) return { model, transfer: null };
  try {
    const ckpt = modelOnly(loadCheckpoint(parent.dir, parent.checkpoint));
    const plan = (ckpt.manifest.preprocessing as PreprocessingRecord).plan;
    if (JSON.stringify(plan) !== JSON.stringify(opts.data.plan))
      throw new Error(
        `the parent ${parent.dir}#${parent.checkpoint} was trained with a different pre-processing plan`,
      );
    return { model, transfer: transferWeights(ckpt, model) };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

export async function runStage<B>(spec: StageSpec<B>, opts: CommonStageOptions): Promise<StageResult> {
  mkdirSync(opts.outDir, { recursive: true });
  const parent = parentRef(opts);
  const identity: StageIdentity = {
    stage: spec.stage,
    preset: spec.preset,
    trainer: spec.config,
    settings: spec.settings,
    parent,
    data: spec.data,
  };
  const existing = readStageRecord(opts.outDir);
  if (existing) {
    const diff = identityDifferences(existing, identity);
    if (diff.length > 0)
      throw new Error(
        `${opts.outDir} holds a ${existing.stage} run with a different ${diff.join(', ')}; use a new folder`,
      );
  }
  const base = { stage: spec.stage, outDir: opts.outDir };
  if (
    existing?.status === 'completed' &&
    checkpointSha(opts.outDir, 'final') === existing.finalWeightsSha256
  ) {
    const model = buildUMamba2(spec.architecture, opts.ops, { seed: spec.config.seed });
    restoreParams(modelOnly(loadCheckpoint(opts.outDir, 'final')), spec.architecture, model.params);
    return {
      ...base,
      status: 'completed',
      reused: true,
      startedAt: spec.config.epochs * spec.config.iterationsPerEpoch,
      model,
      record: existing,
      transfer: null,
    };
  }
  const resume = existing && checkpointSha(opts.outDir, 'latest') ? readResumePoint(opts.outDir) : undefined;
  const start = resume ? { model: undefined, transfer: null } : startingModel(spec, opts, parent);
  const record: StageRecord = {
    format: STAGE_RECORD_FORMAT,
    version: 1,
    ...identity,
    status: 'running',
    startedAt: existing?.startedAt ?? new Date().toISOString(),
    finishedAt: null,
    finalWeightsSha256: null,
  };
  writeStageRecord(opts.outDir, record);
  const result = await runTraining<B>({
    architecture: spec.architecture,
    config: spec.config,
    data: opts.data,
    ops: opts.ops,
    outDir: opts.outDir,
    hooks: spec.hooks,
    ...(start.model ? { model: start.model } : {}),
    ...(resume ? { resume } : {}),
    ...(opts.labelSchema ? { labelSchema: opts.labelSchema } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onEpochEnd ? { onEpochEnd: opts.onEpochEnd } : {}),
    onProgress: (p) => {
      const x = spec.extras(p.iteration - 1);
      opts.onProgress?.({
        ...p,
        lr: x.lr ?? p.lr,
        stage: spec.stage,
        omega: x.omega,
        unlabeledProbability: x.unlabeledProbability,
      });
    },
  });
  const done: StageRecord = {
    ...record,
    status: result.status,
    finishedAt: new Date().toISOString(),
    finalWeightsSha256: result.status === 'completed' ? checkpointSha(opts.outDir, 'final') : null,
  };
  writeStageRecord(opts.outDir, done);
  return {
    ...base,
    status: result.status,
    reused: false,
    startedAt: resume?.state.iteration ?? 0,
    model: result.model,
    record: done,
    transfer: start.transfer,
  };
}
