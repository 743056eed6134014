// NIfTI intensity scaling: value = raw · scl_slope + scl_inter.
//
// Policy: slope 0 or non-finite (nibabel writes NaN for "unscaled"), or exactly (1, 0), means no scaling
// and the raw type is kept. Otherwise the scaled values are materialised: when the raw type is an integer
// type and slope and intercept are integers, the smallest of int16, uint16, int32, uint32 that holds the
// scaled minimum and maximum (of the actual data) is used, so e.g. uint16 CBCT with intercept −1024 becomes
// int16 HU. Anything else becomes float32 (float64 when the raw data is float64). A non-finite intercept
// with a valid slope is treated as 0.

import { allocateVoxels, dataTypeOf, valueRange, type DataType, type VoxelArray } from './volume.js';

const INTEGER_TARGETS: { type: DataType; min: number; max: number }[] = [
  { type: 'int16', min: -32768, max: 32767 },
  { type: 'uint16', min: 0, max: 65535 },
  { type: 'int32', min: -2147483648, max: 2147483647 },
  { type: 'uint32', min: 0, max: 4294967295 },
];

export function isIdentityScaling(slope: number, inter: number): boolean {
  if (slope === 0 || !Number.isFinite(slope)) return true;
  return slope === 1 && (inter === 0 || !Number.isFinite(inter));
}

/** The voxels after scaling, in the type chosen by the policy above; the input itself when identity. */
export function applyNiftiScaling(raw: VoxelArray, slope: number, inter: number): VoxelArray {
  if (isIdentityScaling(slope, inter)) return raw;
  const offset = Number.isFinite(inter) ? inter : 0;
  const rawType = dataTypeOf(raw);
  const target = scaledType(raw, rawType, slope, offset);
  const out = allocateVoxels(target, raw.length);
  for (let n = 0; n < raw.length; n++) out[n] = (raw[n] as number) * slope + offset;
  return out;
}

function scaledType(raw: VoxelArray, rawType: DataType, slope: number, inter: number): DataType {
  const integerRaw = !rawType.startsWith('float');
  if (integerRaw && Number.isInteger(slope) && Number.isInteger(inter)) {
    const { min, max } = valueRange(raw);
    const a = min * slope + inter;
    const b = max * slope + inter;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const fit = INTEGER_TARGETS.find((t) => lo >= t.min && hi <= t.max);
    if (fit) return fit.type;
  }
  return rawType === 'float64' ? 'float64' : 'float32';
}
