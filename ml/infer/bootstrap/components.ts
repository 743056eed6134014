// Connected components of a binary mask (6-connectivity, face neighbours) by breadth-first flooding with an
// explicit queue, and slice-by-slice hole filling. Written as flat, repetitive loops (no per-voxel
// closures) because they run over whole scans.
import type { Dims } from './grid.js';

export interface Components {
  /** Component id per voxel (0 = not in the mask, ids from 1). */
  labels: Int32Array;
  /** Voxel count per id (index 0 unused, 0). */
  sizes: number[];
}

/** Labels the 6-connected components of the non-zero voxels of `mask`. */
export function connectedComponents(mask: Uint8Array, dims: Dims): Components {
  const [nx, ny, nz] = dims;
  const sxy = nx * ny;
  const labels = new Int32Array(mask.length);
  const sizes = [0];
  const queue = new Int32Array(mask.length);
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || labels[s]) continue;
    const id = sizes.length;
    labels[s] = id;
    queue[0] = s;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      const i = v % nx;
      const j = ((v / nx) | 0) % ny;
      const k = (v / sxy) | 0;
      let u = v - 1;
      if (i > 0 && mask[u] && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v + 1;
      if (i < nx - 1 && mask[u] && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v - nx;
      if (j > 0 && mask[u] && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v + nx;
      if (j < ny - 1 && mask[u] && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v - sxy;
      if (k > 0 && mask[u] && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v + sxy;
      if (k < nz - 1 && mask[u] && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
    }
    sizes.push(tail);
  }
  return { labels, sizes };
}

/** The mask of the components whose size passes `keep(size, id)`, and how many were kept. */
export function filterComponents(
  comps: Components,
  keep: (size: number, id: number) => boolean,
): { mask: Uint8Array; kept: number } {
  const ok = new Uint8Array(comps.sizes.length);
  let kept = 0;
  for (let id = 1; id < comps.sizes.length; id++) {
    if (keep(comps.sizes[id]!, id)) {
      ok[id] = 1;
      kept++;
    }
  }
  const mask = new Uint8Array(comps.labels.length);
  for (let n = 0; n < mask.length; n++) mask[n] = ok[comps.labels[n]!]!;
  return { mask, kept };
}

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
