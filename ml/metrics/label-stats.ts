// One pass over a ground-truth / prediction pair: voxel counts, intersections and bounding boxes of the
// binary foreground (value > 0) and of every positive label value present in either map.
//
// Reference: spec §7 — image level uses label > 0 vs label > 0; instance level uses (GT == id) vs
// (pred == id) for the ids found by `np.unique(x[x > 0])` (any positive value, not only 1…12).

import type { Box, Vec3Like } from './types.js';

export interface RegionStats {
  gtVoxels: number;
  predVoxels: number;
  intersection: number;
  /** Bounding box of (G ∪ P); null when both are empty. */
  box: Box | null;
}

export interface PairStats {
  foreground: RegionStats;
  /** Per positive label value present in the ground truth or the prediction. */
  labels: Map<number, RegionStats>;
}

const DENSE_LIMIT = 1 << 16;

export function pairStats(gt: ArrayLike<number>, pred: ArrayLike<number>, dims: Vec3Like): PairStats {
  const [nx, ny, nz] = dims;
  const slotOfDense = new Int32Array(DENSE_LIMIT).fill(-1);
  const slotOfOther = new Map<number, number>();
  const values: number[] = [];
  let gtCount = new Float64Array(16);
  let predCount = new Float64Array(16);
  let inter = new Float64Array(16);
  let boxes = new Int32Array(16 * 6); // min i, j, k, max i, j, k per slot
  const newSlot = (x: number): number => {
    const n = values.length;
    values.push(x);
    if (n >= gtCount.length) {
      gtCount = grow(gtCount, gtCount.length * 2);
      predCount = grow(predCount, predCount.length * 2);
      inter = grow(inter, inter.length * 2);
      boxes = grow(boxes, boxes.length * 2);
    }
    boxes.set([nx, ny, nz, -1, -1, -1], n * 6);
    return n;
  };
  const slot = (x: number): number => {
    const dense = Number.isInteger(x) && x < DENSE_LIMIT;
    const s = dense ? (slotOfDense[x] as number) : (slotOfOther.get(x) ?? -1);
    if (s >= 0) return s;
    const n = newSlot(x);
    if (dense) slotOfDense[x] = n;
    else slotOfOther.set(x, n);
    return n;
  };
  const FG = newSlot(NaN); // slot 0: the binary foreground, not a label value
  const touch = (s: number, i: number, j: number, k: number) => {
    const o = s * 6;
    if (i < (boxes[o] as number)) boxes[o] = i;
    if (j < (boxes[o + 1] as number)) boxes[o + 1] = j;
    if (k < (boxes[o + 2] as number)) boxes[o + 2] = k;
    if (i > (boxes[o + 3] as number)) boxes[o + 3] = i;
    if (j > (boxes[o + 4] as number)) boxes[o + 4] = j;
    if (k > (boxes[o + 5] as number)) boxes[o + 5] = k;
  };
  let idx = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, idx++) {
        const g = gt[idx] as number;
        const p = pred[idx] as number;
        if (!(g > 0) && !(p > 0)) continue;
        touch(FG, i, j, k);
        if (g > 0) {
          const s = slot(g);
          gtCount[s]!++;
          gtCount[FG]!++;
          touch(s, i, j, k);
          if (p === g) inter[s]!++;
        }
        if (p > 0) {
          const s = slot(p);
          predCount[s]!++;
          predCount[FG]!++;
          if (p !== g) touch(s, i, j, k);
          if (g > 0) inter[FG]!++;
        }
      }
    }
  }
  const stats = (s: number): RegionStats => {
    const o = s * 6;
    const empty = (boxes[o + 3] as number) < 0;
    return {
      gtVoxels: gtCount[s] as number,
      predVoxels: predCount[s] as number,
      intersection: inter[s] as number,
      box: empty
        ? null
        : {
            min: [boxes[o] as number, boxes[o + 1] as number, boxes[o + 2] as number],
            max: [boxes[o + 3] as number, boxes[o + 4] as number, boxes[o + 5] as number],
          },
    };
  };
  const labels = new Map<number, RegionStats>();
  values.forEach((x, s) => {
    if (s !== FG) labels.set(x, stats(s));
  });
  return { foreground: stats(FG), labels };
}

function grow<T extends Float64Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
