// Reads NIfTI-1 and NIfTI-2 single-file images (.nii, .nii.gz) of either byte order into a Volume.
//
// Gzip is detected from the magic bytes, not the extension. The header is parsed from the first bytes of
// the (decompressed) stream and the voxels are then streamed into one buffer of exactly the size the header
// promises. Bytes after the voxels are ignored in .nii files; in .nii.gz files the stream is read to its end
// so that gzip's CRC is checked. The datatype code decides the voxel type; bitpix is not cross-checked.
// See nifti-geometry.ts for geometry and nifti-scaling.ts for scl_slope.

import { stat } from 'node:fs/promises';
import { ByteSource, fileSystemError, isGzip, readFileBytes } from './byte-source.js';
import { VolumeFormatError } from './errors.js';
import { dataTypeOfNiftiCode } from './nifti-datatype.js';
import { geometryFromNifti } from './nifti-geometry.js';
import {
  NIFTI1_HEADER_BYTES,
  NIFTI2_HEADER_BYTES,
  decodeNiftiHeader,
  sniffNiftiHeader,
  type NiftiHeader,
} from './nifti-header.js';
import { applyNiftiScaling } from './nifti-scaling.js';
import { dataTypeOf, type Vec3, type Volume } from './volume.js';
import { readVoxelPayload, type PayloadSpec } from './voxel-payload.js';

export async function readNifti(path: string): Promise<Volume> {
  const size = await fileSize(path);
  const compressed = isGzip(await readFileBytes(path, 2));
  const source = new ByteSource(path, { compression: compressed ? 'gzip' : 'none' });
  try {
    const header = await readHeader(source);
    const dims = niftiDims(path, header);
    const rawType = dataTypeOfNiftiCode(path, header.datatype);
    const geometry = geometryFromNifti(path, header);
    const offset = header.voxOffset;
    const headerBytes = source.position;
    if (!Number.isInteger(offset) || offset < headerBytes) {
      throw new VolumeFormatError(
        path,
        `vox_offset ${offset} is invalid (must be a whole number ≥ ${headerBytes})`,
      );
    }
    const spec: PayloadSpec = {
      dims,
      dataType: rawType,
      littleEndian: header.littleEndian,
      where: `at offset ${offset}`,
      // Raw file: the voxel bytes are known up front, so a short file fails before anything is allocated.
      ...(compressed ? {} : { available: size - offset }),
    };
    // Skip header extensions; a stream that ends inside them shows up as a size mismatch.
    await source.skip(offset - headerBytes, 'header extension bytes');
    const raw = await readVoxelPayload(source, spec);
    const voxels = applyNiftiScaling(raw, header.sclSlope, header.sclInter);
    return { dims, ...geometry, dataType: dataTypeOf(voxels), voxels };
  } finally {
    source.close();
  }
}

async function fileSize(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fileSystemError(path, err);
  }
  if (info.isDirectory()) throw new VolumeFormatError(path, 'is a directory, not a NIfTI file');
  if (info.size === 0) throw new VolumeFormatError(path, 'file is empty');
  return info.size;
}

async function readHeader(source: ByteSource): Promise<NiftiHeader> {
  const file = source.file;
  const first = await source.read(NIFTI1_HEADER_BYTES, 'header bytes');
  const kind = sniffNiftiHeader(first);
  if (!kind) {
    const field =
      first.length >= 4 ? `header size field reads ${first.readInt32LE(0)}` : `only ${first.length} bytes`;
    throw new VolumeFormatError(file, `not a NIfTI file (${field}; expected 348 or 540)`);
  }
  let bytes = first;
  if (kind.version === 2) {
    bytes = Buffer.concat([first, await source.read(NIFTI2_HEADER_BYTES - first.length, 'header bytes')]);
  }
  const wanted = kind.version === 1 ? NIFTI1_HEADER_BYTES : NIFTI2_HEADER_BYTES;
  if (bytes.length < wanted) {
    throw new VolumeFormatError(
      file,
      `file ends inside the NIfTI-${kind.version} header (${bytes.length} of ${wanted} bytes)`,
    );
  }
  return decodeNiftiHeader(file, bytes, kind.version, kind.littleEndian);
}

/** The three sizes, after checking that the image is 3-D (trailing dimensions of size 1 are allowed). */
export function niftiDims(file: string, h: NiftiHeader): Vec3 {
  const dim = h.dim;
  const n = dim[0] ?? 0;
  if (!Number.isInteger(n) || n < 1 || n > 7) {
    throw new VolumeFormatError(file, `dim[0] = ${n} is not a valid number of dimensions (1 to 7)`);
  }
  if (n < 3) {
    throw new VolumeFormatError(
      file,
      `${n}-D images are not supported (dim[0] = ${n}); expected a 3-D volume`,
    );
  }
  for (let axis = 4; axis <= n; axis++) {
    const size = dim[axis] ?? 1;
    if (size > 1) {
      throw new VolumeFormatError(
        file,
        `${axis}-D images are not supported (dim[${axis}] = ${size}); expected a 3-D volume`,
      );
    }
  }
  const sizes = [dim[1], dim[2], dim[3]] as Vec3;
  sizes.forEach((s, axis) => {
    if (!Number.isInteger(s) || s < 1) {
      throw new VolumeFormatError(file, `dim[${axis + 1}] = ${s}: every axis needs at least one voxel`);
    }
  });
  return sizes;
}
