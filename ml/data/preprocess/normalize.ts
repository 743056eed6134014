// CTNormalization: clip to the dataset's foreground percentiles, then z-score with the dataset's foreground
// mean and standard deviation — four global constants from the fingerprint.
//
// Reference: spec §5.2; nnunetv2/preprocessing/normalization/default_normalization_schemes.py (`CTNormalization`):
//   x' = (clip(x, p0.5, p99.5) − mean) / max(std, 1e-8), result float32, applied before resampling.
// Deviation: the arithmetic is done in float64 and rounded once to float32 (NumPy works in float32 throughout);
// results differ by at most one float32 ulp.

/** nnU-Net's `foreground_intensity_properties_per_channel[0]` (one channel: CBCT). */
export interface IntensityProperties {
  mean: number;
  std: number;
  percentile_00_5: number;
  percentile_99_5: number;
  median: number;
  min: number;
  max: number;
}

/** Throws a RangeError naming the first field that is missing, not finite or inconsistent. */
export function assertIntensityProperties(p: IntensityProperties, field = 'intensity'): void {
  for (const key of ['mean', 'std', 'percentile_00_5', 'percentile_99_5', 'median', 'min', 'max'] as const) {
    if (typeof p[key] !== 'number' || !Number.isFinite(p[key])) {
      throw new RangeError(`${field}.${key} must be a finite number, got ${String(p[key])}`);
    }
  }
  if (p.std < 0) throw new RangeError(`${field}.std must be ≥ 0, got ${p.std}`);
  if (p.percentile_00_5 > p.percentile_99_5) {
    throw new RangeError(`${field}.percentile_00_5 must not exceed percentile_99_5`);
  }
}

/** CT-normalised copy of `voxels` as float32. */
export function ctNormalize(voxels: ArrayLike<number>, p: IntensityProperties): Float32Array {
  const out = new Float32Array(voxels.length);
  ctNormalizeInto(voxels, p, out);
  return out;
}

/** CT normalisation written into `out` (may be `voxels` itself when that is a Float32Array). */
export function ctNormalizeInto(voxels: ArrayLike<number>, p: IntensityProperties, out: Float32Array): void {
  const lo = p.percentile_00_5;
  const hi = p.percentile_99_5;
  const mean = p.mean;
  const std = Math.max(p.std, 1e-8);
  for (let n = 0; n < voxels.length; n++) {
    let x = voxels[n]!;
    if (x < lo) x = lo;
    else if (x > hi) x = hi;
    out[n] = (x - mean) / std;
  }
}
