// Reading the text header at the start of a MetaImage or NRRD file without reading the (possibly huge)
// binary data after it: read a first block, and more only while the end of the header is not found.

import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { fileSystemError, readFileBytes } from './byte-source.js';
import { VolumeFormatError } from './errors.js';

const FIRST_BLOCK = 64 * 1024;
const MAX_HEADER = 1 << 20;

export interface TextHeader {
  /** The header text (latin1, so character offsets are byte offsets). */
  text: string;
  /** Byte offset just after the header: where attached data starts. */
  dataStart: number;
  fileSize: number;
}

/**
 * `findEnd(text, atEndOfFile)` returns the header's length in characters, or null when more text is needed.
 * With atEndOfFile it must decide (a header-only file such as .mhd or .nhdr ends at the end of the file).
 */
export async function readTextHeader(
  path: string,
  format: string,
  findEnd: (text: string, atEndOfFile: boolean) => number | null,
): Promise<TextHeader> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fileSystemError(path, err);
  }
  if (info.isDirectory()) throw new VolumeFormatError(path, `is a directory, not a ${format} file`);
  if (info.size === 0) throw new VolumeFormatError(path, 'file is empty');
  for (let length = FIRST_BLOCK; ; length *= 2) {
    const bytes = await readFileBytes(path, Math.min(length, MAX_HEADER));
    const text = bytes.toString('latin1');
    const atEnd = bytes.length >= info.size;
    const end = findEnd(text, atEnd);
    if (end !== null) return { text: text.slice(0, end), dataStart: end, fileSize: info.size };
    if (atEnd || bytes.length >= MAX_HEADER) {
      throw new VolumeFormatError(
        path,
        `no end of the ${format} header found in the first ${bytes.length} bytes`,
      );
    }
  }
}

/** Splits header text into lines, dropping a trailing "\r". */
export function headerLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** A detached data file named in a header, resolved relative to the header's folder. */
export function resolveDataFile(headerPath: string, name: string): string {
  return isAbsolute(name) ? name : join(dirname(headerPath), name);
}

/** Size of a header's detached data file; a missing one is reported against the header. */
export async function dataFileSize(headerPath: string, dataPath: string): Promise<number> {
  try {
    return (await stat(dataPath)).size;
  } catch (err) {
    const e = fileSystemError(dataPath, err);
    throw new VolumeFormatError(headerPath, `cannot read its data file: ${e.message}`, 'io');
  }
}
