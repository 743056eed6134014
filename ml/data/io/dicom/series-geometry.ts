// The grid of a series of slices: orientation from ImageOrientationPatient, slices sorted by their
// position along the slice normal (not by InstanceNumber), spacing from the positions (not from
// SliceThickness). Rejects series that do not form one regular grid, naming the slices at fault.

import { basename } from 'node:path';
import { VolumeFormatError } from '../errors.js';
import type { Mat3, Vec3 } from '../volume.js';
import type { SliceHeader } from './slice-header.js';
import { Tag, describeTag } from './tags.js';

export interface SeriesGeometry {
  /** The slices in grid order (ascending along the normal). */
  slices: SliceHeader[];
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
}

// Tolerances, in mm unless said otherwise. DICOM stores decimal strings of at most 16 characters,
// and other writers often round to a few decimals, so equality is never exact.
const SAME_ORIENTATION = 1e-4; // per direction cosine
const SAME_PIXEL_SPACING = 1e-4; // relative
const DUPLICATE_STEP = 1e-3;
const GAP_FACTOR = 1.5; // a step this many times the median means missing slices
const UNEVEN_ABS = 0.01;
const UNEVEN_REL = 0.01;
const ROUNDING_SLACK = 1e-6; // so that steps of 0.12 and 0.13 mm count as 0.01 mm apart, not 0.0100000001
const LATERAL_ABS = 0.01;
const LATERAL_REL = 1e-3; // per mm of distance along the normal

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const norm = (a: Vec3): number => Math.sqrt(dot(a, a));

