// Simulated low resolution: downsample by nearest-exact, upsample back trilinearly.
//
// Reference: spec §3.4 row 6; batchgeneratorsv2 v0.3 `SimulateLowResolutionTransform`: new extent = round(extent·z)
// (Python rounding, same z on every axis), `F.interpolate(mode='nearest-exact')` down (source index
// ⌊(dst + 0.5)·in/out⌋, at most in − 1), `F.interpolate(mode='trilinear')` (align_corners False) back up.
// Deviation: a downsampled extent is at least 1 voxel.
import type { Shape3 } from '../preprocess/layout.js';
import { shapeSize } from '../preprocess/layout.js';
import { roundHalfEven } from '../preprocess/numeric.js';
import { resizeLinear } from '../preprocess/interpolate.js';

function nearestExactTable(inSize: number, outSize: number): Int32Array {
  const t = new Int32Array(outSize);
  const scale = inSize / outSize;
  for (let d = 0; d < outSize; d++) t[d] = Math.min(Math.floor((d + 0.5) * scale), inSize - 1);
  return t;
}

/** Nearest-exact resize (PyTorch semantics). */
export function resizeNearestExact(src: Float32Array, inShape: Shape3, outShape: Shape3): Float32Array {
  const t0 = nearestExactTable(inShape[0], outShape[0]);
  const t1 = nearestExactTable(inShape[1], outShape[1]);
  const t2 = nearestExactTable(inShape[2], outShape[2]);
  const out = new Float32Array(shapeSize(outShape));
  let o = 0;
  for (let a = 0; a < outShape[0]; a++)
    for (let b = 0; b < outShape[1]; b++) {
      const row = (t0[a]! * inShape[1] + t1[b]!) * inShape[2];
      for (let c = 0; c < outShape[2]; c++, o++) out[o] = src[row + t2[c]!]!;
    }
  return out;
}

export function lowResolutionShape(shape: Shape3, zoom: number): Shape3 {
  return shape.map((s) => Math.max(1, roundHalfEven(s * zoom))) as Shape3;
}

/** Image after down- and up-sampling by `zoom` (in (0, 1]); returns a new array of the same shape. */
export function simulateLowResolution(data: Float32Array, shape: Shape3, zoom: number): Float32Array {
  const small = lowResolutionShape(shape, zoom);
  return resizeLinear(resizeNearestExact(data, shape, small), small, shape);
}
