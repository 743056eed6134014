// Small binary-morphology and box helpers on flat voxel arrays (i fastest).

import type { Vec3 } from '../io/volume.js';

/** Inclusive voxel box [lo, hi] per axis. */
export interface Box {
  lo: Vec3;
  hi: Vec3;
}

/** One step of dilation with the 6-neighbourhood (face neighbours). */
export function dilate6(mask: Uint8Array, dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const sy = nx;
  const sz = nx * ny;
  const out = new Uint8Array(mask.length);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = j * sy + k * sz;
      for (let i = 0; i < nx; i++) {
        const n = row + i;
        if (mask[n]) {
          out[n] = 1;
          if (i > 0) out[n - 1] = 1;
          if (i < nx - 1) out[n + 1] = 1;
          if (j > 0) out[n - sy] = 1;
          if (j < ny - 1) out[n + sy] = 1;
          if (k > 0) out[n - sz] = 1;
          if (k < nz - 1) out[n + sz] = 1;
        }
      }
    }
  }
  return out;
}

/** The smallest box holding every non-zero voxel, or null when there is none. */
export function boundingBox(mask: Uint8Array, dims: Vec3): Box | null {
  const [nx, ny, nz] = dims;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (!mask[n]) continue;
        if (i < lo[0]) lo[0] = i;
        if (i > hi[0]) hi[0] = i;
        if (j < lo[1]) lo[1] = j;
        if (j > hi[1]) hi[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (k > hi[2]) hi[2] = k;
      }
    }
  }
  return hi[0] < 0 ? null : { lo, hi };
}

/** A box grown by `margin` voxels per axis (it may then reach outside the grid). */
export function growBox(box: Box, margin: Vec3): Box {
  return {
    lo: [box.lo[0] - margin[0], box.lo[1] - margin[1], box.lo[2] - margin[2]],
    hi: [box.hi[0] + margin[0], box.hi[1] + margin[1], box.hi[2] + margin[2]],
  };
}

export function boxDims(box: Box): Vec3 {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

/** Copies the voxels of `box` out of a volume; voxels of the box outside the grid read as `fill`. */
export function cropBox<T extends Uint8Array | Float32Array>(
  data: T,
  dims: Vec3,
  box: Box,
  make: (length: number) => T,
  fill = 0,
): T {
  const [cx, cy, cz] = boxDims(box);
  const out = make(cx * cy * cz);
  let n = 0;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      const rowInside = k >= 0 && k < dims[2] && j >= 0 && j < dims[1];
      for (let i = box.lo[0]; i <= box.hi[0]; i++, n++) {
        out[n] =
          rowInside && i >= 0 && i < dims[0] ? (data[i + dims[0] * (j + dims[1] * k)] as number) : fill;
      }
    }
  }
  return out;
}

/** Calls `visit(volumeIndex, cropIndex)` for every voxel of `box` that lies inside the grid. */
export function forEachInBox(box: Box, dims: Vec3, visit: (n: number, c: number) => void): void {
  const [cx, cy] = boxDims(box);
  for (let k = Math.max(0, box.lo[2]); k <= Math.min(dims[2] - 1, box.hi[2]); k++) {
    for (let j = Math.max(0, box.lo[1]); j <= Math.min(dims[1] - 1, box.hi[1]); j++) {
      for (let i = Math.max(0, box.lo[0]); i <= Math.min(dims[0] - 1, box.hi[0]); i++) {
        const c = i - box.lo[0] + cx * (j - box.lo[1] + cy * (k - box.lo[2]));
        visit(i + dims[0] * (j + dims[1] * k), c);
      }
    }
  }
}

/** Maximum over a box window of half-widths `radius` (voxels) around every voxel, separably. */
export function maxFilter(data: Float32Array, dims: Vec3, radius: Vec3): Float32Array {
  let cur = data.slice();
  const strides: Vec3 = [1, dims[0], dims[0] * dims[1]];
  for (let axis = 0; axis < 3; axis++) {
    const r = radius[axis] as number;
    if (r < 1) continue;
    const n = dims[axis] as number;
    const stride = strides[axis] as number;
    const next = new Float32Array(cur.length);
    for (let base = 0; base < cur.length; base++) {
      const q = Math.floor(base / stride) % n;
      let m = -Infinity;
      const from = Math.max(0, q - r);
      const to = Math.min(n - 1, q + r);
      for (let p = from; p <= to; p++) {
        const v = cur[base + (p - q) * stride] as number;
        if (v > m) m = v;
      }
      next[base] = m;
    }
    cur = next;
  }
  return cur;
}
