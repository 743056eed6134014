// Scanning a folder: read the header of every regular file (only its first bytes, so big folders scan
// fast), keep the DICOM images, group them by SeriesInstanceUID. Non-recursive: subfolders are ignored.

import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VolumeFormatError } from '../errors.js';
import { IncompleteDicomError, parseDicom, type DicomDataset } from './parse.js';
import { isImage, readSliceHeader, type SliceHeader } from './slice-header.js';

/** One series found in a folder. */
export interface DicomSeriesSummary {
  uid: string;
  description?: string;
  modality?: string;
  files: number;
}

export interface ScannedSeries extends DicomSeriesSummary {
  headers: SliceHeader[];
}

// Enough for the header of almost every image; longer headers are read whole on a second try.
const PREFIX_BYTES = 64 * 1024;
// Files read at once while scanning.
const CONCURRENCY = 16;

async function readPrefix(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(Math.min(size, PREFIX_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The parsed header of a file, or null if it is not a DICOM file (or not a file at all). */
async function readHeaderOf(path: string): Promise<DicomDataset | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    if (info.size > PREFIX_BYTES) {
      try {
        return parseDicom(await readPrefix(path, info.size), path, { isPrefix: true });
      } catch (e) {
        if (!(e instanceof IncompleteDicomError)) throw e;
      }
    }
    return parseDicom(new Uint8Array(await readFile(path)), path);
  } catch (e) {
    if (e instanceof VolumeFormatError) throw e;
    throw new VolumeFormatError(
      path,
      `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})`,
      'io',
    );
  }
}

async function listRegularFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'folder not found' : code === 'ENOTDIR' ? 'not a folder' : String(e);
    throw new VolumeFormatError(dir, problem, 'io');
  }
  // Symbolic links are followed only if they point at files (stat below); entries sort for stable order.
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => join(dir, e.name))
    .sort();
}

/** Headers of every DICOM image in the folder, in file-name order. */
export async function scanImageHeaders(dir: string): Promise<SliceHeader[]> {
  const files = await listRegularFiles(dir);
  const headers: (SliceHeader | null)[] = new Array<SliceHeader | null>(files.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const path = files[index] as string;
      const ds = await readHeaderOf(path);
      if (!ds) continue;
      const header = readSliceHeader(ds);
      if (isImage(header)) headers[index] = header;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  return headers.filter((h): h is SliceHeader => h !== null);
}

/** Groups headers by series: the most files first, ties by the lower UID (string order). */
export function groupSeries(headers: SliceHeader[]): ScannedSeries[] {
  const byUid = new Map<string, SliceHeader[]>();
  for (const h of headers) {
    const list = byUid.get(h.seriesUid);
    if (list) list.push(h);
    else byUid.set(h.seriesUid, [h]);
  }
  const series = [...byUid].map(([uid, list]): ScannedSeries => {
    const first = list[0] as SliceHeader;
    return {
      uid,
      description: first.seriesDescription,
      modality: first.modality,
      files: list.length,
      headers: list,
    };
  });
  return series.sort((a, b) => b.files - a.files || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}
