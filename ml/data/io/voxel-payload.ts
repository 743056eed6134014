// Reads the voxel block of an image file into one buffer of exactly the promised size, shared by the
// NIfTI, MetaImage and NRRD readers.

import { toHostOrder } from './byte-order.js';
import { formatCount, type ByteSource } from './byte-source.js';
import { VolumeFormatError } from './errors.js';
import {
  BYTES_PER_VOXEL,
  voxelCount,
  voxelsFromBytes,
  type DataType,
  type Vec3,
  type VoxelArray,
} from './volume.js';

export interface PayloadSpec {
  dims: Vec3;
  dataType: DataType;
  littleEndian: boolean;
  /** Where the data starts, for messages, e.g. "at offset 352" or "in scan.raw". */
  where: string;
  /**
   * Bytes available when known up front (uncompressed files): a shortfall is then reported before
   * allocating anything.
   */
  available?: number;
}

/** Voxel bytes the spec promises. */
export function payloadBytes(spec: Pick<PayloadSpec, 'dims' | 'dataType'>): number {
  return voxelCount(spec.dims) * BYTES_PER_VOXEL[spec.dataType];
}

/**
 * Fills a new buffer from `source` (positioned at the first voxel byte), puts it in host byte order and
 * views it as voxels. For a compressed source the rest of the stream is read so that its checksum is
 * verified. Does not close a raw source.
 */
export async function readVoxelPayload(source: ByteSource, spec: PayloadSpec): Promise<VoxelArray> {
  const file = source.file;
  const byteCount = payloadBytes(spec);
  const promise = `${spec.dims.join('×')} ${spec.dataType} = ${formatCount(byteCount)} voxel bytes ${spec.where}`;
  const mismatch = (got: number) =>
    new VolumeFormatError(
      file,
      `header/data size mismatch: the header promises ${promise}, but the data holds ${formatCount(got)}`,
    );
  if (spec.available !== undefined && spec.available < byteCount) throw mismatch(Math.max(0, spec.available));
  const bytes = allocateBytes(file, byteCount);
  const got = await source.fill(bytes, 'voxel bytes');
  if (got < byteCount) throw mismatch(got);
  if (source.compression !== 'none') await source.finish();
  toHostOrder(bytes, BYTES_PER_VOXEL[spec.dataType], spec.littleEndian);
  return voxelsFromBytes(spec.dataType, bytes, voxelCount(spec.dims));
}

/** A zeroed buffer; an impossible size (a corrupt header) becomes a clear error instead of a RangeError. */
export function allocateBytes(file: string, bytes: number): Uint8Array {
  try {
    return new Uint8Array(bytes);
  } catch {
    throw new VolumeFormatError(
      file,
      `the header promises ${formatCount(bytes)} voxel bytes, more than can be held in memory`,
    );
  }
}
