// The trainer config of each SSL stage: the stage's reference settings, then the preset's iteration budget, then
// the caller's overrides (sections merged one level deep), resolved and validated by the trainer.
//
// Reference: spec §3.1 table (stages 2 and 3: batch 1 with ×2 accumulation, SGD Nesterov 0.99, weight decay 3e-5,
// clip 12; stage 2 poly LR 0.01 per epoch; stage 3 linear LR 1e-3 → 1e-5), §4.5 (DAE: batch 2, AdamW with weight
// decay 0.05, base LR 5e-5, clip 1, fp32). The DAE's AdamW ignores momentum/nesterov; its warm-up + cosine LR
// comes from ./dae/hooks.ts (the trainer config carries the base LR with a 'constant' schedule).
// Augmentation: stages 2/3 use the nnU-Net pipeline for labelled batches (and its spatial part for the weak view);
// the DAE applies none besides its corruptions.
// Deviation: stages 2/3 take the trainer's defaults for what spec §9 leaves to us: accumulation mode 'mean' (the
// intended behaviour; 'reference-defect' reproduces the released trainer) and foreground oversampling 0.33 (the
// reference's is effectively 0 with batch size 1). Both are overridable per run.
import type { TrainerConfig, TrainerOverrides } from '../train/config.js';
import { resolveTrainerConfig, STSR_TRAINER } from '../train/config.js';
import type { SslPreset, SslStage } from './presets.js';
import { iterationsPerEpoch } from './presets.js';

export const STAGE_NAMES: Record<SslStage, string> = {
  dae: 'ssl-dae',
  consistency: 'ssl-consistency',
  pseudolabel: 'ssl-pseudolabel',
};

export const STAGE_BASE: Record<SslStage, TrainerOverrides> = {
  dae: {
    stage: STAGE_NAMES.dae,
    batchSize: 2,
    accumulation: { steps: 1, mode: 'mean' },
    optimizer: { initialLr: 5e-5, momentum: 0, nesterov: false, weightDecay: 0.05 },
    lrSchedule: { kind: 'constant' },
    lrStep: 'iteration',
    gradClipNorm: 1,
    augmentation: false,
    sampling: { foregroundProbability: 0 },
  },
  consistency: {
    ...STSR_TRAINER,
    stage: STAGE_NAMES.consistency,
    optimizer: { initialLr: 1e-2, momentum: 0.99, nesterov: true, weightDecay: 3e-5 },
    lrSchedule: { kind: 'poly', exponent: 0.9 },
    lrStep: 'epoch',
    gradClipNorm: 12,
  },
  pseudolabel: {
    ...STSR_TRAINER,
    stage: STAGE_NAMES.pseudolabel,
    optimizer: { initialLr: 1e-3, momentum: 0.99, nesterov: true, weightDecay: 3e-5 },
    lrSchedule: { kind: 'linear', finalFactor: 0.01 },
    lrStep: 'epoch',
    gradClipNorm: 12,
  },
};

const NESTED = new Set(['accumulation', 'optimizer', 'loss', 'sampling', 'validation', 'preprocessing']);

/** Merges trainer overrides left to right (nested sections one level deep, like resolveTrainerConfig). */
export function mergeOverrides(...layers: TrainerOverrides[]): TrainerOverrides {
  const out: Record<string, unknown> = {};
  for (const layer of layers)
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      out[k] = NESTED.has(k) ? { ...(out[k] as object | undefined), ...(v as object) } : v;
    }
  return out as TrainerOverrides;
}

/** The resolved trainer config of `stage` under `preset`; `scans` = training scans (for 'scans' epochs). */
export function stageTrainerConfig(
  stage: SslStage,
  preset: SslPreset,
  scans: number,
  overrides: TrainerOverrides = {},
): TrainerConfig {
  const b = preset.stages[stage];
  const merged = mergeOverrides(STAGE_BASE[stage], overrides);
  const batch = merged.batchSize ?? 2;
  const budget: TrainerOverrides = {
    epochs: b.epochs,
    iterationsPerEpoch: iterationsPerEpoch(b, scans, batch),
    validation: { iterations: b.validationIterations },
    checkpointEvery: b.checkpointEvery,
  };
  return resolveTrainerConfig(mergeOverrides(STAGE_BASE[stage], budget, overrides));
}
