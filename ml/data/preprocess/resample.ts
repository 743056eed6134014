// Resampling of images and label maps to a target spacing or shape (network order, see layout.ts).
//
// Reference: spec §5.3; nnunetv2/preprocessing/resampling/resample_torch.py (`resample_torch_fornnunet` with
// force_separate_z False → `resample_torch_simple`) and default_resampling.py (`compute_new_shape`:
// new = round(old_spacing / new_spacing · old_shape) with Python's round, ties to even).
// Images: trilinear (interpolate.ts). Labels: per-label indicator interpolation (label-vote.ts).
// Deviation: a new extent is at least 1 voxel (nnU-Net would fail on a 0).
import type { Shape3 } from './layout.js';
import { assertPositive3, assertShape, shapeSize } from './layout.js';
import { linearAxisTable, resizeLinear } from './interpolate.js';
import { voteLabel } from './label-vote.js';
import { roundHalfEven } from './numeric.js';

export { resizeLinear };

/** Shape after resampling `shape` from `spacing` to `targetSpacing` (all network order). */
export function computeNewShape(shape: Shape3, spacing: Shape3, targetSpacing: Shape3): Shape3 {
  assertShape(shape, 'shape');
  assertPositive3(spacing, 'spacing');
  assertPositive3(targetSpacing, 'targetSpacing');
  return [0, 1, 2].map((d) =>
    Math.max(1, roundHalfEven((spacing[d]! / targetSpacing[d]!) * shape[d]!)),
  ) as Shape3;
}

type LabelArray = Uint8Array | Uint16Array | Int8Array | Int16Array | Int32Array;

/**
 * Label map resized from `inShape` to `outShape` with nnU-Net's per-label rule (same array type as `src`;
 * a copy when the shapes agree).
 */
export function resizeLabels<T extends LabelArray>(src: T, inShape: Shape3, outShape: Shape3): T {
  const out = new (src.constructor as new (n: number) => T)(shapeSize(outShape));
  if (inShape[0] === outShape[0] && inShape[1] === outShape[1] && inShape[2] === outShape[2]) {
    out.set(src);
    return out;
  }
  const t0 = linearAxisTable(inShape[0], outShape[0]);
  const t1 = linearAxisTable(inShape[1], outShape[1]);
  const t2 = linearAxisTable(inShape[2], outShape[2]);
  const s0 = inShape[1] * inShape[2];
  const s1 = inShape[2];
  const labels = new Int32Array(8);
  const weights = new Float64Array(8);
  const scratchL = new Int32Array(8);
  const scratchS = new Float64Array(8);
  let o = 0;
  for (let a = 0; a < outShape[0]; a++) {
    const a0 = t0.lo[a]! * s0;
    const a1 = t0.hi[a]! * s0;
    const wa = t0.w[a]!;
    for (let b = 0; b < outShape[1]; b++) {
      const r00 = a0 + t1.lo[b]! * s1;
      const r01 = a0 + t1.hi[b]! * s1;
      const r10 = a1 + t1.lo[b]! * s1;
      const r11 = a1 + t1.hi[b]! * s1;
      const wb = t1.w[b]!;
      const w00 = (1 - wa) * (1 - wb);
      const w01 = (1 - wa) * wb;
      const w10 = wa * (1 - wb);
      const w11 = wa * wb;
      for (let c = 0; c < outShape[2]; c++, o++) {
        const c0 = t2.lo[c]!;
        const c1 = t2.hi[c]!;
        const wc = t2.w[c]!;
        const l0 = src[r00 + c0]!;
        const l1 = src[r00 + c1]!;
        const l2 = src[r01 + c0]!;
        const l3 = src[r01 + c1]!;
        const l4 = src[r10 + c0]!;
        const l5 = src[r10 + c1]!;
        const l6 = src[r11 + c0]!;
        const l7 = src[r11 + c1]!;
        if (l0 === l1 && l0 === l2 && l0 === l3 && l0 === l4 && l0 === l5 && l0 === l6 && l0 === l7) {
          out[o] = l0;
          continue;
        }
        labels[0] = l0;
        labels[1] = l1;
        labels[2] = l2;
        labels[3] = l3;
        labels[4] = l4;
        labels[5] = l5;
        labels[6] = l6;
        labels[7] = l7;
        weights[0] = w00 * (1 - wc);
        weights[1] = w00 * wc;
        weights[2] = w01 * (1 - wc);
        weights[3] = w01 * wc;
        weights[4] = w10 * (1 - wc);
        weights[5] = w10 * wc;
        weights[6] = w11 * (1 - wc);
        weights[7] = w11 * wc;
        out[o] = voteLabel(labels, weights, 8, l0, scratchL, scratchS);
      }
    }
  }
  return out;
}

/** Image resampled from `spacing` to `targetSpacing`; returns the data and its new shape. */
export function resampleImage(
  src: ArrayLike<number>,
  shape: Shape3,
  spacing: Shape3,
  targetSpacing: Shape3,
): { data: Float32Array; shape: Shape3 } {
  const newShape = computeNewShape(shape, spacing, targetSpacing);
  return { data: resizeLinear(src, shape, newShape), shape: newShape };
}

/** Label map resampled from `spacing` to `targetSpacing`; returns the labels and their new shape. */
export function resampleLabels<T extends LabelArray>(
  src: T,
  shape: Shape3,
  spacing: Shape3,
  targetSpacing: Shape3,
): { label: T; shape: Shape3 } {
  const newShape = computeNewShape(shape, spacing, targetSpacing);
  return { label: resizeLabels(src, shape, newShape), shape: newShape };
}