/** "12.5", "15.0", "0.625": at most three decimals, at least one. */
export function formatMm(x: number): string {
  const s = String(Number(x.toFixed(3)));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function required<T>(dir: string, h: SliceHeader, value: T | undefined, tag: number): T {
  if (value === undefined) {
    throw new VolumeFormatError(
      dir,
      `${basename(h.file)} has no ${describeTag(tag)}, so it cannot be placed in 3-D`,
    );
  }
  return value;
}

function checkConsistent(dir: string, slices: SliceHeader[]): void {
  const first = slices[0] as SliceHeader;
  const o0 = required(dir, first, first.orientation, Tag.ImageOrientationPatient);
  const s0 = required(dir, first, first.pixelSpacing, Tag.PixelSpacing);
  if (!s0.every((v) => v > 0)) {
    throw new VolumeFormatError(
      dir,
      `${basename(first.file)} has PixelSpacing ${s0.join('\\')}; both values must be positive`,
    );
  }
  for (const h of slices) {
    const name = `${basename(first.file)} and ${basename(h.file)}`;
    if (h.rows !== first.rows || h.columns !== first.columns) {
      throw new VolumeFormatError(
        dir,
        `slices of one series differ in size: ${basename(first.file)} is ${first.columns}×${first.rows}, ` +
          `${basename(h.file)} is ${h.columns}×${h.rows} (columns×rows)`,
      );
    }
    const o = required(dir, h, h.orientation, Tag.ImageOrientationPatient);
    if (o.some((v, n) => Math.abs(v - (o0[n] as number)) > SAME_ORIENTATION)) {
      throw new VolumeFormatError(
        dir,
        `slices of one series have different orientations (ImageOrientationPatient): ${name} ` +
          `(${o0.join('\\')} vs ${o.join('\\')})`,
      );
    }
    const s = required(dir, h, h.pixelSpacing, Tag.PixelSpacing);
    if (s.some((v, n) => Math.abs(v - (s0[n] as number)) > SAME_PIXEL_SPACING * Math.abs(v))) {
      throw new VolumeFormatError(
        dir,
        `slices of one series have different PixelSpacing: ${name} (${s0.join('\\')} vs ${s.join('\\')})`,
      );
    }
    required(dir, h, h.position, Tag.ImagePositionPatient);
  }
}

/** Row and column unit vectors and their normal, checked and made exactly orthonormal. */
function axesOf(dir: string, o: NonNullable<SliceHeader['orientation']>): [Vec3, Vec3, Vec3] {
  const row: Vec3 = [o[0], o[1], o[2]];
  const col: Vec3 = [o[3], o[4], o[5]];
  const nr = norm(row);
  const nc = norm(col);
  if (Math.abs(nr - 1) > 0.01 || Math.abs(nc - 1) > 0.01 || Math.abs(dot(row, col)) > 0.01) {
    throw new VolumeFormatError(
      dir,
      `ImageOrientationPatient ${o.join('\\')} is not two orthogonal unit vectors`,
    );
  }
  const r = scale(row, 1 / nr);
  const c0 = sub(col, scale(r, dot(col, r)));
  const c = scale(c0, 1 / norm(c0));
  return [r, c, cross(r, c)];
}

/** Sorts the slices of one series and derives the volume grid; throws on anything irregular. */
export function seriesGeometry(dir: string, headers: SliceHeader[]): SeriesGeometry {
  if (headers.length < 2) {
    throw new VolumeFormatError(
      dir,
      '2-D image (single slice) is not supported: a volume needs at least 2 slices',
      'unsupported',
    );
  }
  checkConsistent(dir, headers);
  const first = headers[0] as SliceHeader;
  const [r, c, n] = axesOf(dir, first.orientation as NonNullable<SliceHeader['orientation']>);
  const placed = headers
    .map((h) => ({ h, p: h.position as Vec3, z: dot(h.position as Vec3, n) }))
    .sort((a, b) => a.z - b.z || (a.h.file < b.h.file ? -1 : 1));
  const steps = placed.slice(1).map((s, k) => s.z - (placed[k] as (typeof placed)[number]).z);

  steps.forEach((step, k) => {
    if (step < DUPLICATE_STEP) {
      const a = placed[k] as (typeof placed)[number];
      const b = placed[k + 1] as (typeof placed)[number];
      throw new VolumeFormatError(
        dir,
        `duplicate slice position z = ${formatMm(a.z)} mm in ${basename(a.h.file)} and ${basename(b.h.file)}`,
      );
    }
  });
  const median = [...steps].sort((a, b) => a - b)[Math.floor((steps.length - 1) / 2)] as number;
  const gaps = steps.flatMap((step, k) => (step > GAP_FACTOR * median ? [k] : []));
  if (gaps.length > 0) {
    const k = gaps[0] as number;
    const a = (placed[k] as (typeof placed)[number]).z;
    const b = (placed[k + 1] as (typeof placed)[number]).z;
    const more = gaps.length > 1 ? ` and ${gaps.length - 1} more gap(s)` : '';
    throw new VolumeFormatError(
      dir,
      `missing slice(s) between z = ${formatMm(a)} mm and z = ${formatMm(b)} mm${more} ` +
        `(regular step ${formatMm(median)} mm; z is the position along the slice normal)`,
    );
  }
  const minStep = Math.min(...steps);
  const maxStep = Math.max(...steps);
  const tolerance = Math.max(UNEVEN_ABS, UNEVEN_REL * median);
  if (maxStep - minStep > tolerance + ROUNDING_SLACK) {
    throw new VolumeFormatError(
      dir,
      `uneven slice spacing: steps between slices range from ${formatMm(minStep)} mm to ${formatMm(maxStep)} mm ` +
        `(tolerance ${formatMm(tolerance)} mm)`,
    );
  }

  const start = placed[0] as (typeof placed)[number];
  for (const s of placed) {
    const along = s.z - start.z;
    const lateral = norm(sub(sub(s.p, start.p), scale(n, along)));
    if (lateral > LATERAL_ABS + LATERAL_REL * along) {
      throw new VolumeFormatError(
        dir,
        `slices are not stacked along the slice normal: ${basename(s.h.file)} is offset by ${formatMm(lateral)} mm ` +
          'within the image plane (gantry tilt or sheared grid), which is not supported',
        'unsupported',
      );
    }
  }

  const last = placed[placed.length - 1] as (typeof placed)[number];
  const [rowSpacing, columnSpacing] = first.pixelSpacing as [number, number];
  return {
    slices: placed.map((s) => s.h),
    dims: [first.columns, first.rows, placed.length],
    // PixelSpacing is [between rows, between columns]: the second value is the step along a row (axis0).
    spacing: [columnSpacing, rowSpacing, (last.z - start.z) / (placed.length - 1)],
    origin: [...start.p],
    direction: [...r, ...c, ...n],
  };
}
