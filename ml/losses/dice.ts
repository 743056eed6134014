// Soft Dice loss on softmax probabilities.
//
// Reference: spec §3.3 / nnU-Net v2 `MemoryEfficientSoftDiceLoss` (as configured by the STSR trainer):
//   p = softmax(logits) over all C classes (background included in the softmax);
//   per sample b and class c (classes 1…C−1 when doBackground is false):
//     I = Σ_v p·y·m,  P = Σ_v p·m,  G = Σ_v y·m          (m = loss mask, 1 when absent)
//   batchDice: I, P, G are summed over the batch first (one value per class);
//   dc = (2I + smooth) / max(G + P + smooth, 1e-8);  loss = −mean(dc) over every (b, c) entry.
// A class absent from both target and prediction therefore contributes dc = 0 (not 1) to the mean, and the
// loss lies in [−1, 0].
import * as tf from '@tensorflow/tfjs';
import type { OneHotTarget } from './targets.js';

export interface DiceOptions {
  /** Include class 0 in the Dice (default false, spec §3.3 do_bg = false). */
  doBackground?: boolean;
  /** Sum over the batch before dividing (default false, spec §3.3 batch_dice = false). */
  batchDice?: boolean;
  /** Added to numerator and denominator (default 0: the STSR trainer sets smooth = 0; nnU-Net's default is 1e-5). */
  smooth?: number;
}

/** Per-(sample, class) sums over the voxels of a [B, D0, D1, D2, C] tensor → [B, C]. */
export function spatialSum(x: tf.Tensor): tf.Tensor2D {
  const [b, d0, d1, d2, c] = x.shape as [number, number, number, number, number];
  return tf.sum(tf.reshape(x, [b, d0 * d1 * d2, c]), 1) as tf.Tensor2D;
}

/**
 * Soft Dice loss from probabilities. `probs`, `target.oneHot`: [B, D0, D1, D2, C]; `target.mask`:
 * [B, D0, D1, D2, 1] or null. Returns a scalar (−mean Dice).
 */
export function softDiceFromProbs(
  probs: tf.Tensor5D,
  target: OneHotTarget,
  opts: DiceOptions = {},
): tf.Scalar {
  const smooth = opts.smooth ?? 0;
  return tf.tidy(() => {
    checkSameShape(probs, target.oneHot);
    const y = target.oneHot;
    // y is already zero where the mask is 0, so only the prediction sum needs the mask.
    let inter = spatialSum(tf.mul(probs, y));
    let pred = spatialSum(target.mask ? tf.mul(probs, target.mask) : probs);
    let gt = spatialSum(y);
    const c = probs.shape[4];
    if (!(opts.doBackground ?? false)) {
      if (c < 2) throw new RangeError('Dice without background needs at least 2 classes');
      const b = probs.shape[0];
      // Slicing the small [B, C] sums, not the rank-5 tensors (architecture.md §4: no rank-5 slice on wasm).
      inter = tf.slice(inter, [0, 1], [b, c - 1]);
      pred = tf.slice(pred, [0, 1], [b, c - 1]);
      gt = tf.slice(gt, [0, 1], [b, c - 1]);
    }
    if (opts.batchDice ?? false) {
      inter = tf.sum(inter, 0, true);
      pred = tf.sum(pred, 0, true);
      gt = tf.sum(gt, 0, true);
    }
    const num = tf.add(tf.mul(inter, 2), smooth);
    const den = tf.maximum(tf.add(tf.add(gt, pred), smooth), 1e-8);
    return tf.neg(tf.mean(tf.div(num, den))) as tf.Scalar;
  });
}

/** Soft Dice loss from logits [B, D0, D1, D2, C] (softmax over the last axis first). */
export function softDiceLoss(logits: tf.Tensor5D, target: OneHotTarget, opts: DiceOptions = {}): tf.Scalar {
  return tf.tidy(() => softDiceFromProbs(tf.softmax(logits) as tf.Tensor5D, target, opts));
}

export function checkSameShape(a: tf.Tensor, b: tf.Tensor): void {
  if (a.shape.length !== b.shape.length || a.shape.some((v, i) => v !== b.shape[i])) {
    throw new RangeError(
      `shape mismatch: prediction [${a.shape.join(', ')}] vs target [${b.shape.join(', ')}]`,
    );
  }
}
