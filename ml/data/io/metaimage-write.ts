// Writes a Volume as a single-file MetaImage (.mha), optionally zlib-compressed, atomically.
//
// Numbers are written with JavaScript's shortest round-trip formatting, so spacing, origin and direction
// read back bit-exactly. TransformMatrix uses ITK's layout (see metaimage-header.ts), which is our direction
// layout. With compression, CompressedDataSize must precede the data, so the compressed bytes are collected
// in memory first (usually a fraction of the voxel bytes); uncompressed data is streamed.

import { writeFileAtomic, type WrittenFile } from './atomic-write.js';
import { voxelBytesInOrder } from './byte-order.js';
import { DEFAULT_COMPRESSION_LEVEL, deflateChunks, sliceChunks } from './gzip-stream.js';
import { METAIMAGE_TYPES } from './metaimage-header.js';
import { assertValidVolume, type DataType, type Volume } from './volume.js';

export interface MetaImageWriteOptions {
  /** zlib-compress the data (CompressedData = True). Default false. */
  compress?: boolean;
  level?: number;
  /** Default 'little'; 'big' exists to produce test files. */
  byteOrder?: 'little' | 'big';
}

const TYPE_NAMES = new Map<DataType, string>(
  Object.entries(METAIMAGE_TYPES)
    .filter(([name]) => !name.includes('LONG'))
    .map(([name, type]) => [type, name]),
);

export async function writeMetaImage(
  volume: Volume,
  path: string,
  options: MetaImageWriteOptions = {},
): Promise<WrittenFile> {
  assertValidVolume(volume);
  const littleEndian = (options.byteOrder ?? 'little') === 'little';
  const body = voxelBytesInOrder(volume.voxels, littleEndian);
  let data: Uint8Array[] = [...sliceChunks(body)];
  let compressedSize: number | undefined;
  if (options.compress) {
    data = [];
    for await (const chunk of deflateChunks([body], options.level ?? DEFAULT_COMPRESSION_LEVEL))
      data.push(chunk);
    compressedSize = data.reduce((sum, c) => sum + c.length, 0);
  }
  const header = metaImageHeaderText(volume, littleEndian, compressedSize);
  return writeFileAtomic(path, [Buffer.from(header, 'latin1'), ...data]);
}

/** The header text of an .mha file, ending with "ElementDataFile = LOCAL\n". */
export function metaImageHeaderText(volume: Volume, littleEndian: boolean, compressedSize?: number): string {
  const list = (values: readonly number[]) => values.map((x) => String(x + 0)).join(' ');
  const lines = [
    'ObjectType = Image',
    'NDims = 3',
    'BinaryData = True',
    `BinaryDataByteOrderMSB = ${littleEndian ? 'False' : 'True'}`,
    `CompressedData = ${compressedSize === undefined ? 'False' : 'True'}`,
    ...(compressedSize === undefined ? [] : [`CompressedDataSize = ${compressedSize}`]),
    `TransformMatrix = ${list(volume.direction)}`,
    `Offset = ${list(volume.origin)}`,
    'CenterOfRotation = 0 0 0',
    `ElementSpacing = ${list(volume.spacing)}`,
    `DimSize = ${list(volume.dims)}`,
    `ElementType = ${TYPE_NAMES.get(volume.dataType)}`,
    'ElementDataFile = LOCAL',
  ];
  return `${lines.join('\n')}\n`;
}
