// Separable Gaussian blur with a per-axis sigma.
//
// Reference: spec §3.4 row 3; batchgeneratorsv2 v0.3 `GaussianBlurTransform` / `blur_dimension`: kernel of odd size
// nearest to 6σ + 0.5 (`_round_to_nearest_odd` with Python rounding; truncate 6 as passed by `blur_dimension`),
// taps exp(−x²/2σ²) at x = −(k−1)/2 … (k−1)/2 normalised to sum 1, 'reflect' padding (mirror without repeating
// the edge voxel), one 1-D convolution per axis in order D0, D1, D2.
// Deviation: reflection is repeated for axes shorter than the kernel radius (PyTorch would refuse them).
import type { Shape3 } from '../preprocess/layout.js';
import { roundHalfEven } from '../preprocess/numeric.js';

function roundToNearestOdd(x: number): number {
  const r = roundHalfEven(x);
  if (r % 2 === 1) return r;
  return x - r >= 0 ? r + 1 : r - 1;
}

export function gaussianKernel(sigma: number, truncate = 6): Float64Array {
  const size = Math.max(1, roundToNearestOdd(sigma * truncate + 0.5));
  const half = (size - 1) / 2;
  const k = new Float64Array(size);
  let sum = 0;
  for (let t = 0; t < size; t++) {
    const x = -half + t;
    k[t] = Math.exp(-0.5 * (x / sigma) ** 2);
    sum += k[t]!;
  }
  for (let t = 0; t < size; t++) k[t] = k[t]! / sum;
  return k;
}

function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}

/** Convolves `data` (network shape `shape`) along `axis` with a Gaussian of std `sigma`, in place. */
export function blurAxis(data: Float32Array, shape: Shape3, axis: 0 | 1 | 2, sigma: number): void {
  const kernel = gaussianKernel(sigma);
  const r = (kernel.length - 1) / 2;
  const n = shape[axis];
  const stride = axis === 0 ? shape[1] * shape[2] : axis === 1 ? shape[2] : 1;
  const lines = data.length / n;
  const line = new Float64Array(n);
  const taps = new Int32Array(n * kernel.length);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < kernel.length; t++) taps[i * kernel.length + t] = reflect(i - r + t, n);
  const inner = stride;
  for (let l = 0; l < lines; l++) {
    // line l: outer index o (over the axes before `axis`) and inner index (over the axes after it)
    const o = Math.floor(l / inner);
    const base = o * n * stride + (l % inner);
    for (let i = 0; i < n; i++) line[i] = data[base + i * stride]!;
    for (let i = 0; i < n; i++) {
      let v = 0;
      const tb = i * kernel.length;
      for (let t = 0; t < kernel.length; t++) v += kernel[t]! * line[taps[tb + t]!]!;
      data[base + i * stride] = v;
    }
  }
}

/** Separable Gaussian blur with sigmas per network axis, in place. */
export function gaussianBlur(data: Float32Array, shape: Shape3, sigmas: Shape3): void {
  for (const axis of [0, 1, 2] as const) blurAxis(data, shape, axis, sigmas[axis]);
}
