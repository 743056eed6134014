// Test-only label maps: boxes, balls, shifted copies and seeded random blobs.

import { createRng } from '../../util/rng.js';
import type { LabelMap } from '../types.js';

export type Dims = [number, number, number];

export function labelMap(dims: Dims, spacing: Dims, voxels?: Uint8Array): LabelMap & { voxels: Uint8Array } {
  return { dims, spacing, voxels: voxels ?? new Uint8Array(dims[0] * dims[1] * dims[2]) };
}

/** Sets voxels of the inclusive box [lo, hi] to `label`. */
export function paintBox(m: LabelMap & { voxels: Uint8Array }, lo: Dims, hi: Dims, label = 1): void {
  const [nx, ny] = m.dims;
  for (let k = lo[2]; k <= hi[2]; k++)
    for (let j = lo[1]; j <= hi[1]; j++)
      for (let i = lo[0]; i <= hi[0]; i++) m.voxels[i + nx * (j + ny * k)] = label;
}

/** Sets voxels whose centre lies within `radius` voxels of `centre` to `label`. */
export function paintBall(
  m: LabelMap & { voxels: Uint8Array },
  centre: Dims,
  radius: number,
  label = 1,
): void {
  const [nx, ny, nz] = m.dims;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const d = (i - centre[0]) ** 2 + (j - centre[1]) ** 2 + (k - centre[2]) ** 2;
        if (d <= radius * radius) m.voxels[i + nx * (j + ny * k)] = label;
      }
}

/** Copy of `voxels` moved by `by` voxels (zeros shifted in). */
export function shifted(voxels: ArrayLike<number>, dims: Dims, by: Dims): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const [a, b, c] = [i - by[0], j - by[1], k - by[2]];
        if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
        out[i + nx * (j + ny * k)] = voxels[a + nx * (b + ny * c)] as number;
      }
  return out;
}

/** Seeded random blobs (a few overlapping balls plus speckle) with label values from `labels`. */
export function randomBlobs(seed: number, dims: Dims, labels: number[] = [1], speckle = 0.03): Uint8Array {
  const rng = createRng(seed);
  const m = labelMap(dims, [1, 1, 1]);
  for (const label of labels) {
    const balls = rng.int(1, 3);
    for (let b = 0; b < balls; b++) {
      const c: Dims = [rng.uniform(0, dims[0]), rng.uniform(0, dims[1]), rng.uniform(0, dims[2])];
      paintBall(m, c, rng.uniform(1, Math.min(...dims) / 2.5), label);
    }
  }
  for (let n = 0; n < m.voxels.length; n++) {
    if (rng.next() < speckle)
      m.voxels[n] = rng.next() < 0.5 ? 0 : (labels[rng.int(0, labels.length - 1)] as number);
  }
  return m.voxels;
}
