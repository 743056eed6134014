// Deep supervision: loss weights per output resolution, label pyramids, and the weighted sum.
//
// Reference: spec §1.4. The network returns its logit maps highest resolution first
// ([full, 1/2, 1/4, 1/8, 1/16, 1/32] for STSR). Weights: raw 1/2^i, the last (lowest resolution) set to 0,
// normalised to sum 1 → [0.51613, 0.25806, 0.12903, 0.06452, 0.03226, 0]. Targets for the lower
// resolutions are the label map resized by nearest-exact to each output's size (batchgeneratorsv2
// `DownsampleSegForDSTransform`); levels with weight 0 are skipped entirely, as nnU-Net's
// `DeepSupervisionWrapper` does.
import * as tf from '@tensorflow/tfjs';
import { diceCeLoss, type DiceCeOptions } from './compound.js';
import { asLabel5D, resizeNearest } from './targets.js';

/**
 * Weights for `levels` deep-supervision outputs (highest resolution first): 1/2^i, the last one zeroed
 * when `zeroLowest` (default true, as the reference; with a single level it is kept), normalised to sum 1.
 */
export function deepSupervisionWeights(levels: number, zeroLowest = true): number[] {
  if (!Number.isInteger(levels) || levels < 1) throw new RangeError(`levels must be a positive integer`);
  const raw = Array.from({ length: levels }, (_, i) => 1 / 2 ** i);
  if (zeroLowest && levels > 1) raw[levels - 1] = 0;
  const sum = raw.reduce((a, v) => a + v, 0);
  return raw.map((v) => v / sum);
}

/** Spatial size [D0, D1, D2] of a [B, D0, D1, D2, C] tensor. */
export function spatialSize(x: tf.Tensor): [number, number, number] {
  return [x.shape[1]!, x.shape[2]!, x.shape[3]!];
}

/**
 * The label pyramid for deep supervision: `labels` ([B, D0, D1, D2, 1] or [B, D0, D1, D2]) resized to
 * the spatial size of each output (nearest-exact by default; 'nearest' for pseudo labels, spec §3.8).
 * Levels listed in `skip` get null. Returns float32 [B, d0, d1, d2, 1] tensors (the caller disposes them).
 */
export function labelPyramid(
  labels: tf.Tensor,
  outputs: readonly tf.Tensor[],
  mode: 'nearest' | 'nearest-exact' = 'nearest-exact',
  skip: ReadonlySet<number> = new Set(),
): (tf.Tensor5D | null)[] {
  return outputs.map((o, i) =>
    skip.has(i) ? null : tf.tidy(() => resizeNearest(asLabel5D(labels), spatialSize(o), mode)),
  );
}

/**
 * Σ_i w_i · loss(outputs[i], targets[i]) over the levels with w_i ≠ 0 (others are not evaluated).
 * `weights` default: `deepSupervisionWeights(outputs.length)`.
 */
export function deepSupervise<T>(
  outputs: readonly tf.Tensor5D[],
  targets: readonly T[],
  loss: (output: tf.Tensor5D, target: T) => tf.Scalar,
  weights: readonly number[] = deepSupervisionWeights(outputs.length),
): tf.Scalar {
  if (targets.length !== outputs.length || weights.length !== outputs.length) {
    throw new RangeError(
      `deep supervision needs one target and weight per output (${outputs.length} outputs, ` +
        `${targets.length} targets, ${weights.length} weights)`,
    );
  }
  return tf.tidy(() => {
    const terms: tf.Tensor[] = [];
    outputs.forEach((o, i) => {
      const w = weights[i]!;
      if (w !== 0) terms.push(tf.mul(loss(o, targets[i]!), w));
    });
    return (terms.length === 0 ? tf.scalar(0) : tf.addN(terms)) as tf.Scalar;
  });
}

export interface SupervisedLossOptions extends DiceCeOptions {
  /** Per-level weights (default `deepSupervisionWeights(outputs.length)`). */
  weights?: readonly number[];
}

/**
 * The labelled loss L_S (spec §3.3): Dice + CE on every deep-supervision output against the label map
 * resized (nearest-exact) to that output, DS-weighted. `outputs`: logits [B, d0, d1, d2, C], highest
 * resolution first (a single full-resolution output works too: weight 1); `labels`: class ids at the
 * resolution of outputs[0], [B, D0, D1, D2, 1] or [B, D0, D1, D2]; the −1 of voxels outside the nonzero
 * crop must already be mapped to 0 (spec §3.3, `RemoveLabelTansform`). Returns a scalar.
 */
export function supervisedLoss(
  outputs: readonly tf.Tensor5D[],
  labels: tf.Tensor,
  opts: SupervisedLossOptions = {},
): tf.Scalar {
  const weights = opts.weights ?? deepSupervisionWeights(outputs.length);
  return tf.tidy(() => {
    const skip = new Set(weights.flatMap((w, i) => (w === 0 ? [i] : [])));
    const targets = labelPyramid(labels, outputs, 'nearest-exact', skip);
    return deepSupervise(outputs, targets, (o, t) => (t ? diceCeLoss(o, t, opts) : tf.scalar(0)), weights);
  });
}
