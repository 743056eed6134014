// Binary morphology on flat 0/1 masks (i fastest) with a cuboid ('box') or a cross-shaped ('cross')
// structuring element of half-widths `radius` voxels per axis (derived from mm by the caller).
// 'box': the window of (2r + 1) voxels along every axis, as three chained separable 1-D passes; separable
// and fast, and for clean-up radii of a few voxels close enough to a ball. 'cross': the voxel and its face
// neighbours along the axes whose radius is 1 (radius 0 or 1 only); [1, 1, 1] is the 6-neighbourhood, and
// repeating it r times grows by r voxels in city-block distance.
// Outside the grid counts as unset for dilation and is ignored for erosion. Masks must hold 0/1.

import { axisLayout, type Axis, type Dims } from './grid.js';

export type Radius = readonly [number, number, number];
/** Structuring element shape (see the header). */
export type Shape = 'box' | 'cross';

/** The 6-neighbourhood as a cross radius: `dilate(mask, dims, FACE_NEIGHBOURS, 'cross')` is one face-step. */
export const FACE_NEIGHBOURS: Radius = [1, 1, 1];

export function dilate(mask: Uint8Array, dims: Dims, radius: Radius, shape: Shape = 'box'): Uint8Array {
  return apply(mask, dims, radius, shape, false);
}

export function erode(mask: Uint8Array, dims: Dims, radius: Radius, shape: Shape = 'box'): Uint8Array {
  return apply(mask, dims, radius, shape, true);
}

/** Dilation followed by erosion with the same shape. */
export function close(mask: Uint8Array, dims: Dims, radius: Radius, shape: Shape = 'box'): Uint8Array {
  return erode(dilate(mask, dims, radius, shape), dims, radius, shape);
}

function apply(mask: Uint8Array, dims: Dims, radius: Radius, shape: Shape, isErode: boolean): Uint8Array {
  if (shape === 'cross') return crossSpread(mask, dims, radius, isErode);
  let cur = mask;
  for (const axis of [0, 1, 2] as const) {
    const r = radius[axis];
    if (r > 0) {
      const next = Uint8Array.from(cur);
      windowPass(cur, next, dims, axis, r, isErode);
      cur = next;
    }
  }
  return cur === mask ? Uint8Array.from(mask) : cur;
}

/**
 * Cross element (radius 0 or 1 per axis): every set voxel (dilation) or unset voxel (erosion) spreads its
 * value to its face neighbours along the axes with radius 1, inside the grid. Only those voxels do any work,
 * which keeps sparse masks cheap.
 */
function crossSpread(mask: Uint8Array, dims: Dims, radius: Radius, isErode: boolean): Uint8Array {
  if (radius.some((r) => r > 1))
    throw new RangeError(`a cross element has radius 0 or 1 per axis, got ${radius}`);
  const [nx, ny, nz] = dims;
  const [ex, ey, ez] = [radius[0] > 0, radius[1] > 0, radius[2] > 0];
  const sy = nx;
  const sz = nx * ny;
  const value = isErode ? 0 : 1;
  const out = new Uint8Array(mask.length);
  if (isErode) out.fill(1);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = j * sy + k * sz;
      for (let i = 0; i < nx; i++) {
        const n = row + i;
        if (mask[n] !== value) continue;
        out[n] = value;
        if (ex) {
          if (i > 0) out[n - 1] = value;
          if (i < nx - 1) out[n + 1] = value;
        }
        if (ey) {
          if (j > 0) out[n - sy] = value;
          if (j < ny - 1) out[n + sy] = value;
        }
        if (ez) {
          if (k > 0) out[n - sz] = value;
          if (k < nz - 1) out[n + sz] = value;
        }
      }
    }
  }
  return out;
}

/**
 * dst[t] OR= (dilate) / AND= (erode) src[t−r … t+r] (clipped to the grid) along one axis, computed as
 * whole-span operations with the input shifted by ±d lines (tight loops, no per-voxel bounds checks).
 * `dst` starts as a copy of `src`.
 */
function windowPass(
  src: Uint8Array,
  dst: Uint8Array,
  dims: Dims,
  axis: Axis,
  r: number,
  isErode: boolean,
): void {
  const { outer, n, inner } = axisLayout(dims, axis);
  const len = n * inner;
  for (let o = 0; o < outer; o++) {
    const base = o * len;
    for (let d = 1; d <= Math.min(r, n - 1); d++) {
      const shift = d * inner;
      const end = base + len - shift;
      if (isErode) {
        for (let x = base; x < end; x++) dst[x]! &= src[x + shift]!;
        for (let x = base; x < end; x++) dst[x + shift]! &= src[x]!;
      } else {
        for (let x = base; x < end; x++) dst[x]! |= src[x + shift]!;
        for (let x = base; x < end; x++) dst[x + shift]! |= src[x]!;
      }
    }
  }
}
