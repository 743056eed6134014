// Voxel ↔ patient (LPS mm) maths for a volume with orthonormal axis directions (pure; unit tested).
import type { Geometry } from '../../../electron/contract/types.js';

export type Point3 = [number, number, number];

/** world = origin + Σ index[a] · spacing[a] · axis[a]. */
export function voxelToWorld(g: Geometry, ijk: readonly [number, number, number]): Point3 {
  const out: Point3 = [g.origin[0], g.origin[1], g.origin[2]];
  for (let a = 0; a < 3; a++) {
    const s = ijk[a]! * g.spacing[a]!;
    for (let c = 0; c < 3; c++) out[c]! += s * g.direction[a * 3 + c]!;
  }
  return out;
}

/** Continuous voxel coordinates of a world point (the axes are orthonormal, so the inverse is a transpose). */
export function worldToVoxel(g: Geometry, world: readonly [number, number, number]): Point3 {
  const d = [world[0] - g.origin[0], world[1] - g.origin[1], world[2] - g.origin[2]];
  const out: Point3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    out[a] =
      (d[0]! * g.direction[a * 3]! + d[1]! * g.direction[a * 3 + 1]! + d[2]! * g.direction[a * 3 + 2]!) /
      g.spacing[a]!;
  }
  return out;
}

/** The nearest voxel of a world point, or null outside the grid. */
export function nearestVoxel(g: Geometry, world: readonly [number, number, number]): Point3 | null {
  const v = worldToVoxel(g, world).map((x) => Math.round(x)) as Point3;
  for (let a = 0; a < 3; a++) if (v[a]! < 0 || v[a]! >= g.dims[a]!) return null;
  return v;
}
