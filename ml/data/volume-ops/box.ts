// Inclusive voxel boxes on flat volumes (i fastest): bounding box of a mask, growing, cropping and pasting.

import type { Dims } from './grid.js';

/** Inclusive voxel box [lo, hi] per axis. */
export interface Box {
  lo: [number, number, number];
  hi: [number, number, number];
}

/** The smallest box holding every non-zero voxel, or null when there is none. */
export function boundingBox(mask: ArrayLike<number>, dims: Dims): Box | null {
  const [nx, ny, nz] = dims;
  const lo: Box['lo'] = [nx, ny, nz];
  const hi: Box['hi'] = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let first = -1;
      let last = -1;
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n]) {
          if (first < 0) first = i;
          last = i;
        }
      }
      if (first < 0) continue;
      if (first < lo[0]) lo[0] = first;
      if (last > hi[0]) hi[0] = last;
      if (j < lo[1]) lo[1] = j;
      if (j > hi[1]) hi[1] = j;
      if (k < lo[2]) lo[2] = k;
      if (k > hi[2]) hi[2] = k;
    }
  }
  return hi[0] < 0 ? null : { lo, hi };
}

/**
 * `box` grown by `margin` voxels per axis. With `clipTo` (the grid's dims) the result is clipped to the grid;
 * without, it may reach outside it (see `cropBox`'s `fill`).
 */
export function growBox(box: Box, margin: Dims, clipTo?: Dims): Box {
  const lo: Box['lo'] = [box.lo[0] - margin[0], box.lo[1] - margin[1], box.lo[2] - margin[2]];
  const hi: Box['hi'] = [box.hi[0] + margin[0], box.hi[1] + margin[1], box.hi[2] + margin[2]];
  if (clipTo) {
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.max(0, lo[a]!);
      hi[a] = Math.min(clipTo[a]! - 1, hi[a]!);
    }
  }
  return { lo, hi };
}

export function boxDims(box: Box): [number, number, number] {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

/**
 * Copies the voxels of `box` out of a volume into a new array of the same type; voxels of the box outside the
 * grid read as `fill`. Rows are copied whole (no per-voxel bounds checks).
 */
export function cropBox<T extends Uint8Array | Float32Array>(src: T, dims: Dims, box: Box, fill = 0): T {
  const [bx, by, bz] = boxDims(box);
  const out = new (src.constructor as new (n: number) => T)(bx * by * bz);
  if (fill !== 0) out.fill(fill);
  // the part of every row that lies inside the grid: i in [i0, i1)
  const i0 = Math.max(0, box.lo[0]);
  const i1 = Math.min(dims[0], box.hi[0] + 1);
  let o = 0;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++, o += bx) {
      if (i0 >= i1 || k < 0 || k >= dims[2] || j < 0 || j >= dims[1]) continue;
      const row = dims[0] * (j + dims[1] * k);
      out.set(src.subarray(row + i0, row + i1), o + i0 - box.lo[0]);
    }
  }
  return out;
}

/** Writes a cropped array back into its place in a full volume (`box` must lie inside the grid). */
export function pasteBox(dst: Uint8Array, dims: Dims, box: Box, part: Uint8Array): void {
  const [bx, by, bz] = boxDims(box);
  let o = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const start = box.lo[0] + dims[0] * (box.lo[1] + j + dims[1] * (box.lo[2] + k));
      dst.set(part.subarray(o, o + bx), start);
      o += bx;
    }
  }
}

/** Calls `visit(volumeIndex, cropIndex)` for every voxel of `box` that lies inside the grid. */
export function forEachInBox(box: Box, dims: Dims, visit: (n: number, c: number) => void): void {
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
