// The per-label interpolation rule nnU-Net uses for segmentations, evaluated from one voxel's neighbours.
//
// Reference: spec §5.3; resample_torch.py (`resample_torch_simple`, is_seg) and batchgeneratorsv2
// SpatialTransform (mode_seg 'bilinear', bg_style_seg_sampling False): for every label value u, interpolate the
// indicator (label == u)·1000; u wins where it exceeds 700; remaining voxels take the argmax over all label values
// (ties → the lowest value, the first in ascending order).
// The interpolated indicator of u at a voxel is the summed weight of the neighbours carrying u, so one pass over
// the neighbours gives the same answer as one interpolation per label. And since the weights sum to at most 1,
// at most one label can exceed 0.7 and it is then also the argmax: the rule is exactly "largest summed weight,
// ties to the lowest label".
// Deviation: weights in float64 (nnU-Net keeps the interpolated indicators in float16, which blurs ties).

/**
 * Label for one output voxel from `count` neighbours with labels `labels` and weights `weights` (neighbours
 * outside the source are left out or given weight 0). `fallback` is returned when every weight is zero: the
 * argmax over all-zero indicators, i.e. the lowest label value present in the source.
 * `scratchLabels` / `scratchSums` must hold at least `count` entries.
 */
export function voteLabel(
  labels: Int32Array,
  weights: Float64Array,
  count: number,
  fallback: number,
  scratchLabels: Int32Array,
  scratchSums: Float64Array,
): number {
  let m = 0;
  for (let n = 0; n < count; n++) {
    const w = weights[n]!;
    if (w === 0) continue;
    const l = labels[n]!;
    let k = 0;
    while (k < m && scratchLabels[k] !== l) k++;
    if (k === m) {
      scratchLabels[m] = l;
      scratchSums[m] = 0;
      m++;
    }
    scratchSums[k] = scratchSums[k]! + w;
  }
  if (m === 0) return fallback;
  let best = scratchLabels[0]!;
  let bestSum = scratchSums[0]!;
  for (let k = 1; k < m; k++) {
    const s = scratchSums[k]!;
    const l = scratchLabels[k]!;
    if (s > bestSum || (s === bestSum && l < best)) {
      best = l;
      bestSum = s;
    }
  }
  return best;
}
