// Gaussian smoothing building blocks on flat float volumes (i fastest): normalised 1-D weights and one
// convolution pass along an axis with clamped edges. Callers turn σ in mm into voxels per axis (σ / spacing).

import { axisLayout, type Axis, type Dims } from './grid.js';

/**
 * Normalised Gaussian weights for offsets −r…r, r = ceil(3σ) (at least 1); null when σ is below
 * `minSigmaVoxels` (too small to matter for the caller).
 */
export function gaussianWeights(sigmaVoxels: number, minSigmaVoxels: number): Float32Array | null {
  if (!(sigmaVoxels >= minSigmaVoxels)) return null;
  const r = Math.max(1, Math.ceil(3 * sigmaVoxels));
  const w = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let t = -r; t <= r; t++) {
    const v = Math.exp(-(t * t) / (2 * sigmaVoxels * sigmaVoxels));
    w[t + r] = v;
    sum += v;
  }
  for (let t = 0; t < w.length; t++) w[t]! /= sum;
  return w;
}

/**
 * dst = src convolved with weights `w` (odd length) along one axis, edges clamped. Each output voxel is summed
 * in float64 over the taps from −r to r and rounded once when stored. `src` and `dst` must not overlap.
 */
export function convolveAxis(
  src: Float32Array,
  dst: Float32Array,
  dims: Dims,
  axis: Axis,
  w: Float32Array,
): void {
  const { outer, n, inner } = axisLayout(dims, axis);
  const r = (w.length - 1) / 2;
  if (inner === 1) {
    // Along rows: one scalar accumulation per output voxel.
    for (let o = 0; o < outer; o++) {
      const base = o * n;
      for (let t = 0; t < n; t++) {
        let acc = 0;
        if (t >= r && t + r < n) {
          for (let d = 0; d < w.length; d++) acc += w[d]! * src[base + t - r + d]!;
        } else {
          for (let d = -r; d <= r; d++) acc += w[d + r]! * src[base + Math.min(n - 1, Math.max(0, t + d))]!;
        }
        dst[base + t] = acc;
      }
    }
    return;
  }
  // Across rows / slices: whole rows at once, one sequential stream per tap.
  const from = new Int32Array(w.length);
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let t = 0; t < n; t++) {
      for (let d = -r; d <= r; d++) from[d + r] = base + Math.min(n - 1, Math.max(0, t + d)) * inner;
      const out = base + t * inner;
      for (let x = 0; x < inner; x++) {
        let acc = 0;
        for (let d = 0; d < w.length; d++) acc += w[d]! * src[from[d]! + x]!;
        dst[out + x] = acc;
      }
    }
  }
}
