// Sliding-window tiling for inference.
//
// Reference: spec §6 steps 2–3; nnunetv2/inference/sliding_window_prediction.py (`compute_steps_for_sliding_window`)
// and predict_from_raw_data.py (padding): the image is first padded to at least the patch (constant 0, split
// evenly, the odd voxel after); per axis, n = ⌈(size − patch) / (patch·step)⌉ + 1 tiles starting at
// round(i·(size − patch)/(n − 1)) with NumPy's round (ties to even).
import type { Shape3 } from '../preprocess/layout.js';
import { assertShape } from '../preprocess/layout.js';
import { roundHalfEven } from '../preprocess/numeric.js';

/** Tile start positions per axis for an image at least as large as the patch. */
export function computeTileSteps(
  imageShape: Shape3,
  patch: Shape3,
  stepFraction: number,
): [number[], number[], number[]] {
  assertShape(imageShape, 'imageShape');
  assertShape(patch, 'patch');
  if (!(stepFraction > 0 && stepFraction <= 1))
    throw new RangeError(`stepFraction must be in (0, 1], got ${stepFraction}`);
  if (imageShape.some((s, d) => s < patch[d]!)) {
    throw new RangeError(
      `imageShape ${imageShape.join('×')} must be at least the patch ${patch.join('×')}; pad first`,
    );
  }
  return [0, 1, 2].map((d) => {
    const size = imageShape[d]!;
    const p = patch[d]!;
    const n = Math.ceil((size - p) / (p * stepFraction)) + 1;
    const actual = n > 1 ? (size - p) / (n - 1) : 99999999999;
    return Array.from({ length: n }, (_, i) => roundHalfEven(actual * i));
  }) as [number[], number[], number[]];
}

export interface TilePadding {
  /** Padded shape (at least the patch on every axis). */
  shape: Shape3;
  /** Voxels added before / after on each axis. */
  before: Shape3;
  after: Shape3;
}

/** Padding that brings an image to at least the patch size: split evenly, odd remainder after. */
export function padToPatch(imageShape: Shape3, patch: Shape3): TilePadding {
  assertShape(imageShape, 'imageShape');
  assertShape(patch, 'patch');
  const before = [0, 0, 0] as Shape3;
  const after = [0, 0, 0] as Shape3;
  const shape = [0, 0, 0] as Shape3;
  for (let d = 0; d < 3; d++) {
    const diff = Math.max(0, patch[d]! - imageShape[d]!);
    before[d] = Math.floor(diff / 2);
    after[d] = diff - before[d]!;
    shape[d] = imageShape[d]! + diff;
  }
  return { shape, before, after };
}

/** Every tile's lower corner (C order over the three step lists). */
export function tileOrigins(steps: [number[], number[], number[]]): Shape3[] {
  const out: Shape3[] = [];
  for (const a of steps[0]) for (const b of steps[1]) for (const c of steps[2]) out.push([a, b, c]);
  return out;
}
