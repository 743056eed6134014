// The one place that fixes how a `Volume` maps onto the network's array axes.
//
// Reference: umamba2-spec.md §0 (nnU-Net axis 0 = superior/inferior = slice index k, axis 1 = anterior/posterior,
// axis 2 = left/right; transpose_forward = [0, 1, 2] for STSR) and §5.1 (SimpleITK arrays are z, y, x).
//
// A `Volume` stores voxel (i, j, k) at i + dims[0]·(j + dims[1]·k): i fastest, k slowest. Read as a C-order
// (row-major) array that is exactly shape [D0, D1, D2] = [dims[2], dims[1], dims[0]] indexed [k][j][i] — the
// same array SimpleITK hands nnU-Net. So the voxel buffer is used as is (no copy, no transpose):
//   network axis 0 (D0) = volume k,   network axis 1 (D1) = volume j,   network axis 2 (D2) = volume i,
//   flat index = (a0·D1 + a1)·D2 + a2.
// Spacings, shapes, bounding boxes and patch sizes in ml/data/{preprocess,sample,augment} are all in this
// network order (nnU-Net's order, e.g. target spacing (0.3, 0.25, 0.25) mm). Like nnU-Net we never reorient:
// whatever anatomical direction the scan's k axis has, it becomes D0.
// Tensors for the network are channels-last [B, D0, D1, D2, C]; nnU-Net (and `restorePrediction`'s
// default) uses channels-first [C, D0, D1, D2].
import type { Vec3 } from '../io/volume.js';

/** Extent (or spacing, or any per-axis triple) in network order [D0, D1, D2]. */
export type Shape3 = [number, number, number];

/** Network-order shape of a volume with dims [ni, nj, nk]. */
export function shapeFromDims(dims: Vec3): Shape3 {
  return [dims[2], dims[1], dims[0]];
}

/** Volume dims [ni, nj, nk] of a network-order shape. */
export function dimsFromShape(shape: Shape3): Vec3 {
  return [shape[2], shape[1], shape[0]];
}

/** Network-order spacing [s_k, s_j, s_i] of a volume spacing [s_i, s_j, s_k] (also the inverse). */
export function networkSpacing(spacing: Vec3): Shape3 {
  return [spacing[2], spacing[1], spacing[0]];
}

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Flat C-order index of (a0, a1, a2) in an array of network shape [D0, D1, D2]. */
export function flatIndex(shape: Shape3, a0: number, a1: number, a2: number): number {
  return (a0 * shape[1] + a1) * shape[2] + a2;
}

/** Throws a RangeError naming `field` unless `shape` holds three positive integers. */
export function assertShape(shape: readonly number[], field: string): asserts shape is Shape3 {
  if (shape.length !== 3 || !shape.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new RangeError(`${field} must be three positive integers, got [${shape.join(', ')}]`);
  }
}

/** Throws a RangeError naming `field` unless `v` holds three positive finite numbers. */
export function assertPositive3(v: readonly number[], field: string): asserts v is Shape3 {
  if (v.length !== 3 || !v.every((s) => Number.isFinite(s) && s > 0)) {
    throw new RangeError(`${field} must be three positive finite numbers, got [${v.join(', ')}]`);
  }
}

/** [C, D0, D1, D2] → [D0, D1, D2, C] (a new array of the same type). */
export function toChannelsLast<T extends Float32Array | Float64Array>(data: T, channels: number): T {
  const n = data.length / channels;
  const out = new (data.constructor as new (n: number) => T)(data.length);
  for (let c = 0; c < channels; c++) {
    const base = c * n;
    for (let v = 0; v < n; v++) out[v * channels + c] = data[base + v]!;
  }
  return out;
}

/** [D0, D1, D2, C] → [C, D0, D1, D2] (a new array of the same type). */
export function toChannelsFirst<T extends Float32Array | Float64Array>(data: T, channels: number): T {
  const n = data.length / channels;
  const out = new (data.constructor as new (n: number) => T)(data.length);
  for (let c = 0; c < channels; c++) {
    const base = c * n;
    for (let v = 0; v < n; v++) out[base + v] = data[v * channels + c]!;
  }
  return out;
}
