// Binary morphology with a cuboid structuring element (half-widths in voxels per axis, derived from mm by
// the caller), as three separable 1-D passes (OR / AND over a window of 2r + 1 voxels).
// Deviation from a ball element: a box is separable and fast; for clean-up radii of a few voxels the
// difference is immaterial. Outside the grid counts as unset for dilation and is ignored for erosion.
// Masks must hold 0/1.
import { axisLayout, type Dims } from './grid.js';

type Radius = readonly [number, number, number];

export function dilate(mask: Uint8Array, dims: Dims, radius: Radius): Uint8Array {
  return pass3(mask, dims, radius, false);
}

export function erode(mask: Uint8Array, dims: Dims, radius: Radius): Uint8Array {
  return pass3(mask, dims, radius, true);
}

export function close(mask: Uint8Array, dims: Dims, radius: Radius): Uint8Array {
  return erode(dilate(mask, dims, radius), dims, radius);
}

function pass3(mask: Uint8Array, dims: Dims, radius: Radius, isErode: boolean): Uint8Array {
  let cur = mask;
  for (const axis of [0, 1, 2] as const) {
    const r = radius[axis]!;
    if (r > 0) cur = pass1(cur, dims, axis, r, isErode);
  }
  return cur === mask ? Uint8Array.from(mask) : cur;
}

/**
 * out[t] = OR (dilate) / AND (erode) of in[t−r … t+r] (clipped to the grid) along one axis, computed as
 * whole-span operations with the input shifted by ±d lines (tight loops, no per-voxel bounds checks).
 */
function pass1(src: Uint8Array, dims: Dims, axis: 0 | 1 | 2, r: number, isErode: boolean): Uint8Array {
  const { outer, n, inner } = axisLayout(dims, axis);
  const dst = Uint8Array.from(src);
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
  return dst;
}
