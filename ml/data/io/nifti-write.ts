// Writes a Volume as a single-file NIfTI (.nii or .nii.gz), streaming header + voxel bytes (through gzip
// when compressing) into a temporary file that is then renamed into place.
//
// Header policy: magic "n+1" (NIfTI-1, vox_offset 352) unless NIfTI-2 is asked for or a dimension exceeds
// NIfTI-1's int16 limit; sform and qform both code 1 (see nifti-geometry.ts); scl_slope 1, scl_inter 0;
// units millimetres; little-endian (big-endian only on request, to make test files).

import { voxelBytesInOrder } from './byte-order.js';
import { writeFileAtomic, writeFileContentAddressed, type WrittenFile } from './atomic-write.js';
import { DEFAULT_COMPRESSION_LEVEL, gzipChunks, sliceChunks, type ByteChunks } from './gzip-stream.js';
import { niftiCodeOf } from './nifti-datatype.js';
import { NIFTI_UNITS_MM, niftiTransformFields } from './nifti-geometry.js';
import { NIFTI_VOX_OFFSET, encodeNiftiHeader, type NiftiVersion } from './nifti-header.js';
import { BYTES_PER_VOXEL, assertValidVolume, type Volume } from './volume.js';

export interface NiftiWriteOptions {
  /** Gzip the file. Default: whether the path ends in ".gz" (always true for content-addressed writes). */
  compress?: boolean;
  /** zlib level 1–9 (default 6). */
  level?: number;
  /** Default 1, or 2 when a dimension exceeds 32767. */
  version?: NiftiVersion;
  /** Default 'little'; 'big' exists to produce big-endian test files. */
  byteOrder?: 'little' | 'big';
  /** The header's descrip field (up to 79 characters). */
  description?: string;
}

const NIFTI1_MAX_DIM = 32767;

/** The bytes of a NIfTI file for `volume`: header then voxels, gzip-compressed when `compress`. */
export function niftiFileChunks(volume: Volume, options: NiftiWriteOptions = {}): ByteChunks {
  assertValidVolume(volume);
  const version = options.version ?? (volume.dims.some((n) => n > NIFTI1_MAX_DIM) ? 2 : 1);
  if (version === 1 && volume.dims.some((n) => n > NIFTI1_MAX_DIM)) {
    throw new RangeError(
      `NIfTI-1 cannot store dimensions above ${NIFTI1_MAX_DIM} (${volume.dims.join('×')})`,
    );
  }
  const littleEndian = (options.byteOrder ?? 'little') === 'little';
  const header = encodeNiftiHeader({
    version,
    littleEndian,
    dim: [3, ...volume.dims, 1, 1, 1, 1],
    datatype: niftiCodeOf(volume.dataType),
    bitpix: BYTES_PER_VOXEL[volume.dataType] * 8,
    voxOffset: NIFTI_VOX_OFFSET[version],
    sclSlope: 1,
    sclInter: 0,
    xyztUnits: NIFTI_UNITS_MM,
    descrip: options.description ?? 'CBCT Workbench',
    magic: '',
    ...niftiTransformFields(volume),
  });
  const body = voxelBytesInOrder(volume.voxels, littleEndian);
  const plain = [header, ...sliceChunks(body)];
  return options.compress ? gzipChunks(plain, options.level ?? DEFAULT_COMPRESSION_LEVEL) : plain;
}

/** Writes `volume` to `path` atomically; gzip when the path ends in ".gz" unless `options.compress` says otherwise. */
export function writeNifti(
  volume: Volume,
  path: string,
  options: NiftiWriteOptions = {},
): Promise<WrittenFile> {
  const compress = options.compress ?? path.toLowerCase().endsWith('.gz');
  return writeFileAtomic(path, niftiFileChunks(volume, { ...options, compress }));
}

/** Writes `volume` into `dir` as `<sha256>.nii.gz` (sha256 of the file bytes), atomically. */
export async function writeNiftiContentAddressed(
  volume: Volume,
  dir: string,
  options: Omit<NiftiWriteOptions, 'compress'> = {},
): Promise<WrittenFile> {
  return writeFileContentAddressed(dir, '.nii.gz', niftiFileChunks(volume, { ...options, compress: true }));
}
