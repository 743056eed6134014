// Test-only reference for the surface metrics, written independently of surface-distance.ts and edt.ts:
// surfels are found by looking up the 8 voxels around every lattice point of the whole (uncropped) volume, and
// distances by exhaustive search — all pairs (`bruteDistances`, O(n·m), small shapes only) or, for larger
// masks, every lattice point inside the box of half-size ⌈τ/s⌉ around each surfel (`windowedNsd`, which can
// only tell within-τ from beyond, all the NSD needs). Only the surfel-area table is shared (tested on its own).
// Distances are summed in the reference's order (z, y, x) so that exact ties round the same way.

import { cornerBit, surfelAreaTable } from '../surface-area-table.js';

export type Dims = [number, number, number];

export interface BruteSurfels {
  /** Lattice coordinates (u, v, w): the point between voxels u−1…u, v−1…v, w−1…w. */
  points: [number, number, number][];
  areas: number[];
}

export function bruteSurfels(mask: ArrayLike<number>, dims: Dims, spacing: Dims): BruteSurfels {
  const [nx, ny, nz] = dims;
  const table = surfelAreaTable(spacing);
  const at = (i: number, j: number, k: number) =>
    i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && mask[i + nx * (j + ny * k)] ? 1 : 0;
  const points: [number, number, number][] = [];
  const areas: number[] = [];
  for (let w = 0; w <= nz; w++) {
    for (let v = 0; v <= ny; v++) {
      for (let u = 0; u <= nx; u++) {
        let code = 0;
        for (let dk = 0; dk < 2; dk++)
          for (let dj = 0; dj < 2; dj++)
            for (let di = 0; di < 2; di++)
              if (at(u - 1 + di, v - 1 + dj, w - 1 + dk)) code |= cornerBit(di, dj, dk);
        if (code !== 0 && code !== 255) {
          points.push([u, v, w]);
          areas.push(table[code] as number);
        }
      }
    }
  }
  return { points, areas };
}

function distance(a: [number, number, number], b: [number, number, number], s: Dims): number {
  const dz = (a[2] - b[2]) * s[2];
  const dy = (a[1] - b[1]) * s[1];
  const dx = (a[0] - b[0]) * s[0];
  return Math.sqrt(dz * dz + dy * dy + dx * dx);
}

/** Distance from every surfel of `from` to the nearest surfel of `to` (all pairs; +Infinity if `to` is empty). */
export function bruteDistances(from: BruteSurfels, to: BruteSurfels, spacing: Dims): number[] {
  return from.points.map((a) => {
    let best = Infinity;
    for (const b of to.points) best = Math.min(best, distance(a, b, spacing));
    return best;
  });
}

/** NSD from all-pairs distances (NaN when both surfaces are empty). */
export function bruteNsd(
  gt: ArrayLike<number>,
  pred: ArrayLike<number>,
  dims: Dims,
  spacing: Dims,
  tau: number,
) {
  const g = bruteSurfels(gt, dims, spacing);
  const p = bruteSurfels(pred, dims, spacing);
  const dg = bruteDistances(g, p, spacing);
  const dp = bruteDistances(p, g, spacing);
  return nsdOf(g.areas, dg, p.areas, dp, tau);
}

/** NSD by exhaustive search of each surfel's τ-window (exact for the within-τ decision). */
export function windowedNsd(
  gt: ArrayLike<number>,
  pred: ArrayLike<number>,
  dims: Dims,
  spacing: Dims,
  tau: number,
) {
  const g = bruteSurfels(gt, dims, spacing);
  const p = bruteSurfels(pred, dims, spacing);
  const near = (from: BruteSurfels, to: BruteSurfels) => {
    const [lx, ly, lz] = [dims[0] + 1, dims[1] + 1, dims[2] + 1];
    const flag = new Uint8Array(lx * ly * lz);
    for (const [u, v, w] of to.points) flag[u + lx * (v + ly * w)] = 1;
    const r = spacing.map((s) => Math.ceil(tau / s));
    return from.points.map((a) => {
      for (let w = Math.max(0, a[2] - r[2]!); w <= Math.min(lz - 1, a[2] + r[2]!); w++)
        for (let v = Math.max(0, a[1] - r[1]!); v <= Math.min(ly - 1, a[1] + r[1]!); v++)
          for (let u = Math.max(0, a[0] - r[0]!); u <= Math.min(lx - 1, a[0] + r[0]!); u++)
            if (flag[u + lx * (v + ly * w)] && distance(a, [u, v, w], spacing) <= tau) return 0;
      return Infinity;
    });
  };
  return nsdOf(g.areas, near(g, p), p.areas, near(p, g), tau);
}

function nsdOf(ag: number[], dg: number[], ap: number[], dp: number[], tau: number): number {
  let overlap = 0;
  let total = 0;
  ag.forEach((a, n) => {
    total += a;
    if ((dg[n] as number) <= tau) overlap += a;
  });
  ap.forEach((a, n) => {
    total += a;
    if ((dp[n] as number) <= tau) overlap += a;
  });
  return overlap / total;
}
