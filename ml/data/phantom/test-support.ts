// Checks shared by the phantom tests (not part of the public API).

import type { Vec3 } from '../io/volume.js';

/** Number of 26-connected components of the voxels where `mask(n)` holds. */
export function countComponents(dims: Vec3, mask: (n: number) => boolean): number {
  return labelComponents(dims, mask).count;
}

/** 26-connected components: the component number (1…count) of every voxel, 0 outside the mask. */
export function labelComponents(
  dims: Vec3,
  mask: (n: number) => boolean,
): { ids: Int32Array; count: number } {
  const [nx, ny, nz] = dims;
  const seen = new Int32Array(nx * ny * nz);
  const stack: number[] = [];
  let count = 0;
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] || !mask(start)) continue;
    count++;
    seen[start] = count;
    stack.push(start);
    while (stack.length > 0) {
      const n = stack.pop() as number;
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      for (let c = Math.max(0, k - 1); c <= Math.min(nz - 1, k + 1); c++) {
        for (let b = Math.max(0, j - 1); b <= Math.min(ny - 1, j + 1); b++) {
          for (let a = Math.max(0, i - 1); a <= Math.min(nx - 1, i + 1); a++) {
            const m = a + nx * (b + ny * c);
            if (!seen[m] && mask(m)) {
              seen[m] = count;
              stack.push(m);
            }
          }
        }
      }
    }
  }
  return { ids: seen, count };
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
