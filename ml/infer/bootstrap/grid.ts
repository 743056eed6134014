// Flat-volume helpers for the bootstrap proposal: voxels i fastest (index = i + nx·(j + ny·k)), an axis seen
// as [outer, n, inner] so that per-axis passes can sweep whole rows or slices at once (sequential memory).

export type Dims = readonly [number, number, number];

/** Axis a of a volume as [outer, n, inner]: index = (o·n + t)·inner + r. */
export function axisLayout(dims: Dims, axis: 0 | 1 | 2): { outer: number; n: number; inner: number } {
  const inner = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const outer = axis === 0 ? dims[1] * dims[2] : axis === 1 ? dims[2] : 1;
  return { outer, n: dims[axis], inner };
}

/** Inclusive voxel box. */
export interface Box {
  lo: [number, number, number];
  hi: [number, number, number];
}

/** The smallest box holding every non-zero voxel, or null. */
export function boundingBox(mask: Uint8Array, dims: Dims): Box | null {
  const [nx, ny, nz] = dims;
  const lo: [number, number, number] = [nx, ny, nz];
  const hi: [number, number, number] = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let first = -1;
      let last = -1;
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n]) {
          if (first < 0) first = i;
          last = i;
        }
      }
      if (first < 0) continue;
      if (first < lo[0]) lo[0] = first;
      if (last > hi[0]) hi[0] = last;
      if (j < lo[1]) lo[1] = j;
      if (j > hi[1]) hi[1] = j;
      if (k < lo[2]) lo[2] = k;
      if (k > hi[2]) hi[2] = k;
    }
  }
  return hi[0] < 0 ? null : { lo, hi };
}

/** `box` grown by `margin` voxels per axis and clipped to the grid. */
export function growBox(box: Box, margin: Dims, dims: Dims): Box {
  const lo = box.lo.map((v, a) => Math.max(0, v - margin[a]!)) as Box['lo'];
  const hi = box.hi.map((v, a) => Math.min(dims[a]! - 1, v + margin[a]!)) as Box['hi'];
  return { lo, hi };
}

export function boxDims(box: Box): [number, number, number] {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

/** Copies the box out of a volume into a new array of the same type. */
export function cropBox<T extends Float32Array | Uint8Array>(src: T, dims: Dims, box: Box): T {
  const [bx, by, bz] = boxDims(box);
  const out = new (src.constructor as new (n: number) => T)(bx * by * bz);
  let o = 0;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      const start = box.lo[0] + dims[0] * (j + dims[1] * k);
      out.set(src.subarray(start, start + bx), o);
      o += bx;
    }
  }
  return out;
}

/** Writes a cropped array back into its place in a full volume. */
export function pasteBox(dst: Uint8Array, dims: Dims, box: Box, part: Uint8Array): void {
  const [bx, by, bz] = boxDims(box);
  let o = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const start = box.lo[0] + dims[0] * (box.lo[1] + j + dims[1] * (box.lo[2] + k));
      dst.set(part.subarray(o, o + bx), start);
      o += bx;
    }
  }
}

/** Voxel radius per axis for a physical radius in mm (rounded, at least `min`). */
export function radiusVoxels(mm: number, spacing: Dims, min = 0): [number, number, number] {
  return spacing.map((s) => Math.max(min, Math.round(mm / s))) as [number, number, number];
}
