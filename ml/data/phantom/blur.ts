// Separable Gaussian blur of a float volume (i fastest), with the sigma given in millimetres so that
// anisotropic voxels are blurred by the same physical amount along every axis. Edges are clamped.

import type { Vec3 } from '../io/volume.js';

/** Normalised Gaussian weights for offsets −r…r, r = ceil(3σ); null when σ is too small to matter. */
export function gaussianKernel(sigmaVoxels: number): Float32Array | null {
  if (!(sigmaVoxels >= 0.2)) return null;
  const r = Math.max(1, Math.ceil(3 * sigmaVoxels));
  const w = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let t = -r; t <= r; t++) {
    const v = Math.exp(-(t * t) / (2 * sigmaVoxels * sigmaVoxels));
    w[t + r] = v;
    sum += v;
  }
  for (let t = 0; t < w.length; t++) w[t] = (w[t] as number) / sum;
  return w;
}

/** Blurs `data` in place with a Gaussian of standard deviation `sigmaMm` (per axis: sigmaMm / spacing). */
export function gaussianBlur3d(data: Float32Array, dims: Vec3, spacing: Vec3, sigmaMm: number): void {
  if (!(sigmaMm > 0)) return;
  const [nx, ny, nz] = dims;
  const src = new Float32Array(data.length);
  const kx = gaussianKernel(sigmaMm / spacing[0]);
  if (kx) {
    src.set(data);
    blurRows(src, data, nx, ny * nz, kx);
  }
  // Along j and k whole rows (resp. slices) are combined at once, which keeps memory access sequential.
  const ky = gaussianKernel(sigmaMm / spacing[1]);
  if (ky) {
    src.set(data);
    blurStrided(src, data, nx, ny, nz, ky);
  }
  const kz = gaussianKernel(sigmaMm / spacing[2]);
  if (kz) {
    src.set(data);
    blurStrided(src, data, nx * ny, nz, 1, kz);
  }
}

/** 1-D convolution of `count` contiguous rows of length `n`. */
function blurRows(src: Float32Array, dst: Float32Array, n: number, count: number, w: Float32Array): void {
  const r = (w.length - 1) / 2;
  for (let row = 0; row < count; row++) {
    const base = row * n;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let t = -r; t <= r; t++) {
        let q = i + t;
        if (q < 0) q = 0;
        else if (q >= n) q = n - 1;
        acc += (w[t + r] as number) * (src[base + q] as number);
      }
      dst[base + i] = acc;
    }
  }
}

/**
 * Convolution along an axis whose elements are `stride` apart: the volume is seen as `outer` blocks,
 * each holding `n` runs of `stride` contiguous values; run q of a block is combined with runs q−r…q+r.
 */
function blurStrided(
  src: Float32Array,
  dst: Float32Array,
  stride: number,
  n: number,
  outer: number,
  w: Float32Array,
): void {
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
