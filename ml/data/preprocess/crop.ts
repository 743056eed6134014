// Crop to the bounding box of non-zero voxels, and its inverse.
//
// Reference: spec §5.1; nnunetv2/preprocessing/cropping/cropping.py (`create_nonzero_mask`, `crop_to_nonzero`):
// mask = image ≠ 0 with holes filled (scipy `binary_fill_holes`: background not 6-connected to the array border
// becomes foreground), bbox = [min, max + 1) of the mask per axis.
// Filling holes cannot move the bounding box (a hole is enclosed by mask voxels), so `nonzeroBoundingBox`
// scans for non-zero voxels directly; `nonzeroMask` gives the filled mask itself for whoever needs it.
// Deviation: an all-zero image keeps its full extent (nnU-Net has no defined box for it).
// Deviation: nnU-Net writes label −1 where the label is 0 outside the filled mask; we keep 0 there (the −1 is
// mapped back to 0 before the loss, spec §3.3, and only matters for `use_mask_for_norm`, which CTNormalization
// ignores). So label arrays here are unsigned.
import type { Shape3 } from './layout.js';
import { shapeSize } from './layout.js';

/** Per network axis [lower (inclusive), upper (exclusive)], nnU-Net's `bbox_used_for_cropping`. */
export type BoundingBox = [[number, number], [number, number], [number, number]];

type Numeric = ArrayLike<number>;
type TypedArray =
  Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Uint32Array;

export function boxShape(box: BoundingBox): Shape3 {
  return [box[0][1] - box[0][0], box[1][1] - box[1][0], box[2][1] - box[2][0]];
}

export function fullBox(shape: Shape3): BoundingBox {
  return [
    [0, shape[0]],
    [0, shape[1]],
    [0, shape[2]],
  ];
}

/** Bounding box of the voxels ≠ 0 (NaN counts as non-zero, as in NumPy). */
export function nonzeroBoundingBox(voxels: Numeric, shape: Shape3): BoundingBox {
  const [d0, d1, d2] = shape;
  const lo = [d0, d1, d2];
  const hi = [-1, -1, -1];
  let n = 0;
  for (let a = 0; a < d0; a++) {
    for (let b = 0; b < d1; b++) {
      let first = -1;
      let last = -1;
      for (let c = 0; c < d2; c++, n++) {
        if (voxels[n] !== 0) {
          if (first < 0) first = c;
          last = c;
        }
      }
      if (first < 0) continue;
      if (a < lo[0]!) lo[0] = a;
      if (a > hi[0]!) hi[0] = a;
      if (b < lo[1]!) lo[1] = b;
      if (b > hi[1]!) hi[1] = b;
      if (first < lo[2]!) lo[2] = first;
      if (last > hi[2]!) hi[2] = last;
    }
  }
  if (hi[0]! < 0) return fullBox(shape);
  return [
    [lo[0]!, hi[0]! + 1],
    [lo[1]!, hi[1]! + 1],
    [lo[2]!, hi[2]! + 1],
  ];
}

/** Mask (1/0) of voxels ≠ 0, with enclosed holes filled when `fillHoles` (6-connected background). */
export function nonzeroMask(voxels: Numeric, shape: Shape3, fillHoles = true): Uint8Array {
  const n = shapeSize(shape);
  const mask = new Uint8Array(n);
  for (let v = 0; v < n; v++) mask[v] = voxels[v] !== 0 ? 1 : 0;
  if (!fillHoles) return mask;
  // Flood the background from the border; whatever background is not reached is a hole.
  const [d0, d1, d2] = shape;
  const outside = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const push = (v: number) => {
    if (mask[v] === 0 && outside[v] === 0) {
      outside[v] = 1;
      stack[top++] = v;
    }
  };
  for (let a = 0; a < d0; a++) {
    for (let b = 0; b < d1; b++) {
      for (let c = 0; c < d2; c++) {
        if (a === 0 || a === d0 - 1 || b === 0 || b === d1 - 1 || c === 0 || c === d2 - 1) {
          push((a * d1 + b) * d2 + c);
        }
      }
    }
  }
  const s1 = d2;
  const s0 = d1 * d2;
  while (top > 0) {
    const v = stack[--top]!;
    const c = v % d2;
    const b = Math.floor(v / s1) % d1;
    const a = Math.floor(v / s0);
    if (c > 0) push(v - 1);
    if (c < d2 - 1) push(v + 1);
    if (b > 0) push(v - s1);
    if (b < d1 - 1) push(v + s1);
    if (a > 0) push(v - s0);
    if (a < d0 - 1) push(v + s0);
  }
  for (let v = 0; v < n; v++) if (outside[v] === 0) mask[v] = 1;
  return mask;
}

/** The part of `src` (network shape `shape`) inside `box`, as a new array of the same type. */
export function cropArray<T extends TypedArray>(src: T, shape: Shape3, box: BoundingBox): T {
  const out = new (src.constructor as new (n: number) => T)(shapeSize(boxShape(box)));
  const [, d1, d2] = shape;
  const w = box[2][1] - box[2][0];
  let o = 0;
  for (let a = box[0][0]; a < box[0][1]; a++) {
    for (let b = box[1][0]; b < box[1][1]; b++) {
      const start = (a * d1 + b) * d2 + box[2][0];
      out.set(src.subarray(start, start + w), o);
      o += w;
    }
  }
  return out;
}

/** `src` (shape of `box`) pasted into a zero-filled array of network shape `fullShape`. */
export function uncropArray<T extends TypedArray>(src: T, box: BoundingBox, fullShape: Shape3): T {
  const out = new (src.constructor as new (n: number) => T)(shapeSize(fullShape));
  const [, d1, d2] = fullShape;
  const w = box[2][1] - box[2][0];
  let o = 0;
  for (let a = box[0][0]; a < box[0][1]; a++) {
    for (let b = box[1][0]; b < box[1][1]; b++) {
      out.set(src.subarray(o, o + w), (a * d1 + b) * d2 + box[2][0]);
      o += w;
    }
  }
  return out;
}

/** Throws a RangeError naming `field` unless `box` is a valid box inside `shape`. */
export function assertBoxInside(box: BoundingBox, shape: Shape3, field: string): void {
  for (let d = 0; d < 3; d++) {
    const r = box[d];
    if (
      !r ||
      r.length !== 2 ||
      !Number.isInteger(r[0]) ||
      !Number.isInteger(r[1]) ||
      r[0] < 0 ||
      r[1] > shape[d]! ||
      r[0] >= r[1]
    ) {
      throw new RangeError(
        `${field}[${d}] must be [lower, upper) inside 0..${shape[d]}, got ${JSON.stringify(r)}`,
      );
    }
  }
}
