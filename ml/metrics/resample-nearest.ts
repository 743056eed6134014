// Nearest-neighbour resampling of a prediction onto the ground truth's voxel grid.
//
// Reference: spec §7 / official `compute_metrics.py`: when the prediction's size or spacing differs from the
// ground truth's, it is resampled onto the ground-truth grid with SimpleITK's ResampleImageFilter (identity
// transform, nearest neighbour, default value 0). Per output voxel: physical point of the GT voxel → continuous
// index in the prediction; inside when every component lies in [−0.5, size − 0.5); value of the voxel at
// floor(c + 0.5) (ITK's round-half-up). Origin and direction only matter here; when size and spacing agree the
// official script compares the arrays directly, whatever the origins.
// Deviation: ITK accumulates the continuous index along each scan line, we compute it per voxel from one
// composed matrix; the two can round differently for a point exactly half-way between prediction voxels.

import type { LabelMap, Vec3Like } from './types.js';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** True when the official script would resample `pred` (size or spacing differ from `gt`). */
export function needsResampling(gt: LabelMap, pred: LabelMap): boolean {
  return [0, 1, 2].some((a) => gt.dims[a] !== pred.dims[a] || gt.spacing[a] !== pred.spacing[a]);
}

/** `pred` resampled onto `gt`'s grid (same voxel array type as `pred` when it is a typed array). */
export function resampleNearest(pred: LabelMap, gt: LabelMap): ArrayLike<number> {
  const [nx, ny, nz] = gt.dims;
  const [mx, my, mz] = pred.dims;
  const out = makeLike(pred.voxels, nx * ny * nz);
  // world(idx) = origin + A · idx with A = D · diag(spacing) (columns = axis vectors × spacing)
  const aGt = scaledAxes(gt.direction ?? IDENTITY, gt.spacing);
  const aPred = scaledAxes(pred.direction ?? IDENTITY, pred.spacing);
  const inv = invert3(aPred);
  // continuous pred index c(idx) = inv · (originGt − originPred) + (inv · aGt) · idx
  const og = gt.origin ?? [0, 0, 0];
  const op = pred.origin ?? [0, 0, 0];
  const c0 = mulVec(inv, [og[0] - op[0], og[1] - op[1], og[2] - op[2]]);
  const m = mulMat(inv, aGt);
  const src = pred.voxels;
  let idx = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, idx++) {
        const x = c0[0] + m[0] * i + m[1] * j + m[2] * k;
        const y = c0[1] + m[3] * i + m[4] * j + m[5] * k;
        const z = c0[2] + m[6] * i + m[7] * j + m[8] * k;
        if (!(x >= -0.5 && x < mx - 0.5 && y >= -0.5 && y < my - 0.5 && z >= -0.5 && z < mz - 0.5)) continue;
        const pi = Math.floor(x + 0.5);
        const pj = Math.floor(y + 0.5);
        const pk = Math.floor(z + 0.5);
        out[idx] = src[pi + mx * (pj + my * pk)] as number;
      }
    }
  }
  return out;
}

type M3 = [number, number, number, number, number, number, number, number, number]; // row-major

function scaledAxes(direction: readonly number[], spacing: Vec3Like): M3 {
  // direction holds axis vectors one after the other; matrix column a = axis a · spacing[a]
  const m = new Array<number>(9);
  for (let r = 0; r < 3; r++) for (let a = 0; a < 3; a++) m[3 * r + a] = direction[3 * a + r]! * spacing[a]!;
  return m as M3;
}

function invert3(m: M3): M3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 0)) throw new RangeError('prediction geometry is singular (direction × spacing)');
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

function mulMat(x: M3, y: M3): M3 {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out[3 * r + c] = x[3 * r]! * y[c]! + x[3 * r + 1]! * y[3 + c]! + x[3 * r + 2]! * y[6 + c]!;
    }
  }
  return out as M3;
}

function mulVec(x: M3, v: [number, number, number]): [number, number, number] {
  return [0, 1, 2].map((r) => x[3 * r]! * v[0] + x[3 * r + 1]! * v[1] + x[3 * r + 2]! * v[2]) as [
    number,
    number,
    number,
  ];
}

interface MutableArrayLike {
  [index: number]: number;
  readonly length: number;
}

function makeLike(voxels: ArrayLike<number>, n: number): MutableArrayLike {
  if (ArrayBuffer.isView(voxels) && !(voxels instanceof DataView)) {
    const Ctor = (voxels as unknown as { constructor: new (n: number) => MutableArrayLike }).constructor;
    return new Ctor(n);
  }
  return new Array<number>(n).fill(0);
}
