// Simulated low resolution: downsample by nearest-exact, upsample back trilinearly.
//
// Reference: spec §3.4 row 6; batchgeneratorsv2 v0.3 `SimulateLowResolutionTransform`: new extent = round(extent·z)
// (Python rounding, same z on every axis), `F.interpolate(mode='nearest-exact')` down (source index
// ⌊(dst + 0.5)·in/out⌋, at most in − 1), `F.interpolate(mode='trilinear')` (align_corners False) back up.
// Deviation: a downsampled extent is at least 1 voxel.
import type { Shape3 } from '../preprocess/layout.js';
import { roundHalfEven } from '../preprocess/numeric.js';
import { resizeLinear } from '../preprocess/interpolate.js';
import { resizeNearestVolume } from '../preprocess/nearest.js';

/** Nearest-exact resize (PyTorch semantics). */
export function resizeNearestExact(src: Float32Array, inShape: Shape3, outShape: Shape3): Float32Array {
  return resizeNearestVolume(src, inShape, outShape, 'nearest-exact');
}

export function lowResolutionShape(shape: Shape3, zoom: number): Shape3 {
  return shape.map((s) => Math.max(1, roundHalfEven(s * zoom))) as Shape3;
}

/** Image after down- and up-sampling by `zoom` (in (0, 1]); returns a new array of the same shape. */
export function simulateLowResolution(data: Float32Array, shape: Shape3, zoom: number): Float32Array {
  const small = lowResolutionShape(shape, zoom);
  return resizeLinear(resizeNearestExact(data, shape, small), small, shape);
}
