// An estimate of the patient's soft-tissue outline from the bones and teeth: in every axial slice the
// convex hull of the hard tissue, dilated by a margin (cheeks, lips, chin). Slices without hard tissue
// take the outline of the nearest slice that has some.

import type { Vec3 } from '../io/volume.js';
import { squaredDistanceTransform } from './edt.js';

export function bodyMask(tissue: Uint8Array, dims: Vec3, spacing: Vec3, marginMm: number): Uint8Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const body = new Uint8Array(tissue.length);
  const filled: boolean[] = [];
  for (let k = 0; k < nz; k++) {
    const hull = convexHull(slicePoints(tissue, nx, ny, k));
    if (hull.length === 0) {
      filled.push(false);
      continue;
    }
    const slice = new Uint8Array(plane);
    fillConvexPolygon(slice, nx, ny, hull);
    const d2 = squaredDistanceTransform(slice, [nx, ny, 1], spacing);
    const m2 = marginMm * marginMm;
    for (let p = 0; p < plane; p++) body[k * plane + p] = (d2[p] as number) <= m2 ? 1 : 0;
    filled.push(true);
  }
  if (!filled.some(Boolean)) return body;
  for (let k = 0; k < nz; k++) {
    if (filled[k]) continue;
    let src = -1;
    for (let step = 1; src < 0; step++) {
      if (k - step >= 0 && filled[k - step]) src = k - step;
      else if (k + step < nz && filled[k + step]) src = k + step;
    }
    body.copyWithin(k * plane, src * plane, (src + 1) * plane);
  }
  return body;
}

type Point = [number, number];

/** The leftmost and rightmost hard-tissue voxel of every row of slice k (enough for the hull). */
function slicePoints(tissue: Uint8Array, nx: number, ny: number, k: number): Point[] {
  const pts: Point[] = [];
  for (let j = 0; j < ny; j++) {
    const row = nx * (j + ny * k);
    let first = -1;
    let last = -1;
    for (let i = 0; i < nx; i++) {
      if (tissue[row + i]) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first >= 0) {
      pts.push([first, j]);
      if (last !== first) pts.push([last, j]);
    }
  }
  return pts;
}

/** Andrew's monotone chain; the hull in counter-clockwise order (a point or segment for degenerate input). */
export function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length <= 2) return pts;
  const cross = (o: Point, a: Point, b: Point): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (
      lower.length >= 2 &&
      cross(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, p) <= 0
    )
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let n = pts.length - 1; n >= 0; n--) {
    const p = pts[n] as Point;
    while (
      upper.length >= 2 &&
      cross(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, p) <= 0
    )
      upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Marks the pixels (x = i, y = j) inside or on a convex polygon. */
function fillConvexPolygon(slice: Uint8Array, nx: number, ny: number, hull: Point[]): void {
  const ys = hull.map((p) => p[1]);
  const y0 = Math.max(0, Math.ceil(Math.min(...ys)));
  const y1 = Math.min(ny - 1, Math.floor(Math.max(...ys)));
  for (let j = y0; j <= y1; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let e = 0; e < hull.length; e++) {
      const a = hull[e] as Point;
      const b = hull[(e + 1) % hull.length] as Point;
      if ((a[1] - j) * (b[1] - j) > 0) continue; // edge entirely above or below this row
      if (a[1] === b[1]) {
        lo = Math.min(lo, a[0], b[0]);
        hi = Math.max(hi, a[0], b[0]);
      } else {
        const x = a[0] + ((j - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    const from = Math.max(0, Math.ceil(lo - 1e-9));
    const to = Math.min(nx - 1, Math.floor(hi + 1e-9));
    slice.fill(1, nx * j + from, nx * j + to + 1);
  }
}
