// NIfTI geometry ⇄ our LPS geometry.
//
// NIfTI maps voxel (i, j, k) to RAS+ millimetres; we use LPS+, so x and y flip sign (rows 0 and 1 of the
// affine are negated). Reading picks, like ITK and nibabel:
//   1. the sform when sform_code > 0 (spacing = column norms, direction = normalised columns);
//   2. else the qform when qform_code > 0 (quaternion b, c, d; qfac from pixdim[0]; spacing = |pixdim|);
//   3. else ITK's fallback: spacing = |pixdim|, identity LPS direction, origin 0 (nibabel would differ here).
// Spatial units (xyzt_units) of metres or micrometres are converted to millimetres, as ITK does.
// Writing fills both: sform and qform with code 1 (scanner anatomical, what ITK writes) so that ITK, Slicer
// and nibabel — whichever form they prefer — agree. A direction that is not a rotation (sheared) cannot be
// a quaternion: then only the sform is written and qform_code is 0. Values are stored as float32 (NIfTI-1), so
// a first write loses precision beyond float32; writing what was read back is then exact.

import { VolumeFormatError } from './errors.js';
import { checkGeometry, formatVector, geometryFromAxes, noNegativeZero, type Geometry } from './geometry.js';
import type { NiftiHeader } from './nifti-header.js';
import type { Mat3, Vec3 } from './volume.js';

export const NIFTI_XFORM_SCANNER_ANAT = 1;
export const NIFTI_UNITS_MM = 2;

function unitScale(xyztUnits: number): number {
  switch (xyztUnits & 7) {
    case 1:
      return 1000; // metres
    case 3:
      return 0.001; // micrometres
    default:
      return 1; // millimetres or unknown
  }
}

/** The volume geometry (LPS) a NIfTI header describes. */
export function geometryFromNifti(file: string, h: NiftiHeader): Geometry {
  const scale = unitScale(h.xyztUnits);
  const pixdim = h.pixdim.slice(1, 4);
  if (!pixdim.every(Number.isFinite)) {
    throw new VolumeFormatError(file, `voxel spacing pixdim[1..3] is not finite ${formatVector(pixdim)}`);
  }
  const spacing = pixdim.map((p) => Math.abs(p) * scale) as Vec3;

  if (h.sformCode > 0) {
    const [x, y, z] = h.srow;
    if (![...x, ...y, ...z].every(Number.isFinite)) {
      throw new VolumeFormatError(file, `sform is not finite: ${[x, y, z].map(formatVector).join(' ')}`);
    }
    const axes = [0, 1, 2].map((c) => [-x[c]! * scale, -y[c]! * scale, z[c]! * scale] as Vec3);
    return geometryFromAxes(file, axes, [-x[3] * scale, -y[3] * scale, z[3] * scale], 'sform');
  }

  if (h.qformCode > 0) {
    if (![...h.quatern, ...h.qoffset].every(Number.isFinite)) {
      throw new VolumeFormatError(
        file,
        `qform is not finite: quaternion ${formatVector(h.quatern)} offset ${formatVector(h.qoffset)}`,
      );
    }
    const qfac = (h.pixdim[0] ?? 0) < 0 ? -1 : 1;
    const r = quaternionToMatrix(h.quatern);
    // Column c of the rotation (row-major r[row][col]) is axis c in RAS; flip x, y for LPS; qfac flips axis 2.
    const direction = [0, 1, 2].flatMap((c) => {
      const sign = c === 2 ? qfac : 1;
      return [-r[0]![c]! * sign, -r[1]![c]! * sign, r[2]![c]! * sign].map(noNegativeZero);
    }) as Mat3;
    const [qx, qy, qz] = h.qoffset;
    const origin = [-qx * scale, -qy * scale, qz * scale].map(noNegativeZero) as Vec3;
    return checkGeometry(file, { spacing, origin, direction });
  }

  return checkGeometry(file, { spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
}

/** Rotation matrix (rows) of a NIfTI quaternion (b, c, d), a = sqrt(1 − b² − c² − d²), as nifti1_io does. */
function quaternionToMatrix([qb, qc, qd]: Vec3): number[][] {
  let [a, b, c, d] = [1 - (qb * qb + qc * qc + qd * qd), qb, qc, qd];
  if (a < 1e-7) {
    // |(b, c, d)| ≈ 1: a 180° rotation; renormalise (b, c, d) and take a = 0.
    const norm = Math.hypot(b, c, d);
    [a, b, c, d] = [0, b / norm, c / norm, d / norm];
  } else {
    a = Math.sqrt(a);
  }
  return [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
}

export interface NiftiTransformFields {
  pixdim: number[];
  qformCode: number;
  sformCode: number;
  quatern: Vec3;
  qoffset: Vec3;
  srow: NiftiHeader['srow'];
}

/** The header fields that store a volume's geometry (see the policy at the top of this file). */
export function niftiTransformFields(g: Geometry): NiftiTransformFields {
  const { spacing, origin, direction: d } = g;
  // RAS columns: axis c scaled by its spacing, x and y negated.
  const col = (c: number): Vec3 => {
    const s = spacing[c]!;
    return [-d[3 * c]! * s, -d[3 * c + 1]! * s, d[3 * c + 2]! * s];
  };
  const [c0, c1, c2] = [col(0), col(1), col(2)];
  const offset: Vec3 = [-origin[0], -origin[1], origin[2]];
  const row = (r: number) =>
    [c0[r]!, c1[r]!, c2[r]!, offset[r]!].map(noNegativeZero) as [number, number, number, number];

  const rotation = rasRotation(d);
  const pixdim = [rotation?.qfac ?? 1, spacing[0], spacing[1], spacing[2], 1, 1, 1, 1];
  return {
    pixdim,
    qformCode: rotation ? NIFTI_XFORM_SCANNER_ANAT : 0,
    sformCode: NIFTI_XFORM_SCANNER_ANAT,
    quatern: rotation?.quatern ?? [0, 0, 0],
    qoffset: rotation ? (offset.map(noNegativeZero) as Vec3) : [0, 0, 0],
    srow: [row(0), row(1), row(2)],
  };
}

/** Quaternion (b, c, d) and qfac of an LPS direction, or null when it is not orthonormal. */
function rasRotation(d: Mat3): { quatern: Vec3; qfac: number } | null {
  // m[row][col]: column c is axis c in RAS.
  const m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => (r < 2 ? -1 : 1) * d[3 * c + r]!));
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const dot = m[0]![a]! * m[0]![b]! + m[1]![a]! * m[1]![b]! + m[2]![a]! * m[2]![b]!;
      if (Math.abs(dot - (a === b ? 1 : 0)) > 1e-4) return null;
    }
  }
  const det =
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
    m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
    m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const qfac = det < 0 ? -1 : 1;
  for (const row of m) row[2] = row[2]! * qfac;
  return { quatern: matrixToQuaternion(m), qfac };
}

