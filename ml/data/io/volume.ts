// The one volume type shared by the core, the viewer adapters and the ML code.
//
// Geometry follows ITK/DICOM conventions in the patient LPS frame (x → patient Left, y → Posterior,
// z → Superior), millimetres:
//   world(i, j, k) = origin + i·spacing[0]·axis0 + j·spacing[1]·axis1 + k·spacing[2]·axis2
// where `direction` holds the three unit axis vectors one after the other:
//   direction = [axis0.x, axis0.y, axis0.z, axis1.x, axis1.y, axis1.z, axis2.x, axis2.y, axis2.z]
// (the columns of ITK's direction matrix; the same layout Cornerstone3D uses).
// Voxels are stored with i fastest, then j, then k (NIfTI / ITK / Cornerstone order).

export type DataType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type VoxelArray =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export type Vec3 = [number, number, number];
export type Mat3 = [number, number, number, number, number, number, number, number, number];

export interface Volume {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
  dataType: DataType;
  voxels: VoxelArray;
}

export const IDENTITY_DIRECTION: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export const BYTES_PER_VOXEL: Record<DataType, number> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

const CONSTRUCTORS = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

export function voxelCount(dims: Vec3): number {
  return dims[0] * dims[1] * dims[2];
}

/** A zero-filled voxel array of the given type and length. */
export function allocateVoxels(dataType: DataType, length: number): VoxelArray {
  return new CONSTRUCTORS[dataType](length);
}

/** Views `bytes` (little-endian, as written by our writers) as voxels; copies only if misaligned. */
export function voxelsFromBytes(dataType: DataType, bytes: Uint8Array, length: number): VoxelArray {
  const size = BYTES_PER_VOXEL[dataType];
  if (bytes.byteLength < length * size) {
    throw new RangeError(
      `need ${length * size} bytes for ${length} ${dataType} voxels, got ${bytes.byteLength}`,
    );
  }
  const Ctor = CONSTRUCTORS[dataType];
  if (bytes.byteOffset % size === 0) return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, length);
  const copy = new Uint8Array(length * size);
  copy.set(bytes.subarray(0, length * size));
  return new Ctor(copy.buffer, 0, length);
}

/** The bytes behind a voxel array (no copy). */
export function voxelBytes(voxels: VoxelArray): Uint8Array {
  return new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength);
}

export function dataTypeOf(voxels: VoxelArray): DataType {
  if (voxels instanceof Uint8Array) return 'uint8';
  if (voxels instanceof Int8Array) return 'int8';
  if (voxels instanceof Uint16Array) return 'uint16';
  if (voxels instanceof Int16Array) return 'int16';
  if (voxels instanceof Uint32Array) return 'uint32';
  if (voxels instanceof Int32Array) return 'int32';
  if (voxels instanceof Float32Array) return 'float32';
  return 'float64';
}

/** Index of voxel (i, j, k) in the flat array. */
export function voxelIndex(dims: Vec3, i: number, j: number, k: number): number {
  return i + dims[0] * (j + dims[1] * k);
}

/** World (LPS, mm) position of the centre of voxel (i, j, k). */
export function voxelToWorld(
  v: Pick<Volume, 'spacing' | 'origin' | 'direction'>,
  i: number,
  j: number,
  k: number,
): Vec3 {
  const d = v.direction;
  const a = i * v.spacing[0];
  const b = j * v.spacing[1];
  const c = k * v.spacing[2];
  return [
    v.origin[0] + a * d[0] + b * d[3] + c * d[6],
    v.origin[1] + a * d[1] + b * d[4] + c * d[7],
    v.origin[2] + a * d[2] + b * d[5] + c * d[8],
  ];
}

/** Minimum and maximum voxel value, ignoring NaN. */
export function valueRange(voxels: VoxelArray): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < voxels.length; n++) {
    const x = voxels[n] as number;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

/** Checks the invariants every reader and writer relies on; throws a RangeError naming what is wrong. */
export function assertValidVolume(v: Volume): void {
  for (const n of v.dims) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`dimensions must be positive integers, got ${v.dims.join('×')}`);
  }
  for (const s of v.spacing) {
    if (!Number.isFinite(s) || s <= 0)
      throw new RangeError(`spacing must be positive and finite, got ${v.spacing.join(', ')}`);
  }
  if (!v.origin.every(Number.isFinite))
    throw new RangeError(`origin must be finite, got ${v.origin.join(', ')}`);
  if (v.direction.length !== 9 || !v.direction.every(Number.isFinite))
    throw new RangeError('direction must be 9 finite numbers');
  if (v.voxels.length !== voxelCount(v.dims)) {
    throw new RangeError(`voxel count ${v.voxels.length} does not match dimensions ${v.dims.join('×')}`);
  }
  if (dataTypeOf(v.voxels) !== v.dataType) {
    throw new RangeError(`voxel array is ${dataTypeOf(v.voxels)} but dataType says ${v.dataType}`);
  }
}
