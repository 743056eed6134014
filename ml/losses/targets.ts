// Segmentation targets for the losses: one-hot encoding with an ignore label, nearest-neighbour
// downsampling of label maps for deep supervision, and a gradient stop.
//
// Internal target form (`OneHotTarget`): a float32 one-hot tensor [B, D0, D1, D2, C] in which an ignored
// voxel is an all-zero row, plus a float32 loss mask [B, D0, D1, D2, 1] (1 = counts) or null when no voxel
// is ignored. The Dice/CE code only multiplies and sums these, so a target that was derived from network
// outputs (pseudo labels) can sit on the gradient tape behind `stopGradient` without any op that lacks a
// gradient (tf.equal, tf.oneHot with int indices, gather on wasm) appearing on the tape.
import * as tf from '@tensorflow/tfjs';

export interface OneHotTarget {
  /** [B, D0, D1, D2, C] float32; ignored voxels are all-zero rows. */
  oneHot: tf.Tensor5D;
  /** [B, D0, D1, D2, 1] float32, 1 where the voxel counts; null = every voxel counts. */
  mask: tf.Tensor5D | null;
}

/**
 * Label map → one-hot. `labels`: [B, D0, D1, D2, 1] or [B, D0, D1, D2], int32 or float32 holding class ids
 * 0…C−1 (and optionally `ignoreLabel`). Voxels equal to `ignoreLabel` become all-zero rows and get mask 0.
 * Reference: nnU-Net `DC_and_CE_loss` with `ignore_label` (Dice target `where(mask, target, 0)` plus a loss
 * mask; CE `ignore_index`) — both reduce to "the voxel does not exist" for every sum, which is what the
 * zero row plus mask encodes. Labels outside 0…C−1 other than the ignore label are the caller's error
 * (nnU-Net would fail in `scatter_`); here they silently become zero rows that still count in the mask.
 */
export function oneHotTargets(labels: tf.Tensor, numClasses: number, ignoreLabel?: number): OneHotTarget {
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new RangeError(`numClasses must be ≥ 1`);
  const lab = asLabel5D(labels);
  try {
    const oneHot = tf.tidy(() => tf.cast(tf.equal(lab, tf.range(0, numClasses, 1, 'float32')), 'float32'));
    if (ignoreLabel === undefined) return { oneHot: oneHot as tf.Tensor5D, mask: null };
    const mask = tf.tidy(() => tf.cast(tf.notEqual(lab, ignoreLabel), 'float32')) as tf.Tensor5D;
    if (ignoreLabel < 0 || ignoreLabel >= numClasses) return { oneHot: oneHot as tf.Tensor5D, mask };
    const masked = tf.mul(oneHot, mask) as tf.Tensor5D;
    oneHot.dispose();
    return { oneHot: masked, mask };
  } finally {
    if (lab !== labels) lab.dispose();
  }
}

/** [B, D0, D1, D2] or [B, D0, D1, D2, 1] → float32 [B, D0, D1, D2, 1]. */
export function asLabel5D(labels: tf.Tensor): tf.Tensor5D {
  const s = labels.shape;
  if (s.length === 4) return tf.cast(tf.expandDims(labels, 4), 'float32') as tf.Tensor5D;
  if (s.length === 5 && s[4] === 1) return tf.cast(labels, 'float32') as tf.Tensor5D;
  throw new RangeError(`labels must be [B, D0, D1, D2] or [B, D0, D1, D2, 1], got [${s.join(', ')}]`);
}

/**
 * Nearest-neighbour resize of the spatial axes of x [B, D0, D1, D2, C] to `size` (no interpolation of
 * values, so label ids stay label ids). Source index per axis, with s = in/out:
 *   'nearest-exact': min(floor((i + 0.5)·s), in − 1)   — Reference: PyTorch `interpolate(mode='nearest-exact')`,
 *                     used by batchgeneratorsv2 `DownsampleSegForDSTransform` for real labels (spec §1.4);
 *   'nearest':       min(floor(i·s), in − 1)           — PyTorch `'nearest'`, used for pseudo labels (§3.8).
 * Integer factors (the usual case) are done as reshape + rank-4 slice per axis, which has a gradient on
 * every backend; other ratios use gather (no gradient on wasm: fine for data labels).
 */
export function resizeNearest(
  x: tf.Tensor5D,
  size: readonly [number, number, number],
  mode: 'nearest' | 'nearest-exact',
): tf.Tensor5D {
  return tf.tidy(() => {
    let y: tf.Tensor = x;
    for (let a = 0; a < 3; a++) {
      const n = y.shape[a + 1]!;
      const m = size[a]!;
      if (!Number.isInteger(m) || m < 1) throw new RangeError(`target size must be positive integers`);
      if (m === n) continue;
      const pre = y.shape.slice(0, a + 1).reduce((p, v) => p * v, 1);
      const post = y.shape.slice(a + 2).reduce((p, v) => p * v, 1);
      const outShape = y.shape.slice();
      outShape[a + 1] = m;
      if (n % m === 0) {
        const k = n / m;
        const offset = mode === 'nearest' ? 0 : Math.floor(k / 2);
        const r = tf.reshape(y, [pre, m, k, post]);
        y = tf.reshape(tf.slice(r, [0, 0, offset, 0], [pre, m, 1, post]), outShape);
      } else {
        const s = n / m;
        const idx = new Int32Array(m);
        for (let i = 0; i < m; i++) {
          idx[i] = Math.min(Math.floor((mode === 'nearest' ? i : i + 0.5) * s), n - 1);
        }
        const r = tf.reshape(y, [pre, n, post]);
        y = tf.reshape(tf.gather(r, tf.tensor1d(idx, 'int32'), 1), outShape);
      }
    }
    return y as tf.Tensor5D;
  });
}

/**
 * Identity in the forward pass, zero gradient backwards (PyTorch `detach()` / `no_grad` target).
 * Everything computed inside `f` runs off the gradient tape, so `f` may use ops without gradients.
 */
export function stopGradient<T extends tf.Tensor>(
  x: T,
  f: (x: T) => tf.Tensor = (v) => tf.clone(v),
): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as T;
    return { value: f(input), gradFunc: () => tf.zerosLike(input) };
  });
  return op(x);
}
