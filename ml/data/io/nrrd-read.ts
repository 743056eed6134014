// Reads NRRD volumes: .nrrd (data attached after the header's blank line) and .nhdr (header naming a
// detached data file, relative to the header's folder). Encodings raw and gzip, either byte order.
// `line skip` skips lines of the data file before decoding; `byte skip` skips decoded bytes (-1 with raw:
// the data is the last bytes of the file), as teem does.

import { ByteSource, readFileBytes } from './byte-source.js';
import { VolumeFormatError } from './errors.js';
import { findNrrdHeaderEnd, parseNrrdHeader, type NrrdHeader } from './nrrd-header.js';
import { dataFileSize, readTextHeader, resolveDataFile } from './text-header.js';
import type { Volume } from './volume.js';
import { payloadBytes, readVoxelPayload } from './voxel-payload.js';

export async function readNrrd(path: string): Promise<Volume> {
  const { text, dataStart, fileSize } = await readTextHeader(path, 'NRRD', findNrrdHeaderEnd);
  const header = parseNrrdHeader(path, text);
  const dataFile = header.dataFile;
  const detached = dataFile !== null;
  const dataPath = detached ? resolveDataFile(path, dataFile) : path;
  const dataSize = detached ? await dataFileSize(path, dataPath) : fileSize;
  let start =
    (detached ? 0 : dataStart) + (await lineSkipBytes(path, dataPath, detached ? 0 : dataStart, header));
  const raw = header.encoding === 'raw';
  if (raw && header.byteSkip === -1) start = Math.max(start, dataSize - payloadBytes(header));
  else if (raw) start += header.byteSkip;

  const source = new ByteSource(dataPath, {
    compression: raw ? 'none' : 'gzip',
    start: Math.min(start, dataSize),
    label: path,
  });
  try {
    if (!raw && header.byteSkip > 0) await source.skip(header.byteSkip, 'skipped bytes');
    const voxels = await readVoxelPayload(source, {
      dims: header.dims,
      dataType: header.dataType,
      littleEndian: header.littleEndian,
      where: detached ? `in ${dataFile}` : `after the ${dataStart}-byte header`,
      ...(raw ? { available: dataSize - start } : {}),
    });
    const { dims, spacing, origin, direction, dataType } = header;
    return { dims, spacing, origin, direction, dataType, voxels };
  } finally {
    source.close();
  }
}
/** Bytes taken by the first `lineSkip` lines of the data file from `from`. */
async function lineSkipBytes(
  file: string,
  dataPath: string,
  from: number,
  header: NrrdHeader,
): Promise<number> {
  if (header.lineSkip === 0) return 0;
  const limit = 1 << 20;
  const bytes = await readFileBytes(dataPath, limit, from);
  let at = 0;
  for (let line = 0; line < header.lineSkip; line++) {
    const newline = bytes.indexOf(0x0a, at);
    if (newline < 0)
      throw new VolumeFormatError(file, `cannot skip ${header.lineSkip} lines (line skip) in the data`);
    at = newline + 1;
  }
  return at;
}
