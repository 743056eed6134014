// Mirroring along network axes.
//
// Reference: spec §3.4 row 9; batchgeneratorsv2 `MirrorTransform(allowed_axes=(0, 1, 2))`: each allowed axis is
// flipped independently with probability 0.5, image and label alike.
import type { Shape3 } from '../preprocess/layout.js';

/** A copy of `src` (network shape `shape`) flipped along each axis in `axes`. */
export function flipAxes<T extends Float32Array | Uint8Array>(
  src: T,
  shape: Shape3,
  axes: readonly number[],
): T {
  const out = new (src.constructor as new (n: number) => T)(src.length);
  const [d0, d1, d2] = shape;
  const f0 = axes.includes(0);
  const f1 = axes.includes(1);
  const f2 = axes.includes(2);
  let o = 0;
  for (let a = 0; a < d0; a++) {
    const sa = f0 ? d0 - 1 - a : a;
    for (let b = 0; b < d1; b++) {
      const sb = f1 ? d1 - 1 - b : b;
      const row = (sa * d1 + sb) * d2;
      if (f2) for (let c = 0; c < d2; c++, o++) out[o] = src[row + d2 - 1 - c]!;
      else {
        out.set(src.subarray(row, row + d2), o);
        o += d2;
      }
    }
  }
  return out;
}
