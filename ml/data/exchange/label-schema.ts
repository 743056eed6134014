// The label schema as the exchange formats see it (value, name, optional colour), and the checks every
// imported or exported label map goes through: integer values, each one defined in the schema.
// Structurally the same as the contract's LabelSchema, so the core can pass that in unchanged.

import { VolumeFormatError } from '../io/errors.js';
import type { Vec3, Volume } from '../io/volume.js';

export interface ExchangeLabel {
  value: number;
  name: string;
  /** sRGB 0–255; used for the DICOM SEG recommended display colour. */
  color?: readonly number[];
}

export interface ExchangeLabelSchema {
  id?: string;
  labels: readonly ExchangeLabel[];
}

/** Largest label value any exchange format here stores (DICOM SEG segment numbers are 16-bit). */
export const MAX_LABEL_VALUE = 65535;

/** Throws a RangeError unless values are unique integers 0…65535 and names unique and non-empty. */
export function checkSchema(schema: ExchangeLabelSchema): void {
  const values = new Set<number>();
  const names = new Set<string>();
  for (const l of schema.labels) {
    if (!Number.isInteger(l.value) || l.value < 0 || l.value > MAX_LABEL_VALUE) {
      throw new RangeError(`label schema: value ${l.value} is not an integer in 0…${MAX_LABEL_VALUE}`);
    }
    if (values.has(l.value)) throw new RangeError(`label schema: value ${l.value} is defined twice`);
    if (typeof l.name !== 'string' || l.name.trim() === '') {
      throw new RangeError(`label schema: value ${l.value} has no name`);
    }
    if (names.has(l.name)) throw new RangeError(`label schema: name "${l.name}" is used twice`);
    values.add(l.value);
    names.add(l.name);
  }
}

export function schemaLabel(schema: ExchangeLabelSchema, value: number): ExchangeLabel | undefined {
  return schema.labels.find((l) => l.value === value);
}

/** (i, j, k) of flat voxel index n. */
export function voxelPosition(dims: Vec3, n: number): Vec3 {
  const plane = dims[0] * dims[1];
  const k = Math.floor(n / plane);
  const rest = n - k * plane;
  const j = Math.floor(rest / dims[0]);
  return [rest - j * dims[0], j, k];
}

/**
 * Counts of each value in a label map (ascending by value). Throws a VolumeFormatError naming the first
 * voxel (in storage order) whose value is not an integer in 0…65535.
 */
export function labelValueCounts(file: string, label: Volume): Map<number, number> {
  const hist = new Float64Array(MAX_LABEL_VALUE + 1);
  const v = label.voxels;
  for (let n = 0; n < v.length; n++) {
    const x = v[n] as number;
    if (x >= 0 && x <= MAX_LABEL_VALUE && Number.isInteger(x)) {
      hist[x] = (hist[x] as number) + 1;
      continue;
    }
    const at = voxelPosition(label.dims, n).join(', ');
    throw new VolumeFormatError(
      file,
      `label value ${x} at voxel (${at}) is not a label: labels are whole numbers 0…${MAX_LABEL_VALUE}`,
    );
  }
  const counts = new Map<number, number>();
  hist.forEach((c, value) => {
    if (c > 0) counts.set(value, c);
  });
  return counts;
}

/**
 * Checks that every voxel holds a value of the schema; returns the counts per value. The error names
 * the first bad value found in storage order, where it is, and the values the schema allows.
 */
export function checkLabelValues(
  file: string,
  label: Volume,
  schema: ExchangeLabelSchema,
): Map<number, number> {
  const counts = labelValueCounts(file, label);
  const allowed = new Set(schema.labels.map((l) => l.value));
  const bad = [...counts.keys()].filter((value) => !allowed.has(value));
  if (bad.length === 0) return counts;
  const badSet = new Set(bad);
  const v = label.voxels;
  let first = 0;
  while (first < v.length && !badSet.has(v[first] as number)) first++;
  const value = v[first] as number;
  const at = voxelPosition(label.dims, first).join(', ');
  const known = [...allowed].sort((a, b) => a - b).join(', ');
  throw new VolumeFormatError(
    file,
    `label value ${value} (first found at voxel (${at})) is not in the label schema` +
      `${schema.id ? ` "${schema.id}"` : ''}, which defines ${known}` +
      (bad.length > 1 ? `; other undefined values: ${bad.filter((b) => b !== value).join(', ')}` : ''),
  );
}

/** The smallest unsigned type that holds `maxValue`: uint8 up to 255, else uint16. */
export function labelDataType(maxValue: number): 'uint8' | 'uint16' {
  return maxValue <= 255 ? 'uint8' : 'uint16';
}
