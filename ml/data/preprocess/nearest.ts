// Nearest-neighbour resizing of a [D0, D1, D2] array with PyTorch `F.interpolate` semantics given an output size:
// mode 'nearest' takes source index ⌊dst·in/out⌋, mode 'nearest-exact' ⌊(dst + 0.5)·in/out⌋, both at most in − 1.
// Used by the DAE's down/up-sampling ('nearest', spec §4.3) and the low-resolution augmentation ('nearest-exact',
// spec §3.4).
import type { Shape3 } from './layout.js';
import { shapeSize } from './layout.js';

export type NearestMode = 'nearest' | 'nearest-exact';

/** Source index per output index along one axis. */
export function nearestIndexTable(inSize: number, outSize: number, mode: NearestMode): Int32Array {
  const t = new Int32Array(outSize);
  const scale = inSize / outSize;
  const offset = mode === 'nearest' ? 0 : 0.5;
  for (let d = 0; d < outSize; d++) t[d] = Math.min(Math.floor((d + offset) * scale), inSize - 1);
  return t;
}

export function resizeNearestVolume(
  src: Float32Array,
  inShape: Shape3,
  outShape: Shape3,
  mode: NearestMode,
): Float32Array {
  const t0 = nearestIndexTable(inShape[0], outShape[0], mode);
  const t1 = nearestIndexTable(inShape[1], outShape[1], mode);
  const t2 = nearestIndexTable(inShape[2], outShape[2], mode);
  const out = new Float32Array(shapeSize(outShape));
  let o = 0;
  for (let a = 0; a < outShape[0]; a++)
    for (let b = 0; b < outShape[1]; b++) {
      const row = (t0[a]! * inShape[1] + t1[b]!) * inShape[2];
      for (let c = 0; c < outShape[2]; c++, o++) out[o] = src[row + t2[c]!]!;
    }
  return out;
}
