// Transposed convolution with kernel = stride (non-overlapping), two forms:
//  - matMul form: one matMul [N, Cin] · [Cin, sd·sh·sw·Cout] then depth-to-space with two rank-4
//    transposes (wasm, where conv3dTranspose is wrong — architecture.md §4);
//  - native form: tf.conv3dTranspose, for which this module registers the missing gradient of its
//    kernel Conv3DBackpropInputV2 (cpu has none; tensorflow brings its own).
// Filter layout [sd, sh, sw, Cout, Cin] (tf.conv3dTranspose's).
import * as tf from '@tensorflow/tfjs';
import { matMulT } from './matmul.js';
import { checkStride, type Stride3 } from './types.js';

function checkShapes(x: tf.Tensor5D, w: tf.Tensor5D, stride: Stride3): void {
  checkStride(stride);
  if (
    w.shape[0] !== stride[0] ||
    w.shape[1] !== stride[1] ||
    w.shape[2] !== stride[2] ||
    w.shape[4] !== x.shape[4]
  ) {
    throw new Error(
      `convTranspose: filter [${w.shape.join(', ')}] must be [${stride.join(', ')}, Cout, ${x.shape[4]}]`,
    );
  }
}

/** x [B,D,H,W,Cin], w [sd,sh,sw,Cout,Cin] → [B, D·sd, H·sh, W·sw, Cout]. */
export function convTransposeMatMul(
  x: tf.Tensor5D,
  w: tf.Tensor5D,
  b: tf.Tensor1D | null,
  stride: Stride3,
): tf.Tensor5D {
  checkShapes(x, w, stride);
  const [B, D, H, W, cin] = x.shape;
  const [sd, sh, sw, cout] = w.shape;
  return tf.tidy(() => {
    const wm = tf.reshape(tf.transpose(w, [4, 0, 1, 2, 3]), [cin, sd * sh * sw * cout]) as tf.Tensor2D;
    const y = matMulT(tf.reshape(x, [B * D * H * W, cin]) as tf.Tensor2D, wm); // rows (b,d,h,w), cols (kd,kh,kw,c)
    // (b,d,h·w,kd,[kh,kw,c]) → (b,d,kd,h·w,[kh,kw,c]); then (…,h,w,kh,[kw,c]) → (…,h,kh,w,[kw,c]).
    const s1 = tf.transpose(tf.reshape(y, [B * D, H * W, sd, sh * sw * cout]), [0, 2, 1, 3]);
    const s2 = tf.transpose(tf.reshape(s1, [B * D * sd * H, W, sh, sw * cout]), [0, 2, 1, 3]);
    const out = tf.reshape(s2, [B, D * sd, H * sh, W * sw, cout]) as tf.Tensor5D;
    return b ? tf.add(out, b) : out;
  });
}

let gradientRegistered = false;

/**
 * Registers a gradient for Conv3DBackpropInputV2 (the kernel behind tf.conv3dTranspose) unless one
 * exists. Reference: y = Jᵀ·dy where J is the conv map x ↦ conv3d(x, W), so
 *   ∂/∂dy = conv3d(g, W, strides, pad) and ∂/∂W = Conv3DBackpropFilterV2(x = g, dy = dy).
 */
export function registerConvTransposeGradient(): void {
  if (gradientRegistered || tf.getGradient(tf.Conv3DBackpropInputV2) !== undefined) {
    gradientRegistered = true;
    return;
  }
  tf.registerGradient({
    kernelName: tf.Conv3DBackpropInputV2,
    inputsToSave: ['dy', 'filter'],
    gradFunc: (g, saved, attrs) => {
      const [dy, filter] = saved as [tf.Tensor5D, tf.Tensor5D];
      const { strides, pad } = attrs as unknown as tf.Conv3DBackpropInputV2Attrs;
      const grad = g as tf.Tensor5D;
      return {
        dy: () => tf.conv3d(grad, filter, strides, pad),
        filter: () =>
          tf
            .engine()
            .runKernel(
              tf.Conv3DBackpropFilterV2,
              { x: grad, dy },
              { strides, pad, filterShape: filter.shape },
            ) as tf.Tensor5D,
      };
    },
  });
  gradientRegistered = true;
}

/** Native form: tf.conv3dTranspose (gradient registered above). */
export function convTransposeNative(
  x: tf.Tensor5D,
  w: tf.Tensor5D,
  b: tf.Tensor1D | null,
  stride: Stride3,
): tf.Tensor5D {
  checkShapes(x, w, stride);
  registerConvTransposeGradient();
  const [B, D, H, W] = x.shape;
  const outShape: [number, number, number, number, number] = [
    B,
    D * stride[0],
    H * stride[1],
    W * stride[2],
    w.shape[3],
  ];
  const y = tf.conv3dTranspose(x, w, outShape, [stride[0], stride[1], stride[2]], 'valid');
  return b ? tf.add(y, b) : y;
}
