// Training checkpoints on top of ./checkpoint.ts. One checkpoint = one atomic commit (its JSON), so weights,
// optimizer state and run state can never come from different moments:
//   tensors: every model parameter + `optimizer:<name>` entries (momentum buffers) for resumable checkpoints;
//   extra.trainer: the resolved TrainerConfig; extra.trainState: TrainState (iteration, data-stream RNG state,
//   EMA, history, hook state); preprocessing: plan + dataset fingerprint (+ a hash of the plan).
// `modelOnly` strips the optimizer entries so any checkpoint loads into a bare model (inference, next stage).
// Note for ./checkpoint.ts: `restoreParams` rejects unexpected tensors, hence the stripping here.
import { createHash } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../config/architectures.js';
import type { DatasetFingerprint } from '../data/preprocess/fingerprint.js';
import type { PreprocessPlan } from '../data/preprocess/plan.js';
import type { UMamba2 } from '../model/umamba2.js';
import type { CheckpointLabelSchema, CheckpointManifest, LoadedCheckpoint } from './checkpoint.js';
import { loadCheckpoint, restoreParams, saveCheckpoint } from './checkpoint.js';
import type { TrainerConfig } from './config.js';
import type { TrainState } from './hooks.js';
import type { Optimizer } from './optimizer.js';

export const OPTIMIZER_PREFIX = 'optimizer:';

/** The STSR label schema (spec §5.4 names; ids 3–12 unofficial) — the default for checkpoints. */
export const DEFAULT_LABEL_SCHEMA: CheckpointLabelSchema = {
  id: 'stsr-2025-task1',
  labels: [
    { value: 0, name: 'Background' },
    { value: 1, name: 'Tooth' },
    { value: 2, name: 'Pulp' },
  ],
};

export interface PreprocessingRecord {
  fingerprint: string;
  plan: PreprocessPlan;
  datasetFingerprint: DatasetFingerprint | null;
  [extra: string]: unknown;
}

export function preprocessingRecord(
  plan: PreprocessPlan,
  datasetFingerprint: DatasetFingerprint | null,
): PreprocessingRecord {
  const hash = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
  return { fingerprint: `sha256:${hash}`, plan, datasetFingerprint };
}

export interface TrainingCheckpointInput {
  architecture: ArchitectureConfig;
  labelSchema: CheckpointLabelSchema;
  preprocessing: PreprocessingRecord;
  config: TrainerConfig;
  model: UMamba2;
  metrics: Record<string, number>;
  split: { train: string[]; val: string[]; unlabeled: string[] };
  /** Both present for a resumable checkpoint. */
  optimizer?: Optimizer;
  state?: TrainState;
}

export function saveTrainingCheckpoint(
  dir: string,
  name: string,
  c: TrainingCheckpointInput,
): CheckpointManifest {
  const tensors = new Map<string, tf.Tensor>(c.model.params);
  if (c.optimizer) {
    for (const [k, t] of c.optimizer.stateTensors()) tensors.set(`${OPTIMIZER_PREFIX}${k}`, t);
  }
  return saveCheckpoint(dir, name, tensors, {
    architecture: c.architecture,
    labelSchema: c.labelSchema,
    preprocessing: c.preprocessing,
    stage: c.config.stage,
    metrics: c.metrics,
    extra: {
      trainer: c.config,
      split: c.split,
      ...(c.optimizer && c.state ? { optimizer: c.optimizer.kind, trainState: c.state } : {}),
    },
  });
}

/** The checkpoint without optimizer tensors (loads into a bare model with `restoreParams`). */
export function modelOnly(ckpt: LoadedCheckpoint): LoadedCheckpoint {
  const tensors = new Map([...ckpt.tensors].filter(([n]) => !n.startsWith(OPTIMIZER_PREFIX)));
  return { manifest: ckpt.manifest, tensors };
}

export interface ResumePoint {
  manifest: CheckpointManifest;
  config: TrainerConfig;
  state: TrainState;
  plan: PreprocessPlan;
  optimizerKind: string;
  /** Optimizer tensors without the prefix. */
  optimizerState: Map<string, { shape: number[]; values: Float32Array }>;
  model: LoadedCheckpoint;
}

export function readResumePoint(dir: string, name = 'latest'): ResumePoint {
  const ckpt = loadCheckpoint(dir, name);
  const extra = ckpt.manifest.extra ?? {};
  const state = extra['trainState'] as TrainState | undefined;
  const config = extra['trainer'] as TrainerConfig | undefined;
  if (!state || !config) throw new Error(`checkpoint ${name} has no training state (not resumable)`);
  const optimizerState = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const [n, t] of ckpt.tensors) {
    if (n.startsWith(OPTIMIZER_PREFIX)) optimizerState.set(n.slice(OPTIMIZER_PREFIX.length), t);
  }
  const pre = ckpt.manifest.preprocessing as unknown as PreprocessingRecord;
  return {
    manifest: ckpt.manifest,
    config,
    state,
    plan: pre.plan,
    optimizerKind: String(extra['optimizer'] ?? ''),
    optimizerState,
    model: modelOnly(ckpt),
  };
}

/** Restores weights and optimizer state of a resume point into a freshly built model and optimizer. */
export function restoreTraining(p: ResumePoint, model: UMamba2, optimizer: Optimizer): void {
  if (p.optimizerKind !== optimizer.kind) {
    throw new Error(`checkpoint optimizer '${p.optimizerKind}' differs from the run's '${optimizer.kind}'`);
  }
  restoreParams(p.model, model.config, model.params);
  optimizer.loadState(p.optimizerState);
}
