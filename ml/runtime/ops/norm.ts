// Instance norm, LeakyReLU and the average-pool shortcut.
import * as tf from '@tensorflow/tfjs';
import { checkStride, type Stride3 } from './types.js';

/**
 * Instance norm over the spatial axes of x [B, D, H, W, C] (per sample, per channel), biased
 * variance, eps inside the square root, then γ, β [C]. Reference: PyTorch InstanceNorm3d(affine=True,
 * track_running_stats=False). Custom gradient (the textbook closed form) so that backward is a few
 * passes and saves only x̂:
 *   dx = inv·(g − mean(g) − x̂·mean(g·x̂)),  g = dy·γ,  dγ = Σ dy·x̂,  dβ = Σ dy.
 */
export function instanceNorm(x: tf.Tensor5D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = 1e-5): tf.Tensor5D {
  const C = x.shape[4];
  if (gamma.shape[0] !== C || beta.shape[0] !== C)
    throw new Error(`instanceNorm: γ/β must have ${C} entries`);
  const f = tf.customGrad((xIn, gIn, bIn, save) => {
    const xs = xIn as tf.Tensor5D;
    const { mean, variance } = tf.moments(xs, [1, 2, 3], true);
    const inv = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(tf.sub(xs, mean), inv);
    (save as tf.GradSaveFunc)([xhat, inv, gIn as tf.Tensor]);
    return {
      value: tf.add(tf.mul(xhat, gIn as tf.Tensor), bIn as tf.Tensor) as tf.Tensor5D,
      gradFunc: (dy, saved) =>
        tf.tidy(() => {
          const [xh, iv, gm] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
          const g = tf.mul(dy, gm);
          const mg = tf.mean(g, [1, 2, 3], true);
          const mgx = tf.mean(tf.mul(g, xh), [1, 2, 3], true);
          const dx = tf.mul(tf.sub(tf.sub(g, mg), tf.mul(xh, mgx)), iv);
          return [dx, tf.sum(tf.mul(dy, xh), [0, 1, 2, 3]), tf.sum(dy, [0, 1, 2, 3])];
        }),
    };
  });
  return f(x, gamma, beta) as tf.Tensor5D;
}

/** LeakyReLU (PyTorch default slope 0.01). */
export function leakyRelu(x: tf.Tensor5D, alpha = 0.01): tf.Tensor5D {
  return tf.leakyRelu(x, alpha);
}

/** AvgPool3d with kernel = stride (no padding); every spatial size must be divisible by its stride. */
export function avgPool(x: tf.Tensor5D, stride: Stride3): tf.Tensor5D {
  checkStride(stride);
  x.shape.slice(1, 4).forEach((n, a) => {
    if (n % stride[a]! !== 0)
      throw new Error(`avgPool: axis ${a} size ${n} is not divisible by ${stride[a]}`);
  });
  const s: [number, number, number] = [stride[0], stride[1], stride[2]];
  return tf.avgPool3d(x, s, s, 'valid');
}
