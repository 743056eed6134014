// Image filters of the strong (unlabelled) view that the labelled augmentation does not have: median filter,
// sharpening, blank rectangles. In place or as a copy on [D0, D1, D2] Float32Arrays.
//
// Reference: spec §3.5 rows 1, 8, 9; batchgeneratorsv2 v0.3 `MedianFilterTransform` (scipy.ndimage.median_filter
// with a cubic window of `size` voxels: mode 'reflect' = half-sample symmetric (d c b a | a b c d), window offsets
// −⌊size/2⌋ … size − 1 − ⌊size/2⌋ (so even sizes lean backwards), rank ⌊size³/2⌋ of the sorted window — the upper
// median for even counts) [K: scipy semantics], `SharpeningTransform` (x + s·L(x), L the 7-point kernel with
// centre +6 and the six face neighbours −1, replicate padding, no clamping) and `BlankRectangleTransform`.
import type { Shape3 } from '../../data/preprocess/layout.js';
import type { Rng } from '../../util/rng.js';

/** scipy 'reflect' boundary: index i of an axis of length n. */
function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n;
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - 1 - m;
}

/** k-th smallest (0-based) of buf[0..len), reordering buf (quickselect). */
function select(buf: Float32Array, len: number, k: number): number {
  let lo = 0;
  let hi = len - 1;
  while (lo < hi) {
    const pivot = buf[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buf[i]! < pivot) i++;
      while (buf[j]! > pivot) j--;
      if (i <= j) {
        const t = buf[i]!;
        buf[i] = buf[j]!;
        buf[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return buf[k]!;
  }
  return buf[k]!;
}

/** Median filter with a cubic window of `size` voxels (≥ 1); returns a new array. */
export function medianFilter(data: Float32Array, shape: Shape3, size: number): Float32Array {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`median size must be an integer ≥ 1`);
  const out = new Float32Array(data.length);
  if (size === 1) {
    out.set(data);
    return out;
  }
  const [n0, n1, n2] = shape;
  const before = Math.floor(size / 2);
  const idx = [n0, n1, n2].map((n) => {
    // idx[a][i * size + k] = source index of window tap k at position i
    const t = new Int32Array(n * size);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < size; k++) t[i * size + k] = reflectIndex(i - before + k, n);
    return t;
  }) as [Int32Array, Int32Array, Int32Array];
  const count = size * size * size;
  const rank = Math.floor(count / 2);
  const buf = new Float32Array(count);
  let o = 0;
  for (let a = 0; a < n0; a++)
    for (let b = 0; b < n1; b++)
      for (let c = 0; c < n2; c++, o++) {
        let w = 0;
        for (let ka = 0; ka < size; ka++) {
          const pa = idx[0][a * size + ka]! * n1;
          for (let kb = 0; kb < size; kb++) {
            const row = (pa + idx[1][b * size + kb]!) * n2;
            for (let kc = 0; kc < size; kc++) buf[w++] = data[row + idx[2][c * size + kc]!]!;
          }
        }
        out[o] = select(buf, count, rank);
      }
  return out;
}

/** x + strength·(6x − Σ face neighbours), replicate padding; returns a new array. */
export function sharpen(data: Float32Array, shape: Shape3, strength: number): Float32Array {
  const [n0, n1, n2] = shape;
  const out = new Float32Array(data.length);
  const at = (a: number, b: number, c: number) => data[(a * n1 + b) * n2 + c]!;
  let o = 0;
  for (let a = 0; a < n0; a++)
    for (let b = 0; b < n1; b++)
      for (let c = 0; c < n2; c++, o++) {
        const x = data[o]!;
        const s =
          at(Math.max(a - 1, 0), b, c) +
          at(Math.min(a + 1, n0 - 1), b, c) +
          at(a, Math.max(b - 1, 0), c) +
          at(a, Math.min(b + 1, n1 - 1), c) +
          at(a, b, Math.max(c - 1, 0)) +
          at(a, b, Math.min(c + 1, n2 - 1));
        out[o] = x + strength * (6 * x - s);
      }
  return out;
}

export interface Box3 {
  lower: Shape3;
  size: Shape3;
}

/**
 * Draws `count` boxes: side per axis randint(max(1, ⌊P/10⌋), ⌊P/3⌋) (numpy, upper bound exclusive; at least the
 * lower bound), lower corner uniform so the box lies inside the patch.
 */
export function drawBlankBoxes(shape: Shape3, count: number, rng: Rng): Box3[] {
  const boxes: Box3[] = [];
  for (let i = 0; i < count; i++) {
    const size = shape.map((p) => {
      const lo = Math.max(1, Math.floor(p / 10));
      const hi = Math.max(lo, Math.floor(p / 3) - 1);
      return Math.min(p, rng.int(lo, hi));
    }) as Shape3;
    const lower = shape.map((p, a) => rng.int(0, p - size[a]!)) as Shape3;
    boxes.push({ lower, size });
  }
  return boxes;
}

export function fillBoxes(data: Float32Array, shape: Shape3, boxes: readonly Box3[], value: number): void {
  for (const { lower, size } of boxes)
    for (let a = lower[0]; a < lower[0] + size[0]; a++)
      for (let b = lower[1]; b < lower[1] + size[1]; b++) {
        const row = (a * shape[1] + b) * shape[2];
        data.fill(value, row + lower[2], row + lower[2] + size[2]);
      }
}
