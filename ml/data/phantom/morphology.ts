// Grey-level maximum filter over a box window on flat float volumes (i fastest), used by the phantom to
// measure the local tooth thickness. Binary morphology and box helpers are in ../volume-ops/.

import type { Vec3 } from '../io/volume.js';

/** Maximum over a box window of half-widths `radius` (voxels) around every voxel, separably. */
export function maxFilter(data: Float32Array, dims: Vec3, radius: Vec3): Float32Array {
  let cur = data.slice();
  const strides: Vec3 = [1, dims[0], dims[0] * dims[1]];
  for (let axis = 0; axis < 3; axis++) {
    const r = radius[axis] as number;
    if (r < 1) continue;
    const n = dims[axis] as number;
    const stride = strides[axis] as number;
    const next = new Float32Array(cur.length);
    for (let base = 0; base < cur.length; base++) {
      const q = Math.floor(base / stride) % n;
      let m = -Infinity;
      const from = Math.max(0, q - r);
      const to = Math.min(n - 1, q + r);
      for (let p = from; p <= to; p++) {
        const v = cur[base + (p - q) * stride] as number;
        if (v > m) m = v;
      }
      next[base] = m;
    }
    cur = next;
  }
  return cur;
}
