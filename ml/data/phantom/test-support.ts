// Checks shared by the phantom tests (not part of the public API).

import type { Vec3 } from '../io/volume.js';
import { connectedComponents } from '../volume-ops/components.js';

/** Number of 26-connected components of the voxels where `mask(n)` holds. */
export function countComponents(dims: Vec3, mask: (n: number) => boolean): number {
  return labelComponents(dims, mask).count;
}

/** 26-connected components: the component number (1…count) of every voxel, 0 outside the mask. */
export function labelComponents(
  dims: Vec3,
  mask: (n: number) => boolean,
): { ids: Int32Array; count: number } {
  const selected = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let n = 0; n < selected.length; n++) selected[n] = mask(n) ? 1 : 0;
  const { labels, sizes } = connectedComponents(selected, dims, 26);
  return { ids: labels, count: sizes.length - 1 };
}

/**
 * Pulp voxels (label 2) having a face neighbour that is neither tooth (1) nor pulp (2), or lying on the
 * volume border; returns how many there are.
 */
export function exposedPulpVoxels(label: ArrayLike<number>, dims: Vec3): number {
  const [nx, ny, nz] = dims;
  let bad = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        if (label[n] !== 2) continue;
        if (i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1) {
          bad++;
          continue;
        }
        for (const m of [n - 1, n + 1, n - nx, n + nx, n - nx * ny, n + nx * ny]) {
          const l = label[m];
          if (l !== 1 && l !== 2) {
            bad++;
            break;
          }
        }
      }
    }
  }
  return bad;
}

/** Mean and standard deviation of `values` where `mask(n)` holds (NaN when empty). */
export function statsWhere(
  values: ArrayLike<number>,
  mask: (n: number) => boolean,
): { mean: number; std: number; count: number } {
  let sum = 0;
  let sum2 = 0;
  let count = 0;
  for (let n = 0; n < values.length; n++) {
    if (!mask(n)) continue;
    const v = values[n] as number;
    sum += v;
    sum2 += v * v;
    count++;
  }
  const mean = sum / count;
  return { mean, std: Math.sqrt(Math.max(0, sum2 / count - mean * mean)), count };
}

export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}
