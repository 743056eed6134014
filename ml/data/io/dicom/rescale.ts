// Modality rescale (value = stored × RescaleSlope + RescaleIntercept), slice by slice, into one output
// type for the whole series: the raw type when no slice rescales; the narrowest of int16, uint16, int32
// holding every rescaled value when all slopes and intercepts are integers; float32 otherwise.

import { allocateVoxels, dataTypeOf, valueRange, type DataType, type VoxelArray } from '../volume.js';

export interface StoredSlice {
  values: VoxelArray;
  slope: number;
  intercept: number;
}

const isIdentity = (s: StoredSlice): boolean => s.slope === 1 && s.intercept === 0;

export function outputTypeFor(slices: StoredSlice[]): DataType {
  const rawTypes = new Set(slices.map((s) => dataTypeOf(s.values)));
  const [onlyType] = rawTypes;
  if (rawTypes.size === 1 && onlyType !== undefined && slices.every(isIdentity)) return onlyType;
  if (!slices.every((s) => Number.isInteger(s.slope) && Number.isInteger(s.intercept))) return 'float32';
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of slices) {
    const { min, max } = valueRange(s.values);
    const a = min * s.slope + s.intercept;
    const b = max * s.slope + s.intercept;
    lo = Math.min(lo, a, b);
    hi = Math.max(hi, a, b);
  }
  if (lo >= -32768 && hi <= 32767) return 'int16';
  if (lo >= 0 && hi <= 65535) return 'uint16';
  if (lo >= -(2 ** 31) && hi <= 2 ** 31 - 1) return 'int32';
  return 'float32';
}

/** Rescales the slices, in order, into one array of `dataType`. Empties `slices` as it goes to free memory. */
export function rescaleSlices(slices: (StoredSlice | undefined)[], dataType: DataType): VoxelArray {
  const total = slices.reduce((n, s) => n + (s?.values.length ?? 0), 0);
  const out = allocateVoxels(dataType, total);
  let offset = 0;
  for (let k = 0; k < slices.length; k++) {
    const s = slices[k];
    if (!s) continue;
    const { values, slope, intercept } = s;
    if (isIdentity(s)) {
      out.set(values, offset);
    } else {
      for (let n = 0; n < values.length; n++) out[offset + n] = (values[n] as number) * slope + intercept;
    }
    offset += values.length;
    slices[k] = undefined;
  }
  return out;
}
