// Conversions between the ML `Volume` and the contract's binary `VolumePayload`.
import type { Geometry, VolumeHeader, VolumePayload } from '../../contract/types.js';
import type { Volume } from '../../../ml/data/io/volume.js';
import { voxelBytes, voxelCount, voxelsFromBytes } from '../../../ml/data/io/volume.js';
import { CoreError } from '../../contract/errors.js';

export function geometryOf(v: Volume): Geometry {
  return { dims: [...v.dims], spacing: [...v.spacing], origin: [...v.origin], direction: [...v.direction] };
}

export function toPayload(v: Volume): VolumePayload {
  const header: VolumeHeader = { ...geometryOf(v), dataType: v.dataType };
  return { header, data: voxelBytes(v.voxels) };
}

export function fromPayload(p: VolumePayload): Volume {
  const n = voxelCount(p.header.dims);
  const voxels = voxelsFromBytes(p.header.dataType, p.data, n);
  return { ...p.header, voxels };
}

/** A uint8 label volume on `geometry` from raw bytes, checking the size. */
export function labelVolume(geometry: Geometry, data: Uint8Array): Volume {
  const n = voxelCount(geometry.dims);
  if (data.byteLength !== n) {
    throw new CoreError(
      'invalid-input',
      `label map has ${data.byteLength} voxels but the case grid ${geometry.dims.join('×')} has ${n}`,
    );
  }
  return { ...geometry, dataType: 'uint8', voxels: data };
}
