// Paint-bucket fill in one plane: the 4-connected region around a seed whose voxels carry the seed's label
// (and, optionally, whose scan values lie in a range) takes the new label. Locked labels are never changed.
import type { Axis, Dims, Plane } from './voxel-grid.js';
import { planeLayout } from './voxel-grid.js';

export interface FloodFillOptions {
  /** Scan grey values; with `range`, only voxels inside [range[0], range[1]] join the region. */
  scan?: ArrayLike<number>;
  range?: readonly [number, number];
  locked?: ReadonlySet<number>;
  /** Safety limit on the region size (default: the whole plane). */
  maxVoxels?: number;
}

/** Volume indices of the region to fill, in visiting order; empty when the seed cannot be filled. */
export function floodFillPlane(
  labels: Uint8Array,
  dims: Dims,
  plane: Plane,
  seed: readonly [number, number],
  value: number,
  options: FloodFillOptions = {},
): Uint32Array {
  const l = planeLayout(dims, plane);
  const [su, sv] = seed;
  if (su < 0 || sv < 0 || su >= l.width || sv >= l.height) return new Uint32Array(0);
  const seedLabel = labels[l.toVolume(su, sv)]!;
  if (seedLabel === value || options.locked?.has(seedLabel)) return new Uint32Array(0);
  const { scan, range } = options;
  const accepts = (q: number) =>
    labels[q] === seedLabel && (!scan || !range || (scan[q]! >= range[0] && scan[q]! <= range[1]));
  if (!accepts(l.toVolume(su, sv))) return new Uint32Array(0);
  const max = options.maxVoxels ?? l.width * l.height;
  const seen = new Uint8Array(l.width * l.height);
  const stack = new Int32Array(l.width * l.height);
  const out = new Uint32Array(l.width * l.height);
  let top = 0;
  let count = 0;
  stack[top++] = su + sv * l.width;
  seen[su + sv * l.width] = 1;
  while (top > 0 && count < max) {
    const p = stack[--top]!;
    const u = p % l.width;
    const v = (p - u) / l.width;
    out[count++] = l.toVolume(u, v);
    const visit = (nu: number, nv: number) => {
      if (nu < 0 || nv < 0 || nu >= l.width || nv >= l.height) return;
      const np = nu + nv * l.width;
      if (seen[np]) return;
      seen[np] = 1;
      if (accepts(l.toVolume(nu, nv))) stack[top++] = np;
    };
    visit(u - 1, v);
    visit(u + 1, v);
    visit(u, v - 1);
    visit(u, v + 1);
  }
  return out.slice(0, count);
}

/** Flood fill in the plane normal to `axis` through a voxel (what a click in a view asks for). */
export function floodFillAtVoxel(
  labels: Uint8Array,
  dims: Dims,
  voxel: readonly [number, number, number],
  axis: Axis,
  value: number,
  options: FloodFillOptions = {},
): Uint32Array {
  const [u, v] = axis === 0 ? [voxel[1], voxel[2]] : axis === 1 ? [voxel[0], voxel[2]] : [voxel[0], voxel[1]];
  return floodFillPlane(labels, dims, { axis, index: voxel[axis] }, [u, v], value, options);
}
