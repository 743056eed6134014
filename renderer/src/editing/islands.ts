// Connected components (6-connectivity) of one label, and the two island clean-ups built on them:
// keep the largest island, or remove islands smaller than a size.
import type { Dims } from './voxel-grid.js';

interface Box {
  lo: [number, number, number];
  hi: [number, number, number];
}

function boundingBox(labels: Uint8Array, dims: Dims, value: number): Box | null {
  const [nx, ny, nz] = dims;
  const lo: [number, number, number] = [nx, ny, nz];
  const hi: [number, number, number] = [-1, -1, -1];
  let q = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, q++) {
        if (labels[q] !== value) continue;
        if (i < lo[0]) lo[0] = i;
        if (i > hi[0]) hi[0] = i;
        if (j < lo[1]) lo[1] = j;
        if (j > hi[1]) hi[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (k > hi[2]) hi[2] = k;
      }
  return hi[0] < 0 ? null : { lo, hi };
}

export interface Components {
  /** Volume indices of every component, largest first. */
  components: Uint32Array[];
}

export function connectedComponents(labels: Uint8Array, dims: Dims, value: number): Components {
  const box = boundingBox(labels, dims, value);
  if (!box) return { components: [] };
  const [nx, ny] = dims;
  const bx = box.hi[0] - box.lo[0] + 1;
  const by = box.hi[1] - box.lo[1] + 1;
  const bz = box.hi[2] - box.lo[2] + 1;
  const seen = new Uint8Array(bx * by * bz);
  const stack = new Int32Array(bx * by * bz);
  const toVol = (b: number) => {
    const i = b % bx;
    const r = (b - i) / bx;
    const j = r % by;
    const k = (r - j) / by;
    return box.lo[0] + i + nx * (box.lo[1] + j + ny * (box.lo[2] + k));
  };
  const components: Uint32Array[] = [];
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] || labels[toVol(start)] !== value) continue;
    const members: number[] = [];
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const b = stack[--top]!;
      members.push(toVol(b));
      const i = b % bx;
      const r = (b - i) / bx;
      const j = r % by;
      const k = (r - j) / by;
      const visit = (nb: number) => {
        if (seen[nb]) return;
        seen[nb] = 1;
        if (labels[toVol(nb)] === value) stack[top++] = nb;
      };
      if (i > 0) visit(b - 1);
      if (i < bx - 1) visit(b + 1);
      if (j > 0) visit(b - bx);
      if (j < by - 1) visit(b + bx);
      if (k > 0) visit(b - bx * by);
      if (k < bz - 1) visit(b + bx * by);
    }
    components.push(Uint32Array.from(members));
  }
  components.sort((a, b) => b.length - a.length);
  return { components };
}

/** Volume indices to clear so that only the largest island of `value` remains. */
export function keepLargestIsland(labels: Uint8Array, dims: Dims, value: number): number[] {
  const { components } = connectedComponents(labels, dims, value);
  return components.slice(1).flatMap((c) => Array.from(c));
}

/** Volume indices to clear: every island of `value` with fewer than `minVoxels` voxels. */
export function removeSmallIslands(
  labels: Uint8Array,
  dims: Dims,
  value: number,
  minVoxels: number,
): number[] {
  const { components } = connectedComponents(labels, dims, value);
  return components.filter((c) => c.length < minVoxels).flatMap((c) => Array.from(c));
}
