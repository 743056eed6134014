// matMul whose gradient transposes its operands explicitly before multiplying. On wasm a matMul with
// a transposed operand (what tf.matMul's own gradient uses) is ~10× slower than transposing first,
// and a rank-3 batched matMul is 4–10× slower than a loop of 2-D ones (architecture.md §4; measured
// again here: 128 × [128,128]·[128,80] took 234 ms batched, 46 ms looped), so on wasm the batched
// form runs as a loop.
import * as tf from '@tensorflow/tfjs';

/** Swaps the last two axes of a rank-2 or rank-3 tensor. */
export function swapLast<T extends tf.Tensor2D | tf.Tensor3D>(t: T): T {
  return (t.rank === 2 ? tf.transpose(t, [1, 0]) : tf.transpose(t, [0, 2, 1])) as T;
}

/** Plain product, rank 2, or rank 3 with equal batch (looped over the batch on wasm). */
function product<T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T {
  if (a.rank === 2 || tf.getBackend() !== 'wasm') return tf.matMul(a, b) as T;
  return tf.tidy(() => {
    const as = tf.unstack(a) as tf.Tensor2D[];
    const bs = tf.unstack(b) as tf.Tensor2D[];
    return tf.stack(as.map((x, i) => tf.matMul(x, bs[i]!))) as T;
  });
}

const matMulCustom = tf.customGrad((a, b, save) => {
  const at = a as tf.Tensor2D;
  const bt = b as tf.Tensor2D;
  (save as tf.GradSaveFunc)([at, bt]);
  return {
    value: product(at, bt),
    gradFunc: (dy, saved) =>
      tf.tidy(() => {
        const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        return [product(g, swapLast(sb)), product(swapLast(sa), g)];
      }),
  };
});

/** a [M, K] · b [K, N] (or [P, M, K] · [P, K, N]) with an explicit-transpose gradient. */
export function matMulT<T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T {
  if (a.rank !== b.rank) throw new Error(`matMul operands must have the same rank (${a.rank} vs ${b.rank})`);
  if (a.rank === 3 && a.shape[0] !== b.shape[0])
    throw new Error('batched matMul operands need equal batch sizes');
  return matMulCustom(a, b) as T;
}
