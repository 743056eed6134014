// Dice + cross-entropy compound loss for one output resolution.
//
// Reference: spec §3.3 / nnU-Net `DC_and_CE_loss` as built by the STSR trainer: weight_ce = 1,
// weight_dice = 1, soft Dice with do_bg = false, batch_dice = false, smooth = 0;
//   loss = weightCe·CE + weightDice·(−mean Dice)   (so it can be negative).
// With an ignore label the ignored voxels leave both terms (Dice loss mask, CE ignore_index); when no voxel
// is left the CE term is 0, as nnU-Net skips it.
import * as tf from '@tensorflow/tfjs';
import { crossEntropyLoss } from './cross-entropy.js';
import { softDiceFromProbs, type DiceOptions } from './dice.js';
import { oneHotTargets, type OneHotTarget } from './targets.js';

export interface DiceCeOptions extends DiceOptions {
  /** Default 1. */
  weightCe?: number;
  /** Default 1. */
  weightDice?: number;
  /** Label id excluded from both terms (default none; spec §3.3 uses none, §3.8 pseudo labels use 0). */
  ignoreLabel?: number;
}

/**
 * Dice + CE from logits [B, D0, D1, D2, C] and either a label map ([B, D0, D1, D2, 1] or
 * [B, D0, D1, D2], class ids, same spatial size) or a ready `OneHotTarget` (whose own mask then applies
 * and `ignoreLabel` is not used). Returns a scalar.
 */
export function diceCeLoss(
  logits: tf.Tensor5D,
  target: tf.Tensor | OneHotTarget,
  opts: DiceCeOptions = {},
): tf.Scalar {
  const weightCe = opts.weightCe ?? 1;
  const weightDice = opts.weightDice ?? 1;
  return tf.tidy(() => {
    const t = target instanceof tf.Tensor ? oneHotTargets(target, logits.shape[4], opts.ignoreLabel) : target;
    let loss = tf.scalar(0);
    if (weightDice !== 0) {
      const dice = softDiceFromProbs(tf.softmax(logits) as tf.Tensor5D, t, opts);
      loss = tf.add(loss, tf.mul(dice, weightDice));
    }
    if (weightCe !== 0) loss = tf.add(loss, tf.mul(crossEntropyLoss(logits, t), weightCe));
    return loss as tf.Scalar;
  });
}
