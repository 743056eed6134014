// Connected components of a binary mask (6-connectivity, face neighbours: the shared implementation in
// ../../data/volume-ops/components.ts), and slice-by-slice hole filling. Written as flat, repetitive loops
// (no per-voxel closures) because they run over whole scans.
import type { Dims } from '../../data/volume-ops/grid.js';

export { connectedComponents, filterComponents, type Components } from '../../data/volume-ops/components.js';

/** Hole filling in every 2-D slice perpendicular to `axis` (4-connectivity inside the slice). */
export function fillHolesSlices(mask: Uint8Array, dims: Dims, axis: 0 | 1 | 2): Uint8Array {
  const out = new Uint8Array(mask.length);
  const u = axis === 0 ? 1 : 0;
  const w = axis === 2 ? 1 : 2;
  const nu = dims[u]!;
  const nw = dims[w]!;
  const stride = [1, dims[0], dims[0] * dims[1]] as const;
  const su = stride[u];
  const sw = stride[w];
  const plane = new Uint8Array(nu * nw);
  const outside = new Uint8Array(nu * nw);
  const queue = new Int32Array(nu * nw);
  for (let s = 0; s < dims[axis]!; s++) {
    const base = s * stride[axis];
    let any = false;
    for (let b = 0; b < nw; b++) {
      for (let a = 0; a < nu; a++) {
        const x = mask[base + a * su + b * sw]!;
        plane[a + nu * b] = x;
        if (x) any = true;
      }
    }
    if (!any) continue;
    outside.fill(0);
    let tail = 0;
    for (let b = 0; b < nw; b++) {
      for (let a = 0; a < nu; a += b === 0 || b === nw - 1 || a === nu - 1 ? 1 : nu - 1) {
        const p = a + nu * b;
        if (!plane[p] && !outside[p]) {
          outside[p] = 1;
          queue[tail++] = p;
        }
      }
    }
    for (let head = 0; head < tail; head++) {
      const p = queue[head]!;
      const a = p % nu;
      const b = (p / nu) | 0;
      let q = p - 1;
      if (a > 0 && !plane[q] && !outside[q]) {
        outside[q] = 1;
        queue[tail++] = q;
      }
      q = p + 1;
      if (a < nu - 1 && !plane[q] && !outside[q]) {
        outside[q] = 1;
        queue[tail++] = q;
      }
      q = p - nu;
      if (b > 0 && !plane[q] && !outside[q]) {
        outside[q] = 1;
        queue[tail++] = q;
      }
      q = p + nu;
      if (b < nw - 1 && !plane[q] && !outside[q]) {
        outside[q] = 1;
        queue[tail++] = q;
      }
    }
    for (let b = 0; b < nw; b++)
      for (let a = 0; a < nu; a++) out[base + a * su + b * sw] = outside[a + nu * b] ? 0 : 1;
  }
  return out;
}
