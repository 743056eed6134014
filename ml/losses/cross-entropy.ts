// Multi-class cross-entropy on logits, with an optional ignore label.
//
// Reference: spec §3.3 / nnU-Net `RobustCrossEntropyLoss` (PyTorch `CrossEntropyLoss`, reduction 'mean',
// `ignore_index`): loss = Σ_{counted v} −log softmax(logits_v)[y_v] / #counted voxels, over the whole batch.
// With no counted voxel PyTorch gives NaN, and nnU-Net's `DC_and_CE_loss` skips the CE term instead (it
// checks the number of non-ignored voxels); we divide by max(#counted, 1), which yields that same 0
// without a data-dependent branch.
import * as tf from '@tensorflow/tfjs';
import { checkSameShape } from './dice.js';
import type { OneHotTarget } from './targets.js';

/**
 * Cross-entropy from logits [B, D0, D1, D2, C] and a one-hot target of the same shape (ignored voxels are
 * zero rows, `target.mask` [B, D0, D1, D2, 1] marks the counted voxels; null = all count). Returns a scalar.
 */
export function crossEntropyLoss(logits: tf.Tensor5D, target: OneHotTarget): tf.Scalar {
  return tf.tidy(() => {
    checkSameShape(logits, target.oneHot);
    const logp = tf.logSoftmax(logits);
    // −Σ_c y_c log p_c per voxel; ignored voxels have y = 0 and contribute 0.
    const total = tf.sum(tf.mul(target.oneHot, tf.neg(logp)));
    if (target.mask === null) {
      const [b, d0, d1, d2] = logits.shape;
      return tf.div(total, b * d0 * d1 * d2) as tf.Scalar;
    }
    return tf.div(total, tf.maximum(tf.sum(target.mask), 1)) as tf.Scalar;
  });
}
