// The trainer's seams. A stage is the stock loop plus overrides of one or two hooks, e.g. SSL stage 2 replaces
// `nextBatch` (labelled or unlabelled micro-batch by a Bernoulli draw) and `buildLoss` (L_S or ω·L_CR).
//
// Reference: nnU-Net `nnUNetTrainer` (`_build_loss`, `configure_optimizers`, `get_dataloaders`, `train_step`,
// `on_epoch_end`), which STSR's trainers subclass one method at a time (architecture.md §8).
import type { RngState } from '../util/rng.js';
import type * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../config/architectures.js';
import type { UMamba2 } from '../model/umamba2.js';
import type { Ops } from '../runtime/ops/types.js';
import type { Rng } from '../util/rng.js';
import type { TrainerConfig } from './config.js';
import type { PatchPipeline, TrainingData } from './data.js';
import type { Optimizer } from './optimizer.js';
import type { EmaState } from './pseudo-dice.js';

/** A micro-batch's loss: the scalar to differentiate plus named terms for logging (all on the tape is fine). */
export interface LossTerms {
  total: tf.Scalar;
  terms?: Record<string, tf.Scalar>;
}

export type LossFn<B> = (model: UMamba2, batch: B, ctx: TrainerContext) => LossTerms;

/** Per-epoch record (plain JSON; kept in the training state and checkpoints). */
export interface EpochRecord {
  epoch: number;
  /** Mean training loss terms over the epoch's micro-batches ('total' included). */
  train: Record<string, number>;
  /** Validation loss and pseudo Dice; null when there is no validation. */
  val: { loss: number; pseudoDice: number[]; meanPseudoDice: number } | null;
  ema: number | null;
  best: boolean;
  lr: number;
}

/** Mutable run state that checkpoints carry so that a resumed run continues the same trajectory. */
export interface TrainState {
  /** Optimizer steps done. */
  iteration: number;
  /** Generator state of the data stream (every iteration forks its generator from it). */
  dataRng: RngState;
  ema: EmaState;
  history: EpochRecord[];
  /** Loss sums of the current, unfinished epoch. */
  epochLoss: { sums: Record<string, number>; count: number };
  /** JSON state of stage-specific hooks. */
  hook: Record<string, unknown>;
}

export interface SaveRequest {
  /** Checkpoint name, e.g. 'best'. */
  name: string;
  /** Include optimizer state and TrainState (a checkpoint to resume from) or weights only. */
  resumable: boolean;
  metrics?: Record<string, number>;
}

export interface TrainerContext {
  readonly config: TrainerConfig;
  readonly architecture: ArchitectureConfig;
  readonly model: UMamba2;
  readonly ops: Ops;
  readonly data: TrainingData;
  readonly pipeline: PatchPipeline;
  readonly state: TrainState;
  /** Writes a checkpoint when the run has an output directory (no-op otherwise). */
  save(req: SaveRequest): void;
}

export interface StepInputs<B> {
  loss: LossFn<B>;
  optimizer: Optimizer;
  lr: number;
  /** The iteration's own generator (forked from the data stream): every random choice of the step uses it. */
  rng: Rng;
}

export interface StepReport {
  /** Mean loss terms over the micro-batches of this step ('total' included). */
  loss: Record<string, number>;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Samples consumed (micro-batches × batch size). */
  samples: number;
}

export interface TrainerHooks<B> {
  buildLoss(ctx: TrainerContext): LossFn<B>;
  buildOptimizer(ctx: TrainerContext): Optimizer;
  /** Micro-batch `micro` of the current iteration, drawn with `rng` only. */
  nextBatch(ctx: TrainerContext, rng: Rng, micro: number): B;
  disposeBatch(batch: B): void;
  /** One optimizer iteration: draw micro-batches, accumulate gradients, clip, step. */
  trainStep(ctx: TrainerContext, inputs: StepInputs<B>, hooks: TrainerHooks<B>): StepReport;
  /** End of an epoch: validation, EMA, best checkpoint. Returns the epoch's record. */
  onEpochEnd(ctx: TrainerContext, epoch: number, train: Record<string, number>, lr: number): EpochRecord;
}
