// Separable Gaussian blur of a float volume (i fastest), with the sigma given in millimetres so that
// anisotropic voxels are blurred by the same physical amount along every axis. Edges are clamped. Weights and
// the pass along i come from ../volume-ops/gaussian.ts.

import type { Vec3 } from '../io/volume.js';
import { convolveAxis, gaussianWeights } from '../volume-ops/gaussian.js';
import { axisLayout } from '../volume-ops/grid.js';

/** Normalised Gaussian weights for offsets −r…r, r = ceil(3σ); null when σ < 0.2 voxel (too small to matter). */
export function gaussianKernel(sigmaVoxels: number): Float32Array | null {
  return gaussianWeights(sigmaVoxels, 0.2);
}

/** Blurs `data` in place with a Gaussian of standard deviation `sigmaMm` (per axis: sigmaMm / spacing). */
export function gaussianBlur3d(data: Float32Array, dims: Vec3, spacing: Vec3, sigmaMm: number): void {
  if (!(sigmaMm > 0)) return;
  const src = new Float32Array(data.length);
  const kx = gaussianKernel(sigmaMm / spacing[0]);
  if (kx) {
    src.set(data);
    convolveAxis(src, data, dims, 0, kx);
  }
  // Along j and k whole rows (resp. slices) are combined at once, which keeps memory access sequential.
  // Unlike convolveAxis, these passes keep the running sum in the float32 output after every tap: the
  // phantom's volumes were made that way, and summing in float64 would change their bytes.
  const ky = gaussianKernel(sigmaMm / spacing[1]);
  if (ky) {
    src.set(data);
    blurStrided(src, data, dims, 1, ky);
  }
  const kz = gaussianKernel(sigmaMm / spacing[2]);
  if (kz) {
    src.set(data);
    blurStrided(src, data, dims, 2, kz);
  }
}

/**
 * Convolution along axis j or k, whose elements are `stride` apart: the volume is seen as `outer` blocks,
 * each holding `n` runs of `stride` contiguous values; run q of a block is combined with runs q−r…q+r.
 */
function blurStrided(src: Float32Array, dst: Float32Array, dims: Vec3, axis: 1 | 2, w: Float32Array): void {
  const { outer, n, inner: stride } = axisLayout(dims, axis);
  const r = (w.length - 1) / 2;
  for (let o = 0; o < outer; o++) {
    const block = o * n * stride;
    for (let q = 0; q < n; q++) {
      const out = block + q * stride;
      dst.fill(0, out, out + stride);
      for (let t = -r; t <= r; t++) {
        let p = q + t;
        if (p < 0) p = 0;
        else if (p >= n) p = n - 1;
        const wt = w[t + r] as number;
        const inp = block + p * stride;
        for (let i = 0; i < stride; i++)
          dst[out + i] = (dst[out + i] as number) + wt * (src[inp + i] as number);
      }
    }
  }
}
