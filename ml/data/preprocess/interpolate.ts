// Trilinear resizing with the semantics of PyTorch `F.interpolate(mode='trilinear', align_corners=False,
// antialias=False)` given an output size, the function nnU-Net's torch resampling uses (spec §5.3).
//
// Reference: spec §5.3; nnunetv2/preprocessing/resampling/resample_torch.py (`resample_torch_simple`); PyTorch's
// source-index rule for linear modes without align_corners: src = (dst + 0.5)·in/out − 0.5, clamped below at 0;
// neighbours ⌊src⌋ and ⌊src⌋ + 1, the latter clamped to in − 1 (so edges replicate, never zero-pad).
// Deviation: coordinates and weights are computed in float64 (PyTorch uses float32 for float tensors).
import type { Shape3 } from './layout.js';
import { shapeSize } from './layout.js';

/** Per output index along one axis: lower and upper source index and the upper neighbour's weight. */
export interface AxisTable {
  lo: Int32Array;
  hi: Int32Array;
  w: Float64Array;
}

export function linearAxisTable(inSize: number, outSize: number): AxisTable {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const w = new Float64Array(outSize);
  const scale = inSize / outSize;
  for (let d = 0; d < outSize; d++) {
    let src = (d + 0.5) * scale - 0.5;
    if (src < 0) src = 0;
    const i0 = Math.floor(src);
    lo[d] = i0;
    hi[d] = i0 < inSize - 1 ? i0 + 1 : i0;
    w[d] = src - i0;
  }
  return { lo, hi, w };
}

/**
 * Trilinear resize of a single-channel array from `inShape` to `outShape` (network order). Returns a copy when
 * the shapes agree (nnU-Net returns its input unchanged then).
 */
export function resizeLinear(src: ArrayLike<number>, inShape: Shape3, outShape: Shape3): Float32Array {
  const out = new Float32Array(shapeSize(outShape));
  if (inShape[0] === outShape[0] && inShape[1] === outShape[1] && inShape[2] === outShape[2]) {
    for (let n = 0; n < out.length; n++) out[n] = src[n]!;
    return out;
  }
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
        const v00 = src[r00 + c0]! + wc * (src[r00 + c1]! - src[r00 + c0]!);
        const v01 = src[r01 + c0]! + wc * (src[r01 + c1]! - src[r01 + c0]!);
        const v10 = src[r10 + c0]! + wc * (src[r10 + c1]! - src[r10 + c0]!);
        const v11 = src[r11 + c0]! + wc * (src[r11 + c1]! - src[r11 + c0]!);
        const v0 = v00 + wb * (v01 - v00);
        const v1 = v10 + wb * (v11 - v10);
        out[o] = v0 + wa * (v1 - v0);
      }
    }
  }
  return out;
}
