// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher, "Distance transforms of sampled
// functions", 2012): one lower-envelope-of-parabolas pass per axis, in millimetres for anisotropic grids.

import type { Vec3 } from '../io/volume.js';

/** Squared distance reported where no feature voxel exists at all. */
export const NO_FEATURE = 1e20;

/**
 * Squared distance (mm²) from the centre of every voxel to the centre of the nearest voxel where
 * `feature` is non-zero (0 on feature voxels). Voxels outside the grid are never features.
 */
export function squaredDistanceTransform(feature: Uint8Array, dims: Vec3, spacing: Vec3): Float32Array {
  const [nx, ny, nz] = dims;
  const d = new Float32Array(feature.length);
  for (let n = 0; n < feature.length; n++) d[n] = feature[n] ? 0 : NO_FEATURE;
  const longest = Math.max(nx, ny, nz);
  const buf = {
    f: new Float64Array(longest),
    out: new Float64Array(longest),
    v: new Int32Array(longest),
    z: new Float64Array(longest + 1),
  };
  const line = (start: number, stride: number, n: number, s: number): void => {
    for (let q = 0; q < n; q++) buf.f[q] = d[start + q * stride] as number;
    envelope1d(buf, n, s);
    for (let q = 0; q < n; q++) d[start + q * stride] = buf.out[q] as number;
  };
  if (nx > 1) for (let r = 0; r < ny * nz; r++) line(r * nx, 1, nx, spacing[0]);
  if (ny > 1)
    for (let k = 0; k < nz; k++) for (let i = 0; i < nx; i++) line(i + k * nx * ny, nx, ny, spacing[1]);
  if (nz > 1) for (let p = 0; p < nx * ny; p++) line(p, nx * ny, nz, spacing[2]);
  return d;
}

/** Distance (mm) from every voxel inside `mask` to the nearest voxel outside it (0 outside the mask). */
export function depthInside(mask: Uint8Array, dims: Vec3, spacing: Vec3): Float32Array {
  const outside = new Uint8Array(mask.length);
  for (let n = 0; n < mask.length; n++) outside[n] = mask[n] ? 0 : 1;
  const d = squaredDistanceTransform(outside, dims, spacing);
  for (let n = 0; n < d.length; n++) d[n] = Math.sqrt(d[n] as number);
  return d;
}

interface LineBuffers {
  f: Float64Array;
  out: Float64Array;
  v: Int32Array;
  z: Float64Array;
}

/** out[q] = min_p ((q − p)·s)² + f[p], over the points p with a finite f (NO_FEATURE where there is none). */
function envelope1d(b: LineBuffers, n: number, s: number): void {
  const { f, out, v, z } = b;
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q] as number;
    if (fq >= NO_FEATURE) continue;
    const xq = q * s;
    let boundary = -Infinity;
    while (k >= 0) {
      const p = v[k] as number;
      const xp = p * s;
      boundary = (fq + xq * xq - ((f[p] as number) + xp * xp)) / (2 * (xq - xp));
      if (boundary <= (z[k] as number)) k--;
      else break;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : boundary;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(NO_FEATURE, 0, n);
    return;
  }
  let j = 0;
  for (let q = 0; q < n; q++) {
    const xq = q * s;
    while ((z[j + 1] as number) < xq) j++;
    const p = v[j] as number;
    const dx = xq - p * s;
    out[q] = dx * dx + (f[p] as number);
  }
}
