// Convolutions through the backend's own kernels (tensorflow; cpu), with PyTorch's padding rule.
import * as tf from '@tensorflow/tfjs';
import { matMulT } from './matmul.js';
import { checkStride, isUnitStride, type Stride3 } from './types.js';

/**
 * 3×3×3 conv, padding 1. Deviation from a plain tf.conv3d(…, 'same'): for stride 2 TF's 'same' pads
 * 0 before / 1 after, PyTorch pads 1 before, so we pad explicitly and use 'valid'.
 */
export function conv3x3Native(
  x: tf.Tensor5D,
  w: tf.Tensor5D,
  b: tf.Tensor1D | null,
  stride: Stride3,
): tf.Tensor5D {
  checkStride(stride);
  return tf.tidy(() => {
    const y = isUnitStride(stride)
      ? tf.conv3d(x, w, 1, 'same')
      : tf.conv3d(
          tf.pad(x, [
            [0, 0],
            [1, 1],
            [1, 1],
            [1, 1],
            [0, 0],
          ]),
          w,
          [stride[0], stride[1], stride[2]],
          'valid',
        );
    return b ? tf.add(y, b) : y;
  });
}

/** 1×1×1 conv as one matMul; `explicitTranspose` picks the wasm-friendly gradient. */
export function conv1x1(
  x: tf.Tensor5D,
  w: tf.Tensor5D,
  b: tf.Tensor1D | null,
  explicitTranspose: boolean,
): tf.Tensor5D {
  const [B, D, H, W, cin] = x.shape;
  const cout = w.shape[4];
  if (w.shape[0] !== 1 || w.shape[1] !== 1 || w.shape[2] !== 1 || w.shape[3] !== cin) {
    throw new Error(`conv1x1: filter [${w.shape.join(', ')}] must be [1, 1, 1, ${cin}, Cout]`);
  }
  return tf.tidy(() => {
    const a = tf.reshape(x, [B * D * H * W, cin]) as tf.Tensor2D;
    const wm = tf.reshape(w, [cin, cout]) as tf.Tensor2D;
    const y = explicitTranspose ? matMulT(a, wm) : tf.matMul(a, wm);
    const out = tf.reshape(y, [B, D, H, W, cout]) as tf.Tensor5D;
    return b ? tf.add(out, b) : out;
  });
}
