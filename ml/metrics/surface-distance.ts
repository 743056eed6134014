// Surface elements of two binary masks and their distances to the other mask's surface; normalised surface
// Dice (NSD) from them.
//
// Reference: spec §7 and the surface-distance code the official script imports (`compute_surface_distances`,
// `compute_surface_dice_at_tolerance`): crop to the bounding box of G ∪ P, give every lattice point between
// voxels (one more than the box per axis, zeros outside the mask) its 2×2×2 neighbourhood code, call points
// with a code other than 0 and 255 border points, weight each by its surfel area, take the exact Euclidean
// distance in mm (spacing-aware) from each border point of one mask to the nearest border point of the other,
// and NSD = (Σ area of G surfels within τ + Σ area of P surfels within τ) / (total G area + total P area),
// "within" meaning distance ≤ τ. A mask without border points gives +Infinity distances to the other.
// Deviation: areas are summed sequentially (numpy sums pairwise), so NSD can differ in the last bits
// (≤ 3e-13 seen against a re-run of the reference on random multi-label cases).

import type { Box, Vec3Like } from './types.js';
import { squaredEdt3d } from './edt.js';
import { cornerBit, surfelAreaTable } from './surface-area-table.js';

/** Which voxels of a label array form the mask: `label === null` means value > 0, else value === label. */
export interface MaskSelector {
  voxels: ArrayLike<number>;
  label: number | null;
}

export interface Surfels {
  /** Lattice indices of the border points inside the cropped lattice. */
  index: Int32Array;
  /** Surfel areas in mm². */
  area: Float64Array;
  /** Distance in mm to the nearest border point of the other mask (+Infinity if it has none). */
  distance: Float64Array;
}

export interface SurfaceDistances {
  gt: Surfels;
  pred: Surfels;
}

/**
 * Surfels and cross distances of two masks over `dims`, restricted to `box` (which must contain every voxel of
 * both masks — normally their union's bounding box).
 */
export function surfaceDistances(
  gt: MaskSelector,
  pred: MaskSelector,
  dims: Vec3Like,
  spacing: Vec3Like,
  box: Box,
): SurfaceDistances {
  const lattice: [number, number, number] = [0, 1, 2].map((a) => box.max[a]! - box.min[a]! + 2) as [
    number,
    number,
    number,
  ];
  const areas = surfelAreaTable(spacing);
  const gtCodes = neighbourCodes(gt, dims, box);
  const predCodes = neighbourCodes(pred, dims, box);
  const gtSurfels = collectBorder(gtCodes, areas);
  const predSurfels = collectBorder(predCodes, areas);
  const grid = new Float64Array(gtCodes.length);
  crossDistances(grid, lattice, spacing, predSurfels.index, gtSurfels);
  crossDistances(grid, lattice, spacing, gtSurfels.index, predSurfels);
  return { gt: gtSurfels, pred: predSurfels };
}

/** NSD from surfels; NaN when both surfaces are empty (callers apply the spec's empty-mask rules first). */
export function nsdFromDistances(d: SurfaceDistances, tolerance: number): number {
  let overlap = 0;
  let total = 0;
  for (const s of [d.gt, d.pred]) {
    for (let n = 0; n < s.area.length; n++) {
      const a = s.area[n] as number;
      total += a;
      if ((s.distance[n] as number) <= tolerance) overlap += a;
    }
  }
  return overlap / total;
}

/**
 * Neighbourhood codes on the lattice of `box` (size box + 1 per axis). Lattice point (u, v, w) sits between
 * voxels box.min + (u − 1 … u, v − 1 … v, w − 1 … w); voxels outside the box count as 0.
 */
function neighbourCodes(mask: MaskSelector, dims: Vec3Like, box: Box): Uint8Array {
  const [bx, by, bz] = [0, 1, 2].map((a) => box.max[a]! - box.min[a]! + 1) as [number, number, number];
  const [px, py, pz] = [bx + 2, by + 2, bz + 2];
  // padded copy: voxel (i, j, k) of the box at padded (i + 1, j + 1, k + 1), one zero layer around
  const padded = new Uint8Array(px * py * pz);
  const { voxels, label } = mask;
  const [nx, ny] = [dims[0], dims[1]];
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      let src = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      let dst = 1 + px * (j + 1 + py * (k + 1));
      if (label === null) for (let i = 0; i < bx; i++) padded[dst++] = (voxels[src++] as number) > 0 ? 1 : 0;
      else for (let i = 0; i < bx; i++) padded[dst++] = voxels[src++] === label ? 1 : 0;
    }
  }
  const [lx, ly, lz] = [bx + 1, by + 1, bz + 1];
  const codes = new Uint8Array(lx * ly * lz);
  const sj = px;
  const sk = px * py;
  const b100 = cornerBit(1, 0, 0);
  const b110 = cornerBit(1, 1, 0);
  const b101 = cornerBit(1, 0, 1);
  const b111 = cornerBit(1, 1, 1);
  // The di = 1 corners of one lattice point are the di = 0 corners of the next one along i, and in the
  // reference bit order a di = 0 corner's bit is its di = 1 partner's bit shifted left by one.
  const far = b100 | b110 | b101 | b111;
  if (((far << 1) | far) !== 255 || cornerBit(0, 1, 1) !== b111 << 1)
    throw new Error('unexpected bit layout');
  let out = 0;
  for (let w = 0; w < lz; w++) {
    for (let v = 0; v < ly; v++) {
      let p = px * (v + py * w);
      let c = 0; // code of the (virtual) lattice point left of u = 0: only its di = 1 corners matter
      for (let u = 0; u < lx; u++, p++, out++) {
        c = (c & far) << 1;
        if (padded[p + 1]) c |= b100;
        if (padded[p + sj + 1]) c |= b110;
        if (padded[p + sk + 1]) c |= b101;
        if (padded[p + sk + sj + 1]) c |= b111;
        codes[out] = c;
      }
    }
  }
  return codes;
}

function collectBorder(codes: Uint8Array, areas: Float64Array): Surfels {
  let count = 0;
  for (let n = 0; n < codes.length; n++) if (codes[n] !== 0 && codes[n] !== 255) count++;
  const index = new Int32Array(count);
  const area = new Float64Array(count);
  let m = 0;
  for (let n = 0; n < codes.length; n++) {
    const c = codes[n] as number;
    if (c !== 0 && c !== 255) {
      index[m] = n;
      area[m++] = areas[c] as number;
    }
  }
  return { index, area, distance: new Float64Array(count).fill(Infinity) };
}

/** Fills `to.distance` with the distance from each of its border points to the nearest of `from`. */
function crossDistances(
  grid: Float64Array,
  lattice: [number, number, number],
  spacing: Vec3Like,
  from: Int32Array,
  to: Surfels,
): void {
  if (from.length === 0) return; // stays +Infinity, as the reference does for an empty surface
  grid.fill(Infinity);
  for (let n = 0; n < from.length; n++) grid[from[n] as number] = 0;
  const rows = new Uint8Array(lattice[1] * lattice[2]); // only lines holding a query point must be finished
  for (let n = 0; n < to.index.length; n++) rows[Math.floor((to.index[n] as number) / lattice[0])] = 1;
  squaredEdt3d(grid, lattice, spacing, rows);
  for (let n = 0; n < to.index.length; n++) to.distance[n] = Math.sqrt(grid[to.index[n] as number] as number);
}
