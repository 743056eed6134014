// Trainer settings as typed data: defaults, overrides, validation. The resolved config is stored in every
// checkpoint (`extra.trainer`), so a run can be resumed or audited from its files alone.
//
// Reference: umamba2-spec.md §3.1–3.4 and §3.9; nnunetv2 `nnUNetTrainer.__init__` (initial_lr 1e-2, weight_decay
// 3e-5, momentum 0.99 nesterov, num_epochs 1000, num_iterations_per_epoch 250, num_val_iterations_per_epoch 50,
// oversample_foreground_percent 0.33, save_every 50) and the STSR trainer (batch 1, accumulation ×2, 10 validation
// iterations, save_every 10).
// Deviation: an "iteration" here is one optimizer step; with `accumulation.steps` = k it consumes k micro-batches
// (the STSR trainer counts micro-batches: its 500 "iterations" per epoch are 250 optimizer steps).
// Deviation: `foregroundProbability` is a per-patch probability (ml/data/sample/patch-sampler.ts); nnU-Net's
// positional rule never forces foreground with batch size 1 (spec §3.4).
import type { AugmentOverrides } from '../data/augment/config.js';
import { resolveAugmentConfig } from '../data/augment/config.js';
import type { Shape3 } from '../data/preprocess/layout.js';

export type LrSchedule =
  /** lr0·(1 − t/T)^exponent (nnU-Net `PolyLRScheduler`). */
  | { kind: 'poly'; exponent: number }
  /** lr0·(1 − (1 − finalFactor)·min(t, T−1)/(T−1)) (the STSR stage-3 trainer: finalFactor 0.01). */
  | { kind: 'linear'; finalFactor: number }
  | { kind: 'constant' };

export interface TrainerConfig {
  /** Stage recorded in checkpoints ('supervised', 'ssl-consistency', …). */
  stage: string;
  /** Seeds the model initialisation, the data stream and validation. */
  seed: number;
  epochs: number;
  /** Optimizer steps per epoch. */
  iterationsPerEpoch: number;
  /** Samples per micro-batch. */
  batchSize: number;
  accumulation: {
    /** Micro-batches per optimizer step. */
    steps: number;
    /**
     * 'mean': gradients of all micro-batches are averaged (what accumulation is meant to do).
     * 'reference-defect': only the last micro-batch's gradient, scaled by 1/steps, is used — what the STSR
     * trainer actually does (spec §3.2), for comparisons with the released weights.
     */
    mode: 'mean' | 'reference-defect';
  };
  optimizer: { initialLr: number; momentum: number; nesterov: boolean; weightDecay: number };
  lrSchedule: LrSchedule;
  /** Where the schedule's t counts: epochs (the reference: the LR changes once per epoch) or iterations. */
  lrStep: 'epoch' | 'iteration';
  /** Global L2 norm the gradients are clipped to; null = no clipping. */
  gradClipNorm: number | null;
  loss: { weightCe: number; weightDice: number; deepSupervision: boolean };
  sampling: { foregroundProbability: number; mode: 'crop' | 'direct' };
  /** false switches every transform off (tiny tests); an object overrides the nnU-Net defaults. */
  augmentation: false | AugmentOverrides;
  validation: {
    /** Validation micro-batches per epoch (0 = no validation; then no 'best' checkpoint). */
    iterations: number;
    /** EMA_e = momentum·EMA_{e−1} + (1 − momentum)·value (spec §3.9: 0.9). */
    emaMomentum: number;
  };
  /** Write the resumable 'latest' checkpoint every this many epochs (and at the end, and on cancel). */
  checkpointEvery: number;
  preprocessing: {
    /** Foreground samples for the fingerprint (nnU-Net 1e8; tests use fewer). */
    fingerprintSamples: number;
    /** Overrides the planned target spacing (network order, mm). */
    targetSpacing: Shape3 | null;
  };
}

export const TRAINER_DEFAULTS: Readonly<TrainerConfig> = Object.freeze({
  stage: 'supervised',
  seed: 12345,
  epochs: 1000,
  iterationsPerEpoch: 250,
  batchSize: 2,
  accumulation: { steps: 1, mode: 'mean' },
  optimizer: { initialLr: 1e-2, momentum: 0.99, nesterov: true, weightDecay: 3e-5 },
  lrSchedule: { kind: 'poly', exponent: 0.9 },
  lrStep: 'epoch',
  gradClipNorm: 12,
  loss: { weightCe: 1, weightDice: 1, deepSupervision: true },
  sampling: { foregroundProbability: 0.33, mode: 'crop' },
  augmentation: {},
  validation: { iterations: 50, emaMomentum: 0.9 },
  checkpointEvery: 50,
  preprocessing: { fingerprintSamples: 1e8, targetSpacing: null },
} as TrainerConfig);

/** The STSR 2025 Task 1 settings (spec §3.1): batch 1 with ×2 accumulation, 10 validation batches, save every 10. */
export const STSR_TRAINER: Readonly<TrainerOverrides> = Object.freeze<TrainerOverrides>({
  batchSize: 1,
  accumulation: { steps: 2, mode: 'mean' },
  validation: { iterations: 10 },
  checkpointEvery: 10,
});

const NESTED = ['accumulation', 'optimizer', 'loss', 'sampling', 'validation', 'preprocessing'] as const;
type Nested = (typeof NESTED)[number];

