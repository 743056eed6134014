// Turns a contract volume payload (little-endian bytes + geometry) into a typed array Cornerstone3D can
// hold: it accepts Uint8, Uint16, Int16 and Float32 scalar data; other types are widened.
import type { VolumeHeader, VolumeDataType } from '../../../electron/contract/types.js';

export type ScalarArray = Uint8Array | Uint16Array | Int16Array | Float32Array;

const BYTES: Record<VolumeDataType, number> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

function aligned(data: Uint8Array, bytesPerVoxel: number): ArrayBuffer {
  if (data.byteOffset % bytesPerVoxel === 0 && data.buffer instanceof ArrayBuffer) return data.buffer;
  return data.slice().buffer;
}

/** The voxels of a payload as a Cornerstone-compatible typed array (a view when possible, else a copy). */
export function scalarsFromPayload(header: VolumeHeader, data: Uint8Array): ScalarArray {
  const n = header.dims[0] * header.dims[1] * header.dims[2];
  const bpv = BYTES[header.dataType];
  if (data.byteLength !== n * bpv) {
    throw new Error(
      `volume payload has ${data.byteLength} bytes, expected ${n * bpv} for ${header.dims.join('×')} ${header.dataType}`,
    );
  }
  const buf = aligned(data, bpv);
  const off = data.buffer === buf ? data.byteOffset : 0;
  switch (header.dataType) {
    case 'uint8':
      return new Uint8Array(buf, off, n);
    case 'uint16':
      return new Uint16Array(buf, off, n);
    case 'int16':
      return new Int16Array(buf, off, n);
    case 'float32':
      return new Float32Array(buf, off, n);
    case 'int8':
      return Int16Array.from(new Int8Array(buf, off, n));
    case 'uint32':
      return Float32Array.from(new Uint32Array(buf, off, n));
    case 'int32':
      return Float32Array.from(new Int32Array(buf, off, n));
    case 'float64':
      return Float32Array.from(new Float64Array(buf, off, n));
  }
}