/** (b, c, d) of the unit quaternion of a proper rotation, with a ≥ 0 (Shepperd's method). */
function matrixToQuaternion(m: number[][]): Vec3 {
  const at = (r: number, c: number) => m[r]![c]!;
  const trace = at(0, 0) + at(1, 1) + at(2, 2);
  let a: number, b: number, c: number, d: number;
  if (trace > 0) {
    const s = 2 * Math.sqrt(trace + 1);
    [a, b, c, d] = [s / 4, (at(2, 1) - at(1, 2)) / s, (at(0, 2) - at(2, 0)) / s, (at(1, 0) - at(0, 1)) / s];
  } else if (at(0, 0) > at(1, 1) && at(0, 0) > at(2, 2)) {
    const s = 2 * Math.sqrt(1 + at(0, 0) - at(1, 1) - at(2, 2));
    [a, b, c, d] = [(at(2, 1) - at(1, 2)) / s, s / 4, (at(0, 1) + at(1, 0)) / s, (at(0, 2) + at(2, 0)) / s];
  } else if (at(1, 1) > at(2, 2)) {
    const s = 2 * Math.sqrt(1 + at(1, 1) - at(0, 0) - at(2, 2));
    [a, b, c, d] = [(at(0, 2) - at(2, 0)) / s, (at(0, 1) + at(1, 0)) / s, s / 4, (at(1, 2) + at(2, 1)) / s];
  } else {
    const s = 2 * Math.sqrt(1 + at(2, 2) - at(0, 0) - at(1, 1));
    [a, b, c, d] = [(at(1, 0) - at(0, 1)) / s, (at(0, 2) + at(2, 0)) / s, (at(1, 2) + at(2, 1)) / s, s / 4];
  }
  const sign = a < 0 ? -1 : 1;
  return [b * sign, c * sign, d * sign].map(noNegativeZero) as Vec3;
}
