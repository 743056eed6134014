// Reads MetaImage volumes: .mha (header and data in one file) and .mhd (header naming a separate data file,
// relative to the header's folder). Data may be raw or zlib-compressed (CompressedData = True), either byte
// order. Compressed data is inflated as a stream into the preallocated voxel buffer; CompressedDataSize is
// not needed for that and is ignored. Multi-file data (LIST, patterns) is out of scope ('unsupported').

import { ByteSource } from './byte-source.js';
import { VolumeFormatError } from './errors.js';
import { checkGeometry } from './geometry.js';
import { findMetaImageHeaderEnd, parseMetaImageHeader } from './metaimage-header.js';
import { dataFileSize, readTextHeader, resolveDataFile } from './text-header.js';
import type { Volume } from './volume.js';
import { payloadBytes, readVoxelPayload } from './voxel-payload.js';

export async function readMetaImage(path: string): Promise<Volume> {
  const { text, dataStart, fileSize } = await readTextHeader(path, 'MetaImage', findMetaImageHeaderEnd);
  const header = parseMetaImageHeader(path, text);
  const { spacing, origin, direction } = header;
  const geometry = checkGeometry(path, { spacing, origin, direction });
  const local = header.dataFile === 'LOCAL';
  const dataPath = local ? path : resolveDataFile(path, header.dataFile);
  const dataSize = local ? fileSize : await dataFileSize(path, dataPath);
  const byteCount = payloadBytes(header);

  let start = local ? dataStart : header.headerSize;
  if (!local && header.headerSize === -1) {
    if (header.compressed) {
      throw new VolumeFormatError(path, 'HeaderSize = -1 cannot be used with compressed data');
    }
    start = Math.max(0, dataSize - byteCount);
  } else if (!local && (!Number.isInteger(start) || start < 0)) {
    throw new VolumeFormatError(
      path,
      `HeaderSize must be a whole number ≥ 0 or -1, got ${header.headerSize}`,
    );
  }
  const source = new ByteSource(dataPath, {
    compression: header.compressed ? 'zlib' : 'none',
    start: Math.min(start, dataSize),
    label: path,
  });
  try {
    const voxels = await readVoxelPayload(source, {
      dims: header.dims,
      dataType: header.dataType,
      littleEndian: header.littleEndian,
      where: local ? `after the ${dataStart}-byte header` : `in ${header.dataFile}`,
      ...(header.compressed ? {} : { available: dataSize - start }),
    });
    return { dims: header.dims, ...geometry, dataType: header.dataType, voxels };
  } finally {
    source.close();
  }
}
