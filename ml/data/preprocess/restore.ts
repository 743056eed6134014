// The inverse of preprocessCase for predictions: resample class scores back to the cropped grid (trilinear),
// argmax, paste into the source grid (background outside the crop), with the source geometry.
//
// Reference: spec §5.3 and §6 step 8; nnunetv2/inference/export_prediction.py
// (`convert_predicted_logits_to_segmentation_with_correct_shape`): resample the logits with the same trilinear
// function to `shape_after_cropping_and_before_resampling`, softmax, argmax, paste into zeros of
// `shape_before_cropping` at `bbox_used_for_cropping`, undo the transpose (identity here).
// Softmax is monotonic, so the argmax of the resampled logits is taken directly; probabilities work the same
// way (the argmax of resampled probabilities may differ from that of resampled logits near class borders, as in
// nnU-Net). Ties go to the lowest class.
// Resampling and argmax are fused per voxel: only the uint8 result is ever held at source resolution, never the
// C resampled channels.
import type { Volume } from '../io/volume.js';
import type { Shape3 } from './layout.js';
import { shapeSize } from './layout.js';
import { uncropArray } from './crop.js';
import { linearAxisTable } from './interpolate.js';
import type { CaseProperties } from './preprocess-case.js';
import { resizeLabels } from './resample.js';

export type ChannelLayout = 'channels-first' | 'channels-last';

export interface RestoreOptions {
  /** [C, D0, D1, D2] (nnU-Net, default) or [D0, D1, D2, C] (the TF.js network output). */
  layout?: ChannelLayout;
}

function labelVolume(properties: CaseProperties, voxels: Uint8Array): Volume {
  return {
    dims: [...properties.sourceDims],
    spacing: [...properties.sourceSpacing],
    origin: [...properties.sourceOrigin],
    direction: [...properties.sourceDirection],
    dataType: 'uint8',
    voxels,
  };
}

/** Argmax over channels of the scores resampled to `outShape`. */
export function resampleArgmax(
  scores: Float32Array | Float64Array,
  inShape: Shape3,
  outShape: Shape3,
  layout: ChannelLayout = 'channels-first',
): Uint8Array {
  const n = shapeSize(inShape);
  const channels = scores.length / n;
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`prediction length ${scores.length} is not a multiple of ${inShape.join('×')}`);
  }
  if (channels > 256) throw new RangeError(`at most 256 classes fit a uint8 label map, got ${channels}`);
  const out = new Uint8Array(shapeSize(outShape));
  const chStride = layout === 'channels-first' ? n : 1;
  const vx = layout === 'channels-first' ? 1 : channels;
  const t0 = linearAxisTable(inShape[0], outShape[0]);
  const t1 = linearAxisTable(inShape[1], outShape[1]);
  const t2 = linearAxisTable(inShape[2], outShape[2]);
  const s0 = inShape[1] * inShape[2];
  const s1 = inShape[2];
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
      for (let c = 0; c < outShape[2]; c++, o++) {
        const c0 = t2.lo[c]!;
        const c1 = t2.hi[c]!;
        const wc = t2.w[c]!;
        // neighbour offsets (in voxels × the voxel stride of the layout)
        const i000 = (r00 + c0) * vx;
        const i001 = (r00 + c1) * vx;
        const i010 = (r01 + c0) * vx;
        const i011 = (r01 + c1) * vx;
        const i100 = (r10 + c0) * vx;
        const i101 = (r10 + c1) * vx;
        const i110 = (r11 + c0) * vx;
        const i111 = (r11 + c1) * vx;
        let best = 0;
        let bestValue = -Infinity;
        for (let ch = 0, base = 0; ch < channels; ch++, base += chStride) {
          // the same nested lerps as resizeLinear
          const v00 = scores[base + i000]! + wc * (scores[base + i001]! - scores[base + i000]!);
          const v01 = scores[base + i010]! + wc * (scores[base + i011]! - scores[base + i010]!);
          const v10 = scores[base + i100]! + wc * (scores[base + i101]! - scores[base + i100]!);
          const v11 = scores[base + i110]! + wc * (scores[base + i111]! - scores[base + i110]!);
          const v0 = v00 + wb * (v01 - v00);
          const v1 = v10 + wb * (v11 - v10);
          const v = v0 + wa * (v1 - v0);
          if (v > bestValue) {
            bestValue = v;
            best = ch;
          }
        }
        out[o] = best;
      }
    }
  }
  return out;
}

/** Label map on the source grid from class scores (logits or probabilities) in the preprocessed grid. */
export function restorePrediction(
  prediction: Float32Array | Float64Array,
  properties: CaseProperties,
  options: RestoreOptions = {},
): Volume {
  const cropped = resampleArgmax(
    prediction,
    properties.shapeAfterResampling,
    properties.shapeAfterCropping,
    options.layout ?? 'channels-first',
  );
  return labelVolume(properties, uncropArray(cropped, properties.bbox, properties.shapeBeforeCropping));
}

/** Label map on the source grid from a label map in the preprocessed grid (per-label resampling). */
export function restoreLabelMap(label: Uint8Array, properties: CaseProperties): Volume {
  if (label.length !== shapeSize(properties.shapeAfterResampling)) {
    throw new RangeError(
      `label length ${label.length} does not match ${properties.shapeAfterResampling.join('×')}`,
    );
  }
  const cropped = resizeLabels(label, properties.shapeAfterResampling, properties.shapeAfterCropping);
  return labelVolume(properties, uncropArray(cropped, properties.bbox, properties.shapeBeforeCropping));
}
