// Consistency regularisation (stage 2/3 unlabelled steps): softmax MSE over the deep-supervision outputs and
// its ramp-up weight.
//
// Reference: spec §3.7 (`SoftmaxMSELoss`, `calculate_semisupervised_weight`, `semisupervised_step`):
//   per DS level: mean over batch × C channels (background included) × voxels of
//     (softmax(prediction) − softmax(target))², the target taken without gradient;
//   levels combined with the DS weights of §1.4;
//   ω(t) = W_CR · exp(−5·(1 − min(t, R)/R)²), W_CR = 50, t = global iteration, R = ramp length.
// The [P] paper calls it an L1 loss; the code (and this port) uses MSE of probabilities.
import * as tf from '@tensorflow/tfjs';
import { checkSameShape } from './dice.js';
import { deepSupervise, deepSupervisionWeights } from './deep-supervision.js';
import { stopGradient } from './targets.js';

/** W_CR, the consistency weight reached at the end of the ramp (spec §3.7). */
export const CONSISTENCY_WEIGHT = 50;

/**
 * mean((softmax(prediction) − softmax(target))²). `prediction`, `target`: logits [B, D0, D1, D2, C] of the
 * same shape. No gradient flows into `target` even if it was computed on the tape. Returns a scalar.
 */
export function softmaxMseLoss(prediction: tf.Tensor5D, target: tf.Tensor5D): tf.Scalar {
  return tf.tidy(() => {
    checkSameShape(prediction, target);
    const q = stopGradient(target, (t) => tf.softmax(t));
    return tf.mean(tf.squaredDifference(tf.softmax(prediction), q)) as tf.Scalar;
  });
}

/**
 * L_CR: softmax MSE between the perturbed (strong view) outputs and the clean (weak view) outputs, per
 * DS level, DS-weighted. Both lists: logits, highest resolution first, matching shapes. The ramp weight
 * ω(t) is not included — the trainer multiplies by `consistencyRampWeight(t, R)`.
 */
export function consistencyLoss(
  predictions: readonly tf.Tensor5D[],
  targets: readonly tf.Tensor5D[],
  weights: readonly number[] = deepSupervisionWeights(predictions.length),
): tf.Scalar {
  return deepSupervise(predictions, targets, softmaxMseLoss, weights);
}

/**
 * ω(t) = maxWeight · exp(−5·(1 − min(t, R)/R)²) for t ≥ 0 (negative t is clamped to 0); R = 0 gives
 * maxWeight. Reference: Laine & Aila's sigmoid ramp-up as used by `calculate_semisupervised_weight`.
 * ω(0) = 50·e⁻⁵ ≈ 0.3369, ω(R/2) = 50·e^(−1.25) ≈ 14.33, ω(R) = 50.
 */
export function consistencyRampWeight(t: number, rampLength: number, maxWeight = CONSISTENCY_WEIGHT): number {
  if (!(rampLength >= 0)) throw new RangeError(`ramp length must be ≥ 0, got ${rampLength}`);
  if (rampLength === 0) return maxWeight;
  const phase = 1 - Math.min(Math.max(t, 0), rampLength) / rampLength;
  return maxWeight * Math.exp(-5 * phase * phase);
}

/**
 * Ramp length in iterations: int(fraction · epochs · iterationsPerEpoch), as the reference computes it
 * (stage 2: 0.2 · 1000 · 500 = 100,000; stage 3: 0.05 · 500 · 500 = 12,500), truncating like Python's
 * int(). The same left-to-right float products as the reference, so both stages give the exact integers.
 */
export function consistencyRampLength(fraction: number, epochs: number, iterationsPerEpoch: number): number {
  return Math.trunc(fraction * epochs * iterationsPerEpoch);
}
