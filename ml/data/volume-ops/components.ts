// Connected components on flat volumes (i fastest) by breadth-first flooding with an explicit queue: voxels
// are connected when they are neighbours (6: face neighbours, 26: face, edge and corner neighbours) and hold
// the same non-zero value, so a 0/1 mask gives the components of its set voxels and a label map those of
// each label separately. Components are numbered 1, 2, … in scan order of their first voxel. Written as flat
// loops (no per-voxel closures) because they run over whole scans.

import type { Dims } from './grid.js';

export type Connectivity = 6 | 26;

export interface Components {
  /** Component id per voxel (0 = background, ids from 1). */
  labels: Int32Array;
  /** Voxel count per id (index 0 unused, 0). */
  sizes: number[];
}

/** Labels the connected components of the non-zero voxels of `values` (same value, given connectivity). */
export function connectedComponents(
  values: Uint8Array | Int16Array,
  dims: Dims,
  connectivity: Connectivity = 6,
): Components {
  const [nx, ny, nz] = dims;
  const sxy = nx * ny;
  const labels = new Int32Array(values.length);
  const sizes = [0];
  // The queue is reused for every component (its start is always 0) and grows with the largest one.
  let queue = new Int32Array(Math.min(values.length, 1 << 16));
  for (let s = 0; s < values.length; s++) {
    const value = values[s]!;
    if (value === 0 || labels[s]) continue;
    const id = sizes.length;
    labels[s] = id;
    queue[0] = s;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      if (tail + 26 > queue.length && queue.length < values.length) {
        const bigger = new Int32Array(Math.min(values.length, 2 * queue.length + 26));
        bigger.set(queue.subarray(0, tail));
        queue = bigger;
      }
      const i = v % nx;
      const j = ((v / nx) | 0) % ny;
      const k = (v / sxy) | 0;
      if (connectivity === 26) {
        const c1 = k < nz - 1 ? k + 1 : k;
        const b0 = j > 0 ? j - 1 : j;
        const b1 = j < ny - 1 ? j + 1 : j;
        const a0 = i > 0 ? i - 1 : i;
        const a1 = i < nx - 1 ? i + 1 : i;
        for (let c = k > 0 ? k - 1 : k; c <= c1; c++) {
          for (let b = b0; b <= b1; b++) {
            for (let u = a0 + nx * (b + ny * c), end = u + a1 - a0; u <= end; u++) {
              if (values[u] === value && !labels[u]) {
                labels[u] = id;
                queue[tail++] = u;
              }
            }
          }
        }
        continue;
      }
      let u = v - 1;
      if (i > 0 && values[u] === value && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v + 1;
      if (i < nx - 1 && values[u] === value && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v - nx;
      if (j > 0 && values[u] === value && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v + nx;
      if (j < ny - 1 && values[u] === value && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v - sxy;
      if (k > 0 && values[u] === value && !labels[u]) {
        labels[u] = id;
        queue[tail++] = u;
      }
      u = v + sxy;
      if (k < nz - 1 && values[u] === value && !labels[u]) {
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
