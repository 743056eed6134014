// Writes a Volume as a single-file NRRD (.nrrd, data attached), raw or gzip, atomically and streaming.
//
// Always in LPS (`space: left-posterior-superior`), `space directions` = direction axis × spacing, numbers in
// JavaScript's shortest round-trip form. Reading back recovers spacing as the vector length and direction by
// dividing by it, so an oblique geometry returns within ~1e-15 rather than bit-exactly; axis-aligned geometry
// (the usual case) returns exactly.

import { writeFileAtomic, type WrittenFile } from './atomic-write.js';
import { voxelBytesInOrder } from './byte-order.js';
import { DEFAULT_COMPRESSION_LEVEL, gzipChunks, sliceChunks, type ByteChunks } from './gzip-stream.js';
import { NRRD_TYPE_NAMES } from './nrrd-header.js';
import { assertValidVolume, type Volume } from './volume.js';

export interface NrrdWriteOptions {
  /** gzip encoding (default true), else raw. */
  compress?: boolean;
  level?: number;
  /** Default 'little'; 'big' exists to produce test files. */
  byteOrder?: 'little' | 'big';
}

export async function writeNrrd(
  volume: Volume,
  path: string,
  options: NrrdWriteOptions = {},
): Promise<WrittenFile> {
  assertValidVolume(volume);
  const compress = options.compress ?? true;
  const littleEndian = (options.byteOrder ?? 'little') === 'little';
  const header = Buffer.from(nrrdHeaderText(volume, compress, littleEndian), 'latin1');
  const body = sliceChunks(voxelBytesInOrder(volume.voxels, littleEndian));
  const data: ByteChunks = compress ? gzipChunks(body, options.level ?? DEFAULT_COMPRESSION_LEVEL) : body;
  return writeFileAtomic(path, concatChunks([header], data));
}

async function* concatChunks(...parts: ByteChunks[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield* part;
}

/** The header of an attached .nrrd file, including the blank line that ends it. */
export function nrrdHeaderText(volume: Volume, compress: boolean, littleEndian: boolean): string {
  const num = (x: number) => String(x + 0);
  const vector = (v: readonly number[]) => `(${v.map(num).join(',')})`;
  const d = volume.direction;
  const axes = [0, 1, 2].map((a) => vector([0, 1, 2].map((c) => d[3 * a + c]! * volume.spacing[a]!)));
  const lines = [
    'NRRD0004',
    '# Complete NRRD file format specification at:',
    '# http://teem.sourceforge.net/nrrd/format.html',
    `type: ${NRRD_TYPE_NAMES[volume.dataType]}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${volume.dims.join(' ')}`,
    `space directions: ${axes.join(' ')}`,
    'kinds: domain domain domain',
    `endian: ${littleEndian ? 'little' : 'big'}`,
    `encoding: ${compress ? 'gzip' : 'raw'}`,
    `space origin: ${vector(volume.origin)}`,
  ];
  return `${lines.join('\n')}\n\n`;
}