/** Top-level fields replace the default; the sections in NESTED are merged one level deep. */
export type TrainerOverrides = Partial<Omit<TrainerConfig, Nested>> & {
  [K in Nested]?: Partial<TrainerConfig[K]>;
};

const posInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** Every problem with a config (empty when valid). */
export function trainerConfigProblems(c: TrainerConfig): string[] {
  const p: string[] = [];
  if (typeof c.stage !== 'string' || c.stage.length === 0) p.push('stage must be a non-empty string');
  if (!Number.isSafeInteger(c.seed)) p.push('seed must be a safe integer');
  for (const k of ['epochs', 'iterationsPerEpoch', 'batchSize', 'checkpointEvery'] as const) {
    if (!posInt(c[k])) p.push(`${k} must be a positive integer`);
  }
  if (!posInt(c.accumulation.steps)) p.push('accumulation.steps must be a positive integer');
  if (c.accumulation.mode !== 'mean' && c.accumulation.mode !== 'reference-defect')
    p.push("accumulation.mode must be 'mean' or 'reference-defect'");
  const o = c.optimizer;
  if (!(finite(o.initialLr) && o.initialLr > 0)) p.push('optimizer.initialLr must be > 0');
  if (!(finite(o.momentum) && o.momentum >= 0 && o.momentum < 1))
    p.push('optimizer.momentum must be in [0, 1)');
  if (typeof o.nesterov !== 'boolean') p.push('optimizer.nesterov must be a boolean');
  if (o.nesterov && o.momentum === 0) p.push('nesterov momentum needs optimizer.momentum > 0');
  if (!(finite(o.weightDecay) && o.weightDecay >= 0)) p.push('optimizer.weightDecay must be ≥ 0');
  const s = c.lrSchedule;
  if (s.kind === 'poly') {
    if (!(finite(s.exponent) && s.exponent > 0)) p.push('lrSchedule.exponent must be > 0');
  } else if (s.kind === 'linear') {
    if (!(finite(s.finalFactor) && s.finalFactor >= 0 && s.finalFactor <= 1))
      p.push('lrSchedule.finalFactor must be in [0, 1]');
  } else if (s.kind !== 'constant') {
    p.push("lrSchedule.kind must be 'poly', 'linear' or 'constant'");
  }
  if (c.lrStep !== 'epoch' && c.lrStep !== 'iteration') p.push("lrStep must be 'epoch' or 'iteration'");
  if (c.gradClipNorm !== null && !(finite(c.gradClipNorm) && c.gradClipNorm > 0))
    p.push('gradClipNorm must be > 0 or null');
  if (!(finite(c.loss.weightCe) && c.loss.weightCe >= 0)) p.push('loss.weightCe must be ≥ 0');
  if (!(finite(c.loss.weightDice) && c.loss.weightDice >= 0)) p.push('loss.weightDice must be ≥ 0');
  if (c.loss.weightCe + c.loss.weightDice === 0) p.push('loss needs a non-zero weight');
  if (typeof c.loss.deepSupervision !== 'boolean') p.push('loss.deepSupervision must be a boolean');
  const fg = c.sampling.foregroundProbability;
  if (!(finite(fg) && fg >= 0 && fg <= 1)) p.push('sampling.foregroundProbability must be in [0, 1]');
  if (c.sampling.mode !== 'crop' && c.sampling.mode !== 'direct')
    p.push("sampling.mode must be 'crop' or 'direct'");
  if (c.augmentation !== false) {
    try {
      resolveAugmentConfig(c.augmentation);
    } catch (err) {
      p.push(`augmentation: ${(err as Error).message}`);
    }
  }
  if (!(Number.isInteger(c.validation.iterations) && c.validation.iterations >= 0))
    p.push('validation.iterations must be an integer ≥ 0');
  const m = c.validation.emaMomentum;
  if (!(finite(m) && m >= 0 && m < 1)) p.push('validation.emaMomentum must be in [0, 1)');
  if (!posInt(c.preprocessing.fingerprintSamples))
    p.push('preprocessing.fingerprintSamples must be a positive integer');
  const ts = c.preprocessing.targetSpacing;
  if (ts !== null && !(Array.isArray(ts) && ts.length === 3 && ts.every((v) => finite(v) && v > 0)))
    p.push('preprocessing.targetSpacing must be null or three positive numbers');
  return p;
}

/** Defaults merged with `overrides` (one level deep), validated; throws one RangeError listing every problem. */
export function resolveTrainerConfig(overrides: TrainerOverrides = {}): TrainerConfig {
  const c = structuredClone(TRAINER_DEFAULTS) as TrainerConfig;
  const target = c as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) continue;
    const section = (NESTED as readonly string[]).includes(k);
    target[k] = section ? { ...(target[k] as object), ...structuredClone(v as object) } : structuredClone(v);
  }
  const problems = trainerConfigProblems(c);
  if (problems.length > 0) throw new RangeError(`invalid trainer config: ${problems.join('; ')}`);
  return c;
}

/** Total optimizer steps of a run. */
export function totalIterations(c: Pick<TrainerConfig, 'epochs' | 'iterationsPerEpoch'>): number {
  return c.epochs * c.iterationsPerEpoch;
}
