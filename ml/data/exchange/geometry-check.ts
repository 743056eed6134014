// Comparing the grid of a file with the grid of the case it is meant for. Dimensions must match
// exactly; spacing, origin (mm) and direction cosines within a tolerance, because every format stores
// them with its own precision (DICOM decimal strings, NIfTI float32 quaternions).

import { VolumeFormatError } from '../io/errors.js';
import type { Volume } from '../io/volume.js';

export type Grid = Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>;

/** Default tolerance: 1e-3 mm for spacing and origin, 1e-3 for each direction cosine. */
export const GEOMETRY_TOLERANCE = 1e-3;

const show = (v: readonly number[]): string => `(${v.map((x) => String(Number(x.toFixed(6)))).join(', ')})`;

function far(a: readonly number[], b: readonly number[], tolerance: number): boolean {
  return a.some((x, n) => !(Math.abs(x - (b[n] as number)) <= tolerance));
}

/** A sentence naming the first difference between the grids ("… in the file vs … in the case"), or null. */
export function describeGridMismatch(
  actual: Grid,
  expected: Grid,
  tolerance = GEOMETRY_TOLERANCE,
  names: { actual: string; expected: string } = { actual: 'the file', expected: 'the case' },
): string | null {
  const pair = (what: string, a: string, b: string) =>
    `${what} ${a} in ${names.actual} vs ${b} in ${names.expected}`;
  if (actual.dims.some((n, a) => n !== expected.dims[a])) {
    return pair('dimensions', actual.dims.join('×'), expected.dims.join('×'));
  }
  if (far(actual.spacing, expected.spacing, tolerance)) {
    return pair('spacing (mm)', show(actual.spacing), show(expected.spacing));
  }
  if (far(actual.origin, expected.origin, tolerance)) {
    return pair('origin (LPS mm)', show(actual.origin), show(expected.origin));
  }
  if (far(actual.direction, expected.direction, tolerance)) {
    return pair('direction', show(actual.direction), show(expected.direction));
  }
  return null;
}

/** Throws a VolumeFormatError (reason 'invalid') naming both grids where they differ. */
export function assertSameGrid(
  file: string,
  actual: Grid,
  expected: Grid,
  tolerance = GEOMETRY_TOLERANCE,
  names?: { actual: string; expected: string },
): void {
  const problem = describeGridMismatch(actual, expected, tolerance, names);
  if (problem) throw new VolumeFormatError(file, `geometry does not match: ${problem}`);
}

/** A deep copy of a grid, so that a returned volume never shares arrays with the caller's. */
export function copyGrid(g: Grid): Grid {
  return {
    dims: [...g.dims],
    spacing: [...g.spacing],
    origin: [...g.origin],
    direction: [...g.direction],
  };
}
