// Separable Gaussian smoothing with σ in millimetres (anisotropic voxels get the same physical blur on every
// axis). Edges are clamped. Used to tame CBCT noise before thresholding.
import { axisLayout, type Dims } from './grid.js';

/** Normalised weights for offsets −r…r, r = ceil(3σ); null when σ < 0.25 voxel (no visible effect). */
export function gaussianWeights(sigmaVoxels: number): Float32Array | null {
  if (!(sigmaVoxels >= 0.25)) return null;
  const r = Math.ceil(3 * sigmaVoxels);
  const w = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let t = -r; t <= r; t++) sum += w[t + r] = Math.exp(-(t * t) / (2 * sigmaVoxels * sigmaVoxels));
  for (let t = 0; t < w.length; t++) w[t]! /= sum;
  return w;
}

/** Smooths `data` in place (one temporary array of the same size). */
export function gaussianSmoothInPlace(data: Float32Array, dims: Dims, spacing: Dims, sigmaMm: number): void {
  if (!(sigmaMm > 0)) return;
  let cur = data;
  let tmp: Float32Array | null = null;
  for (const axis of [0, 1, 2] as const) {
    const w = gaussianWeights(sigmaMm / spacing[axis]!);
    if (!w) continue;
    tmp ??= new Float32Array(data.length);
    const out: Float32Array = cur === data ? tmp : data;
    smoothAxis(cur, out, dims, axis, w);
    cur = out;
  }
  if (cur !== data) data.set(cur);
}

function smoothAxis(
  src: Float32Array,
  dst: Float32Array,
  dims: Dims,
  axis: 0 | 1 | 2,
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
