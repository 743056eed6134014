// Per-voxel probability summaries for uncertainty, computed per tile without keeping the TTA members: a
// 'member' summary is evaluated on each member's softmax and averaged over the members; a 'mean' summary is
// evaluated once on the members' mean softmax. Both are then blended across tiles with the Gaussian weights
// like the logits, and restored to the source grid with the same trilinear interpolation.
// Mutual information (BALD) = entropyOfMean − entropy (both natural-log entropies).
// Deviation from a per-voxel posterior: overlapping tiles contribute Gaussian-weighted averages of their own
// summaries (a summary of the blended logits would need the members of every tile at once).
import * as tf from '@tensorflow/tfjs';

export interface TileSummary {
  name: string;
  over: 'member' | 'mean';
  /** probabilities [n, d0, d1, d2, C] → [n, d0, d1, d2, 1]. */
  fn(probs: tf.Tensor5D): tf.Tensor5D;
  /** Value on the source grid outside the cropped region (air: background with certainty). */
  outside: number;
}

const entropyOf = (p: tf.Tensor5D): tf.Tensor5D =>
  tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, 1e-12))), -1, true)) as tf.Tensor5D;

export const SUMMARIES: Readonly<Record<string, TileSummary>> = Object.freeze({
  /** Mean over TTA members of the largest softmax probability. */
  maxProb: { name: 'maxProb', over: 'member', fn: (p) => tf.max(p, -1, true) as tf.Tensor5D, outside: 1 },
  /** Mean over TTA members of the softmax entropy (nats). */
  entropy: { name: 'entropy', over: 'member', fn: entropyOf, outside: 0 },
  /** Entropy of the members' mean softmax (nats). */
  entropyOfMean: { name: 'entropyOfMean', over: 'mean', fn: entropyOf, outside: 0 },
});

export function resolveSummaries(names: readonly string[]): TileSummary[] {
  return names.map((n) => {
    const s = SUMMARIES[n];
    if (!s) throw new RangeError(`unknown summary '${n}' (known: ${Object.keys(SUMMARIES).join(', ')})`);
    return s;
  });
}
