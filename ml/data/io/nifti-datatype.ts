// NIfTI datatype codes (nifti1.h) and how they map onto our voxel types.

import { VolumeFormatError } from './errors.js';
import type { DataType } from './volume.js';

const CODE_OF: Record<DataType, number> = {
  uint8: 2,
  int16: 4,
  int32: 8,
  float32: 16,
  float64: 64,
  int8: 256,
  uint16: 512,
  uint32: 768,
};

const TYPE_OF = new Map<number, DataType>(
  Object.entries(CODE_OF).map(([type, code]) => [code, type as DataType]),
);

/** Names of the codes we cannot read, for the error message. */
const UNSUPPORTED_NAMES: Record<number, string> = {
  1: 'binary (1 bit)',
  32: 'complex64',
  128: 'RGB24',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

export function niftiCodeOf(dataType: DataType): number {
  return CODE_OF[dataType];
}

/** Our type for a NIfTI datatype code; a VolumeFormatError with reason 'unsupported' for the others. */
export function dataTypeOfNiftiCode(file: string, code: number): DataType {
  const type = TYPE_OF.get(code);
  if (type) return type;
  const name = UNSUPPORTED_NAMES[code];
  const problem = name
    ? `unsupported NIfTI datatype ${code} (${name}); supported: uint8, int8, uint16, int16, uint32, int32, float32, float64`
    : `unknown NIfTI datatype code ${code}`;
  throw new VolumeFormatError(file, problem, name ? 'unsupported' : 'invalid');
}
