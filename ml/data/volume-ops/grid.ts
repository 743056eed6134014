// Flat-volume index helpers shared by the volume operations: voxels i fastest (index = i + nx·(j + ny·k)), and
// an axis seen as [outer, n, inner] so that per-axis passes can sweep whole rows or slices at once.

export type Dims = readonly [number, number, number];
export type Axis = 0 | 1 | 2;

/** Axis a of a volume as [outer, n, inner]: index = (o·n + t)·inner + r. */
export function axisLayout(dims: Dims, axis: Axis): { outer: number; n: number; inner: number } {
  const inner = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const outer = axis === 0 ? dims[1] * dims[2] : axis === 1 ? dims[2] : 1;
  return { outer, n: dims[axis], inner };
}

/** Voxel radius per axis for a physical radius in mm (rounded, at least `min`). */
export function radiusVoxels(mm: number, spacing: Dims, min = 0): [number, number, number] {
  return spacing.map((s) => Math.max(min, Math.round(mm / s))) as [number, number, number];
}
