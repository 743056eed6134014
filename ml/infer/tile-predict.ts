// One tile through the network with mirroring TTA: logits averaged over the members (each flipped back), the
// optional per-tile rescale, and the probability summaries — returned as one channels-last Float32Array
// [p0·p1·p2·(C + K)] (C logits, then K summaries).
//
// Reference: spec §6 steps 4–5; nnunetv2 `nnUNetPredictor._internal_maybe_mirror_and_predict` (sum of the
// identity and every flipped prediction flipped back, divided by their number — logits, not probabilities).
import * as tf from '@tensorflow/tfjs';
import type { Shape3 } from '../data/preprocess/layout.js';
import type { TileSummary } from './summaries.js';

export interface TilePredictor {
  numClasses: number;
  /** The tile size the network runs on. */
  patch: Shape3;
  /** Logits [n, p0, p1, p2, C] for an input [n, p0, p1, p2, 1]; called inside tf.tidy. */
  predict(x: tf.Tensor5D): tf.Tensor5D;
}

export interface TileOptions {
  members: number[][];
  summaries: readonly TileSummary[];
  tileRescaleMax: number | null;
  signal?: AbortSignal | undefined;
}

function flip(x: tf.Tensor5D, axes: number[]): tf.Tensor5D {
  return axes.length === 0
    ? x
    : (tf.reverse(
        x,
        axes.map((a) => a + 1),
      ) as tf.Tensor5D);
}

/** Network output channels (+ summaries) of one tile, [p0, p1, p2, C + K] flattened. */
export function predictTile(predictor: TilePredictor, tile: Float32Array, o: TileOptions): Float32Array {
  const p = predictor.patch;
  const x = tf.tensor5d(tile, [1, p[0], p[1], p[2], 1]);
  const memberSummaries = o.summaries.filter((s) => s.over === 'member');
  const needMeanProbs = o.summaries.some((s) => s.over === 'mean');
  let logitSum: tf.Tensor5D | null = null;
  let probSum: tf.Tensor5D | null = null;
  const memberSums: (tf.Tensor5D | null)[] = memberSummaries.map(() => null);
  const addTo = (acc: tf.Tensor5D | null, v: tf.Tensor5D): tf.Tensor5D => {
    if (acc === null) return v;
    const s = tf.add(acc, v) as tf.Tensor5D;
    acc.dispose();
    v.dispose();
    return s;
  };
  try {
    for (const axes of o.members) {
      o.signal?.throwIfAborted();
      const logits = tf.tidy(() => flip(predictor.predict(flip(x, axes)), axes));
      if (logits.shape[4] !== predictor.numClasses)
        throw new Error(`the network returned ${logits.shape[4]} channels, expected ${predictor.numClasses}`);
      if (memberSummaries.length > 0 || needMeanProbs) {
        const probs = tf.softmax(logits) as tf.Tensor5D;
        memberSummaries.forEach(
          (s, i) =>
            (memberSums[i] = addTo(
              memberSums[i]!,
              tf.tidy(() => s.fn(probs)),
            )),
        );
        if (needMeanProbs) probSum = addTo(probSum, probs);
        else probs.dispose();
      }
      logitSum = addTo(logitSum, logits);
    }
    const n = o.members.length;
    const out = tf.tidy(() => {
      let logits = tf.div(logitSum!, n) as tf.Tensor5D;
      if (o.tileRescaleMax !== null) logits = tf.div(logits, tf.div(tf.max(logits), o.tileRescaleMax));
      const parts: tf.Tensor5D[] = [logits];
      let m = 0;
      for (const s of o.summaries) {
        if (s.over === 'member') parts.push(tf.div(memberSums[m++]!, n) as tf.Tensor5D);
        else parts.push(s.fn(tf.div(probSum!, n) as tf.Tensor5D));
      }
      return parts.length === 1 ? parts[0]! : (tf.concat(parts, 4) as tf.Tensor5D);
    });
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return values;
  } finally {
    tf.dispose([x, ...(logitSum ? [logitSum] : []), ...(probSum ? [probSum] : [])]);
    memberSums.forEach((t) => t?.dispose());
  }
}
