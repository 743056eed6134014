// The training loop: hooks (./hooks.ts) do the work, this file owns the order, the state, checkpoints,
// progress, cancellation and resumption.
//
// Reference: nnU-Net `run_training` (epochs of `iterationsPerEpoch` steps, then `on_epoch_end`; latest every
// `save_every` epochs, final at the end), spec §3.2, §3.9.
// Determinism: all randomness comes from the model seed, one data stream (each iteration forks its own generator
// from it, so the stream's saved state is complete) and per-epoch validation generators. A run resumed from
// 'latest' therefore repeats the uninterrupted run exactly on a deterministic backend.
// Cancellation: the signal is checked before every iteration (the loop yields to the event loop between
// iterations so an abort can arrive); a cancelled run writes 'latest' and returns status 'cancelled'.
import { mkdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../config/architectures.js';
import { assertFits } from '../config/memory.js';
import type { BackendName } from '../runtime/backend.js';
import { buildUMamba2, type UMamba2 } from '../model/umamba2.js';
import type { Ops } from '../runtime/ops/types.js';
import { createRng } from '../util/rng.js';
import type { CheckpointLabelSchema } from './checkpoint.js';
import type { TrainerConfig } from './config.js';
import { totalIterations } from './config.js';
import type { LabeledBatch, TrainingData } from './data.js';
import { patchPipeline } from './data.js';
import type { EpochRecord, SaveRequest, TrainerContext, TrainerHooks, TrainState } from './hooks.js';
import { learningRateAt } from './lr-schedule.js';
import { ThroughputMeter, type TrainProgress } from './progress.js';
import { INITIAL_EMA } from './pseudo-dice.js';
import { supervisedHooks } from './supervised.js';
import type { ResumePoint } from './training-checkpoint.js';
import {
  DEFAULT_LABEL_SCHEMA,
  preprocessingRecord,
  restoreTraining,
  saveTrainingCheckpoint,
} from './training-checkpoint.js';

export interface RunTrainingOptions<B> {
  architecture: ArchitectureConfig;
  config: TrainerConfig;
  data: TrainingData;
  ops: Ops;
  /** Start from these weights (e.g. a previous stage); default a fresh model seeded with `config.seed`. */
  model?: UMamba2;
  /** Checkpoints go here ('latest' resumable, 'best', 'final'); none are written without it. */
  outDir?: string;
  labelSchema?: CheckpointLabelSchema;
  /** Continue from a resumable checkpoint (see readResumePoint); its config must equal `config`. */
  resume?: ResumePoint;
  /** Default: supervisedHooks() (then B must be LabeledBatch). */
  hooks?: TrainerHooks<B>;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** Awaited: the next epoch starts when it settles. */
  onEpochEnd?: (r: EpochRecord) => void | Promise<void>;
}

export interface TrainResult {
  status: 'completed' | 'cancelled';
  /** The trained model (the caller disposes it). */
  model: UMamba2;
  state: TrainState;
  seconds: number;
}

/** Seed of the data stream (distinct from the model seed's use). */
export function dataStreamSeed(seed: number): number {
  return Math.imul(seed ^ 0x2545f491, 0x9e3779b1) >>> 0;
}

function initialState(config: TrainerConfig): TrainState {
  return {
    iteration: 0,
    dataRng: createRng(dataStreamSeed(config.seed)).state(),
    ema: { ...INITIAL_EMA },
    history: [],
    epochLoss: { sums: {}, count: 0 },
    hook: {},
  };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function runTraining<B = LabeledBatch>(opts: RunTrainingOptions<B>): Promise<TrainResult> {
  const { config, architecture, data, ops } = opts;
  const hooks = opts.hooks ?? (supervisedHooks() as unknown as TrainerHooks<B>);
  if (opts.resume) {
    if (JSON.stringify(opts.resume.config) !== JSON.stringify(config))
      throw new Error(
        'resuming needs the same trainer config as the checkpoint (see readResumePoint().config)',
      );
    if (JSON.stringify(opts.resume.plan) !== JSON.stringify(data.plan))
      throw new Error("the training data's pre-processing plan differs from the checkpoint's");
  }
  // Refuse a run that cannot fit before allocating anything (architecture.md §4).
  assertFits(architecture, architecture.patchSize, tf.getBackend() as BackendName, 'train', {
    batch: config.batchSize,
  });
  const model = opts.model ?? buildUMamba2(architecture, ops, { seed: config.seed });
  const state: TrainState = opts.resume ? structuredClone(opts.resume.state) : initialState(config);
  const pipeline = patchPipeline(config, architecture.patchSize);
  const preprocessing = preprocessingRecord(data.plan, data.fingerprint);
  const split = {
    train: data.train.map((c) => c.id),
    val: data.val.map((c) => c.id),
    unlabeled: data.unlabeled.map((c) => c.id),
  };
  const labelSchema = opts.labelSchema ?? DEFAULT_LABEL_SCHEMA;
  if (opts.outDir) mkdirSync(opts.outDir, { recursive: true });

  let optimizer: ReturnType<TrainerHooks<B>['buildOptimizer']> | null = null;
  const save = (req: SaveRequest) => {
    if (!opts.outDir) return;
    saveTrainingCheckpoint(opts.outDir, req.name, {
      architecture,
      labelSchema,
      preprocessing,
      config,
      model,
      metrics: { iteration: state.iteration, ...(req.metrics ?? {}) },
      split,
      ...(req.resumable && optimizer ? { optimizer, state } : {}),
    });
  };
  const ctx: TrainerContext = { config, architecture, model, ops, data, pipeline, state, save };
  optimizer = hooks.buildOptimizer(ctx);
  let loss: ReturnType<TrainerHooks<B>['buildLoss']>;
  try {
    if (opts.resume) restoreTraining(opts.resume, model, optimizer);
    loss = hooks.buildLoss(ctx);
  } catch (err) {
    optimizer.dispose();
    if (!opts.model) model.dispose();
    throw err;
  }
  const dataRng = createRng(state.dataRng);
  const total = totalIterations(config);
  const ipe = config.iterationsPerEpoch;
  const patchVoxels = architecture.patchSize.reduce((a, v) => a * v, 1);
  const meter = new ThroughputMeter();
  const saveLatest = () => save({ name: 'latest', resumable: true });

  try {
    while (state.iteration < total) {
      if (opts.signal?.aborted) {
        saveLatest();
        return { status: 'cancelled', model, state, seconds: meter.elapsed() };
      }
      const it = state.iteration;
      const epoch = Math.floor(it / ipe);
      const lr = learningRateAt(config, it);
      const rng = dataRng.fork();
      const report = hooks.trainStep(ctx, { loss, optimizer, lr, rng }, hooks);
      state.iteration = it + 1;
      state.dataRng = dataRng.state();
      for (const [k, v] of Object.entries(report.loss))
        state.epochLoss.sums[k] = (state.epochLoss.sums[k] ?? 0) + v;
      state.epochLoss.count++;

      if (state.iteration % ipe === 0) {
        const n = state.epochLoss.count;
        const train = Object.fromEntries(Object.entries(state.epochLoss.sums).map(([k, v]) => [k, v / n]));
        state.epochLoss = { sums: {}, count: 0 };
        const record = hooks.onEpochEnd(ctx, epoch, train, lr);
        state.history.push(record);
        await opts.onEpochEnd?.(record);
        if ((epoch + 1) % config.checkpointEvery === 0 && state.iteration < total) saveLatest();
      }
      const spi = meter.tick();
      opts.onProgress?.({
        iteration: state.iteration,
        iterations: total,
        epoch,
        epochs: config.epochs,
        loss: report.loss,
        lr,
        gradNorm: report.gradNorm,
        iterationsPerSecond: 1 / spi,
        samplesPerSecond: report.samples / spi,
        voxelsPerSecond: (report.samples * patchVoxels) / spi,
        elapsedSeconds: meter.elapsed(),
        etaSeconds: (total - state.iteration) * spi,
      });
      await tick();
    }
    saveLatest();
    save({
      name: 'final',
      resumable: false,
      metrics: state.ema.ema === null ? {} : { emaPseudoDice: state.ema.ema },
    });
    return { status: 'completed', model, state, seconds: meter.elapsed() };
  } finally {
    optimizer.dispose();
  }
}
