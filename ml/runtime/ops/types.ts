// Shared types of the op layer. Layout is channels-last throughout:
//   activations x: [B, D, H, W, C]            (D = axis 0 of the volume, W = fastest axis)
//   3×3×3 / 1×1×1 filters: [kd, kh, kw, Cin, Cout]   (PyTorch Conv3d [out,in,kd,kh,kw] → permute 2,3,4,1,0)
//   transposed-conv filters: [sd, sh, sw, Cout, Cin]  (tf.conv3dTranspose layout; PyTorch [in,out,kd,kh,kw]
//                                                      → permute 2,3,4,1,0)
//   biases, norm γ/β: [C]
import type * as tf from '@tensorflow/tfjs';

/** Per-axis stride (D, H, W); every entry 1 or 2. */
export type Stride3 = readonly [number, number, number];

/** How convolutions are computed: the backend's own kernels, or matMul-based forms with custom gradients. */
export type ConvImpl = 'native' | 'matmul';

export interface Ops {
  /** Implementation of the convolutions (for logs and tests). */
  readonly impl: ConvImpl;
  /** 3×3×3 convolution, padding 1 on every side (PyTorch `padding=1`), stride 1 or 2 per axis. */
  conv3x3(x: tf.Tensor5D, w: tf.Tensor5D, b: tf.Tensor1D | null, stride: Stride3): tf.Tensor5D;
  /** 1×1×1 convolution; `w` is [1, 1, 1, Cin, Cout]. */
  conv1x1(x: tf.Tensor5D, w: tf.Tensor5D, b: tf.Tensor1D | null): tf.Tensor5D;
  /** Transposed convolution with kernel = stride (non-overlapping): [B,D,H,W,Cin] → [B,D·sd,H·sh,W·sw,Cout]. */
  convTranspose(x: tf.Tensor5D, w: tf.Tensor5D, b: tf.Tensor1D | null, stride: Stride3): tf.Tensor5D;
  /** Average pooling with kernel = stride (the residual shortcut's downsampling). */
  avgPool(x: tf.Tensor5D, stride: Stride3): tf.Tensor5D;
  /** Instance norm: per sample and channel, mean and biased variance over D, H, W; then γ, β. */
  instanceNorm(x: tf.Tensor5D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps?: number): tf.Tensor5D;
  /** LeakyReLU, negative slope 0.01 by default. */
  leakyRelu(x: tf.Tensor5D, alpha?: number): tf.Tensor5D;
  /** a · b for 2-D a [M, K], b [K, N] (or batched rank 3 with equal batch). */
  matMul<T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T;
}

export function isUnitStride(s: Stride3): boolean {
  return s[0] === 1 && s[1] === 1 && s[2] === 1;
}

export function checkStride(s: Stride3): void {
  if (s.length !== 3 || s.some((v) => v !== 1 && v !== 2)) {
    throw new Error(`stride must be three entries of 1 or 2, got [${s.join(', ')}]`);
  }
}

/** Output size of a 3×3×3 conv with padding 1 along one axis (PyTorch rule). */
export function convOutSize(n: number, stride: number): number {
  return Math.floor((n - 1) / stride) + 1;
}
