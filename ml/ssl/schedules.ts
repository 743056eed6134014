// The per-iteration schedules of stages 2 and 3: the unlabelled share and the consistency ramp.
//
// Reference: spec §3.1, §3.2, §3.7. P(unlabelled) = min(max, start + e/E) at epoch e of E (stage 2: 0.1 → 0.5
// at 0.4·E; stage 3: 0.3 → 0.5 at 0.2·E). ω(t) = W_CR·exp(−5(1 − min(t, R)/R)²) with t the global micro-batch
// index (the reference's "iteration" counts micro-batches: 500 per epoch with ×2 accumulation) and
// R = int(rampFraction · epochs · micro-batches per epoch) — stage 2: 0.2·1000·500 = 100,000, stage 3: 12,500.
import { consistencyRampLength, consistencyRampWeight } from '../losses/index.js';
import type { TrainerConfig } from '../train/config.js';
import type { SemiSupervisedSettings } from './settings.js';

export function unlabeledProbability(
  s: SemiSupervisedSettings['unlabeled'],
  epoch: number,
  epochs: number,
): number {
  return Math.min(s.max, s.start + epoch / epochs);
}

type Counts = Pick<TrainerConfig, 'epochs' | 'iterationsPerEpoch' | 'accumulation'>;

export function microBatchesPerEpoch(c: Counts): number {
  return c.iterationsPerEpoch * c.accumulation.steps;
}

/** R in micro-batches. */
export function rampLength(s: SemiSupervisedSettings['consistency'], c: Counts): number {
  return consistencyRampLength(s.rampFraction, c.epochs, microBatchesPerEpoch(c));
}

/** Global micro-batch index of micro-batch `micro` of optimizer step `iteration`. */
export function microBatchIndex(c: Counts, iteration: number, micro: number): number {
  return iteration * c.accumulation.steps + micro;
}

/** ω at micro-batch index t. */
export function consistencyWeightAt(s: SemiSupervisedSettings['consistency'], c: Counts, t: number): number {
  return consistencyRampWeight(t, rampLength(s, c), s.weight);
}
