// Separable Gaussian smoothing with σ in millimetres (anisotropic voxels get the same physical blur on every
// axis). Edges are clamped. Used to tame CBCT noise before thresholding. Weights and passes come from
// ../../data/volume-ops/gaussian.ts.
import { convolveAxis, gaussianWeights } from '../../data/volume-ops/gaussian.js';
import type { Dims } from '../../data/volume-ops/grid.js';

/** Below this σ (in voxels) an axis is left alone (no visible effect). */
const MIN_SIGMA_VOXELS = 0.25;

/** Smooths `data` in place (one temporary array of the same size). */
export function gaussianSmoothInPlace(data: Float32Array, dims: Dims, spacing: Dims, sigmaMm: number): void {
  if (!(sigmaMm > 0)) return;
  let cur = data;
  let tmp: Float32Array | null = null;
  for (const axis of [0, 1, 2] as const) {
    const w = gaussianWeights(sigmaMm / spacing[axis]!, MIN_SIGMA_VOXELS);
    if (!w) continue;
    tmp ??= new Float32Array(data.length);
    const out: Float32Array = cur === data ? tmp : data;
    convolveAxis(cur, out, dims, axis, w);
    cur = out;
  }
  if (cur !== data) data.set(cur);
}
