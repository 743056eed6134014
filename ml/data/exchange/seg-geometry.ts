// Where the frames of a SEG lie: each frame's slice index on a grid, the grid either rebuilt from the
// frames themselves or given (the case the SEG is meant for).
//
// Rebuilt grid: axis0 = ImageOrientationPatient row cosines, axis1 = column cosines, axis2 = axis0 ×
// axis1 (DICOM stacks slices along the normal, so a left-handed label map comes back with its slices in
// the reverse order: the same voxels in space). Slice step = SpacingBetweenSlices when given, otherwise
// the smallest distance between distinct frame positions; origin = the position of the lowest slice.
// Reference: DICOM PS3.3 C.7.6.2.1.1 (Image Position / Orientation (Patient)).

import { VolumeFormatError } from '../io/errors.js';
import type { Mat3, Vec3 } from '../io/volume.js';
import { GEOMETRY_TOLERANCE, type Grid } from './geometry-check.js';

export interface SegPlaneInfo {
  rows: number;
  columns: number;
  /** Row cosines then column cosines. */
  orientation: readonly number[];
  /** [between rows, between columns]. */
  pixelSpacing: readonly number[];
  spacingBetweenSlices?: number;
  sliceThickness?: number;
  /** ImagePositionPatient of every frame. */
  positions: readonly Vec3[];
}

const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
const sub = (a: Vec3, b: readonly number[]): Vec3 => [a[0] - b[0]!, a[1] - b[1]!, a[2] - b[2]!];
const show = (v: readonly number[]) => `(${v.map((x) => Number(x.toFixed(4))).join(', ')})`;

function unit(file: string, v: readonly number[], what: string): Vec3 {
  const n = Math.hypot(v[0]!, v[1]!, v[2]!);
  if (!(n > 0.5))
    throw new VolumeFormatError(file, `ImageOrientationPatient ${what} ${show(v)} is not a direction`);
  return [v[0]! / n, v[1]! / n, v[2]! / n];
}

/** The grid the frames define, and each frame's slice index on it. */
export function rebuildGrid(file: string, p: SegPlaneInfo): { grid: Grid; slices: number[] } {
  const row = unit(file, p.orientation.slice(0, 3), 'row');
  const col = unit(file, p.orientation.slice(3, 6), 'column');
  const normal: Vec3 = [
    row[1] * col[2] - row[2] * col[1],
    row[2] * col[0] - row[0] * col[2],
    row[0] * col[1] - row[1] * col[0],
  ];
  const depths = p.positions.map((pos) => dot(pos, normal));
  const min = Math.min(...depths);
  const distinct = [...new Set(depths)].sort((a, b) => a - b);
  let step =
    p.spacingBetweenSlices !== undefined && p.spacingBetweenSlices !== 0
      ? Math.abs(p.spacingBetweenSlices)
      : Infinity;
  if (!Number.isFinite(step)) {
    for (let n = 1; n < distinct.length; n++) {
      const gap = distinct[n]! - distinct[n - 1]!;
      if (gap > GEOMETRY_TOLERANCE) step = Math.min(step, gap);
    }
    if (!Number.isFinite(step)) step = p.sliceThickness && p.sliceThickness > 0 ? p.sliceThickness : 1;
  }
  const first = p.positions[depths.indexOf(min)]!;
  const slices = p.positions.map((pos, n) => sliceIndex(file, pos, first, row, col, normal, step, n));
  const grid: Grid = {
    dims: [p.columns, p.rows, Math.max(...slices) + 1],
    spacing: [p.pixelSpacing[1]!, p.pixelSpacing[0]!, step],
    origin: [...first],
    direction: [...row, ...col, ...normal] as Mat3,
  };
  return { grid, slices };
}

function sliceIndex(
  file: string,
  pos: Vec3,
  origin: readonly number[],
  axis0: readonly number[],
  axis1: readonly number[],
  axis2: readonly number[],
  step: number,
  frame: number,
): number {
  const v = sub(pos, origin);
  const inPlane = Math.hypot(dot(v, axis0), dot(v, axis1));
  const along = dot(v, axis2);
  // Decimal strings carry ~16 digits; allow the tolerance plus a relative share of the distance.
  const slack = GEOMETRY_TOLERANCE + 1e-6 * Math.abs(along);
  if (inPlane > slack) {
    throw new VolumeFormatError(
      file,
      `frame ${frame + 1} at ${show(pos)} is shifted ${inPlane.toFixed(4)} mm within the slice plane; the frames do not form one grid`,
    );
  }
  const k = Math.round(along / step);
  if (Math.abs(along - k * step) > slack) {
    throw new VolumeFormatError(
      file,
      `frame ${frame + 1} at ${show(pos)} lies between slices (${(along / step).toFixed(3)} steps of ${step} mm from the first)`,
    );
  }
  return k;
}

/**
 * Each frame's slice index on the case's grid. The SEG must have the case's rows, columns, in-plane
 * axes and pixel spacing (within 1e-3), and every frame must lie on one of the case's slices.
 */
export function placeOnGrid(file: string, p: SegPlaneInfo, grid: Grid): number[] {
  const d = grid.direction;
  const mismatch = (what: string, seg: string, grid: string) =>
    new VolumeFormatError(file, `geometry does not match: ${what} ${seg} in the SEG vs ${grid} in the case`);
  if (p.columns !== grid.dims[0] || p.rows !== grid.dims[1]) {
    throw mismatch('slice size (columns×rows)', `${p.columns}×${p.rows}`, `${grid.dims[0]}×${grid.dims[1]}`);
  }
  const row = unit(file, p.orientation.slice(0, 3), 'row');
  const col = unit(file, p.orientation.slice(3, 6), 'column');
  const axes = [...row, ...col];
  if (axes.some((x, n) => Math.abs(x - d[n]!) > GEOMETRY_TOLERANCE)) {
    throw mismatch('in-plane direction', show(axes), show(d.slice(0, 6)));
  }
  const seg = [p.pixelSpacing[1]!, p.pixelSpacing[0]!];
  if (seg.some((x, n) => Math.abs(x - grid.spacing[n]!) > GEOMETRY_TOLERANCE)) {
    throw mismatch('pixel spacing (mm)', show(seg), show(grid.spacing.slice(0, 2)));
  }
  const axis2 = d.slice(6, 9);
  return p.positions.map((pos, n) => {
    const v = sub(pos, grid.origin);
    const off0 = dot(v, d.slice(0, 3));
    const off1 = dot(v, d.slice(3, 6));
    const along = dot(v, axis2) / grid.spacing[2];
    const k = Math.round(along);
    if (
      Math.hypot(off0, off1) > GEOMETRY_TOLERANCE ||
      Math.abs(along - k) * grid.spacing[2] > GEOMETRY_TOLERANCE ||
      k < 0 ||
      k >= grid.dims[2]
    ) {
      throw new VolumeFormatError(
        file,
        `geometry does not match: frame ${n + 1} at ${show(pos)} is not on a slice of the case ` +
          `(origin ${show(grid.origin)}, ${grid.dims[2]} slices ${grid.spacing[2]} mm apart along ${show(axis2)})`,
      );
    }
    return k;
  });
}
