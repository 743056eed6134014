// Pseudo-label (self-training) loss for stage 3 unlabelled steps.
//
// Reference: spec §3.8 (`semisupervised_step`): from the SAME forward pass on the weak view, take the
// full-resolution output, softmax, argmax class and its probability; voxels with probability < 0.75 get
// class 0. Lower-resolution targets come from that map by PyTorch 'nearest' (index floor(i·s)). Loss:
// Dice + CE (weights 1/1, no background, per sample, smooth 0) with ignore label 0 — predicted background
// and low-confidence voxels leave both terms — DS-weighted. The trainer multiplies the result by
// W_PL = 0.1 (`PSEUDO_LABEL_WEIGHT`); it is not included here. No gradient flows through the targets.
import * as tf from '@tensorflow/tfjs';
import { diceCeLoss, type DiceCeOptions } from './compound.js';
import { deepSupervise, deepSupervisionWeights, spatialSize } from './deep-supervision.js';
import { resizeNearest, stopGradient, type OneHotTarget } from './targets.js';

/** Confidence below which a pseudo label is discarded (spec §3.8). */
export const PSEUDO_LABEL_THRESHOLD = 0.75;
/** W_PL, the trainer's factor on the pseudo-label loss (spec §3.8). */
export const PSEUDO_LABEL_WEIGHT = 0.1;
/** Probability that an unlabelled stage-3 iteration uses this loss instead of the consistency loss. */
export const PSEUDO_LABEL_PROBABILITY = 0.25;

/**
 * Pseudo labels from logits [B, D0, D1, D2, C] as class ids, float32 [B, D0, D1, D2, 1]: argmax of the
 * softmax where its probability ≥ threshold, else 0. Not differentiable; for inspection and tests.
 */
export function pseudoLabels(logits: tf.Tensor5D, threshold = PSEUDO_LABEL_THRESHOLD): tf.Tensor5D {
  return tf.tidy(() => {
    const p = tf.softmax(logits);
    const confident = tf.greaterEqual(tf.max(p, -1, true), threshold);
    const arg = tf.cast(tf.expandDims(tf.argMax(p, -1), -1), 'float32');
    return tf.where(confident, arg, tf.zerosLike(arg)) as tf.Tensor5D;
  });
}

/**
 * The pseudo-label target at full resolution: one-hot of `pseudoLabels` with label 0 ignored (zero rows),
 * mask = label ≠ 0. Safe to use inside a gradient computation (built behind a gradient stop).
 */
export function pseudoLabelTarget(logits: tf.Tensor5D, threshold = PSEUDO_LABEL_THRESHOLD): OneHotTarget {
  return tf.tidy(() => {
    const c = logits.shape[4];
    const oneHot = stopGradient(logits, (l) => {
      const lab = pseudoLabels(l as tf.Tensor5D, threshold);
      const hot = tf.cast(tf.equal(lab, tf.range(0, c, 1, 'float32')), 'float32');
      return tf.mul(hot, tf.cast(tf.notEqual(lab, 0), 'float32'));
    }) as tf.Tensor5D;
    return { oneHot, mask: maskOf(oneHot) };
  });
}

/** Counted-voxel mask [B, D0, D1, D2, 1] of a one-hot with zero rows for ignored voxels (off the tape). */
function maskOf(oneHot: tf.Tensor5D): tf.Tensor5D {
  return stopGradient(oneHot, (h) => tf.sum(h, -1, true)) as tf.Tensor5D;
}

export interface PseudoLabelLossOptions extends Omit<DiceCeOptions, 'ignoreLabel'> {
  /** Default 0.75. */
  threshold?: number;
  /** Per-level weights (default `deepSupervisionWeights(outputs.length)`). */
  weights?: readonly number[];
}

/**
 * L_PL (without W_PL): `outputs` are the weak view's logits [B, d0, d1, d2, C], highest resolution first;
 * targets come from outputs[0]. Returns a scalar; 0 when no voxel is confidently foreground.
 */
export function pseudoLabelLoss(
  outputs: readonly tf.Tensor5D[],
  opts: PseudoLabelLossOptions = {},
): tf.Scalar {
  const first = outputs[0];
  if (!first) throw new RangeError('pseudoLabelLoss needs at least one output');
  const weights = opts.weights ?? deepSupervisionWeights(outputs.length);
  return tf.tidy(() => {
    const full = pseudoLabelTarget(first, opts.threshold ?? PSEUDO_LABEL_THRESHOLD);
    const targets = outputs.map((o, i): OneHotTarget | null => {
      if (weights[i] === 0) return null;
      if (i === 0) return full;
      const size = spatialSize(o);
      const oneHot = stopGradient(full.oneHot, (h) => resizeNearest(h as tf.Tensor5D, size, 'nearest'));
      return { oneHot: oneHot as tf.Tensor5D, mask: maskOf(oneHot as tf.Tensor5D) };
    });
    const diceCe: DiceCeOptions = { ...opts };
    return deepSupervise(outputs, targets, (o, t) => (t ? diceCeLoss(o, t, diceCe) : tf.scalar(0)), weights);
  });
}
