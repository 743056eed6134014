// The Gaussian importance map of the sliding window.
//
// Reference: spec §6 step 6; nnunetv2/inference/sliding_window_prediction.py (`compute_gaussian`): a unit impulse
// at index patch//2 filtered with scipy `gaussian_filter(σ = patch·sigmaScale, mode 'constant')`, divided by its
// maximum and multiplied by `valueScale`, cast to the working dtype, and every zero replaced by the smallest
// non-zero value. scipy's kernel is exp(−x²/2σ²) normalised over its support |x| ≤ int(4σ + 0.5) (truncate 4), so
// after dividing by the maximum the map is Π_a exp(−(i_a − c_a)²/2σ_a²) inside that support and 0 outside.
// For σ = patch/8 the support always covers the patch (no zeros); other scales may truncate.
// Values are computed in float64 and cast to float32 (our working dtype) before the zero clamp.
import type { Shape3 } from '../data/preprocess/layout.js';

export interface GaussianMap {
  shape: Shape3;
  /** C-order [D0, D1, D2]. */
  values: Float32Array;
  /** Whether some values were 0 and got clamped to the smallest non-zero one. */
  clamped: boolean;
}

/** One axis of the (unclamped) map, normalised to 1 at the centre. */
export function gaussianAxis(size: number, sigmaScale: number): Float64Array {
  const sigma = size * sigmaScale;
  const centre = Math.floor(size / 2);
  const radius = Math.floor(4 * sigma + 0.5);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const x = i - centre;
    out[i] = Math.abs(x) <= radius ? Math.exp(-(x * x) / (2 * sigma * sigma)) : 0;
  }
  return out;
}

export function computeGaussian(patch: Shape3, sigmaScale = 1 / 8, valueScale = 1): GaussianMap {
  if (!(sigmaScale > 0)) throw new RangeError(`sigmaScale must be > 0, got ${sigmaScale}`);
  if (!(valueScale > 0)) throw new RangeError(`valueScale must be > 0, got ${valueScale}`);
  const [g0, g1, g2] = patch.map((s) => gaussianAxis(s, sigmaScale)) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const values = new Float32Array(patch[0] * patch[1] * patch[2]);
  let n = 0;
  let minNonZero = Infinity;
  for (let a = 0; a < patch[0]; a++)
    for (let b = 0; b < patch[1]; b++) {
      const ab = g0[a]! * g1[b]!;
      for (let c = 0; c < patch[2]; c++, n++) {
        const v = Math.fround(ab * g2[c]! * valueScale);
        values[n] = v;
        if (v !== 0 && v < minNonZero) minNonZero = v;
      }
    }
  let clamped = false;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0) {
      values[i] = minNonZero;
      clamped = true;
    }
  }
  return { shape: [...patch] as Shape3, values, clamped };
}
