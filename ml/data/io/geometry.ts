// Geometry helpers shared by the readers: turn scaled axis vectors (an affine's columns, NRRD's space
// directions) into spacing + unit directions, and reject non-finite or degenerate geometry with a clear error.

import { VolumeFormatError } from './errors.js';
import type { Mat3, Vec3 } from './volume.js';

export interface Geometry {
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
}

/** x + 0 turns -0 into 0, so flipped zeros compare equal to zeros in tests and print as "0". */
export function noNegativeZero(x: number): number {
  return x + 0;
}

export function formatVector(v: readonly number[]): string {
  return `(${v.map((x) => String(x)).join(', ')})`;
}

/**
 * Spacing and direction from three axis vectors whose lengths are the voxel spacings (LPS).
 * `what` names where the vectors came from, e.g. "sform".
 */
export function geometryFromAxes(file: string, axes: readonly Vec3[], origin: Vec3, what: string): Geometry {
  const spacing: number[] = [];
  const direction: number[] = [];
  axes.forEach((axis, n) => {
    if (!axis.every(Number.isFinite)) {
      throw new VolumeFormatError(file, `${what} axis ${n} is not finite ${formatVector(axis)}`);
    }
    const length = Math.hypot(axis[0], axis[1], axis[2]);
    if (length === 0) throw new VolumeFormatError(file, `${what} axis ${n} is zero (degenerate geometry)`);
    spacing.push(length);
    direction.push(...axis.map((x) => noNegativeZero(x / length)));
  });
  return checkGeometry(file, {
    spacing: spacing as Vec3,
    origin: origin.map(noNegativeZero) as Vec3,
    direction: direction as Mat3,
  });
}

/** Throws a VolumeFormatError unless spacing is positive and finite and origin/direction are finite. */
export function checkGeometry(file: string, g: Geometry): Geometry {
  if (!g.spacing.every(Number.isFinite)) {
    throw new VolumeFormatError(file, `voxel spacing is not finite ${formatVector(g.spacing)}`);
  }
  if (!g.spacing.every((s) => s > 0)) {
    throw new VolumeFormatError(file, `voxel spacing must be positive, got ${formatVector(g.spacing)}`);
  }
  if (!g.origin.every(Number.isFinite)) {
    throw new VolumeFormatError(file, `origin is not finite ${formatVector(g.origin)}`);
  }
  if (!g.direction.every(Number.isFinite)) {
    throw new VolumeFormatError(file, `direction is not finite ${formatVector(g.direction)}`);
  }
  const [a, b, c, d, e, f, g2, h, i] = g.direction;
  const det = a * (e * i - f * h) - b * (d * i - f * g2) + c * (d * h - e * g2);
  if (Math.abs(det) < 1e-6) {
    throw new VolumeFormatError(
      file,
      `direction axes are (nearly) linearly dependent ${formatVector(g.direction)}`,
    );
  }
  return g;
}

/**
 * Parses one number strictly: the whole token must be a decimal number or nan/inf (any case); anything else
 * gives undefined so that header parsers can say which field is malformed.
 */
export function parseNumberToken(token: string): number | undefined {
  const t = token.trim().toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}
