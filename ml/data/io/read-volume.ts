// readVolumeFile(path): one entry point for image files, dispatching on content first and extension second.
//
// Content wins when it is recognisable (a NIfTI named .mha is read as NIfTI). When the content matches
// nothing, a known extension still picks its reader so that the error names the specific problem ("not a
// NIfTI file (header size field reads …)"); any other file is "not a recognised image format".
// Folders (DICOM series) are not handled here; the core sends them to readDicomSeries.

import { stat } from 'node:fs/promises';
import { ByteSource, fileSystemError, isGzip, readFileBytes } from './byte-source.js';
import { VolumeFormatError } from './errors.js';
import { readMetaImage } from './metaimage-read.js';
import { sniffNiftiHeader } from './nifti-header.js';
import { readNifti } from './nifti-read.js';
import { isNrrdMagic } from './nrrd-header.js';
import { readNrrd } from './nrrd-read.js';
import type { Volume } from './volume.js';

export type VolumeFileFormat = 'nifti' | 'metaimage' | 'nrrd';

const READERS: Record<VolumeFileFormat, (path: string) => Promise<Volume>> = {
  nifti: readNifti,
  metaimage: readMetaImage,
  nrrd: readNrrd,
};

const METAIMAGE_START = /^\s*(ObjectType|NDims|Comment|ObjectSubType|TransformType)\s*=/;

/** The format a file name suggests, or null. */
export function formatFromExtension(path: string): VolumeFileFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) return 'nifti';
  if (lower.endsWith('.mha') || lower.endsWith('.mhd')) return 'metaimage';
  if (lower.endsWith('.nrrd') || lower.endsWith('.nhdr')) return 'nrrd';
  return null;
}

/** The format a file's first bytes show, or null. Gzip files count as NIfTI when they hold a NIfTI header. */
export async function formatFromContent(path: string): Promise<VolumeFileFormat | null> {
  const head = await readFileBytes(path, 64);
  if (isGzip(head)) {
    const source = new ByteSource(path, { compression: 'gzip' });
    try {
      return sniffNiftiHeader(await source.read(4, 'header bytes')) ? 'nifti' : null;
    } catch {
      return null; // corrupt gzip: not recognisable
    } finally {
      source.close();
    }
  }
  if (sniffNiftiHeader(head)) return 'nifti';
  const text = head.toString('latin1');
  if (isNrrdMagic(text)) return 'nrrd';
  if (METAIMAGE_START.test(text)) return 'metaimage';
  return null;
}

/** The format readVolumeFile would use for `path`; throws the same errors for empty/unrecognised files. */
export async function detectVolumeFormat(path: string): Promise<VolumeFileFormat> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fileSystemError(path, err);
  }
  if (info.isDirectory()) {
    throw new VolumeFormatError(
      path,
      'is a folder; DICOM series folders are read with readDicomSeries',
      'unsupported',
    );
  }
  if (info.size === 0) throw new VolumeFormatError(path, 'file is empty');
  const format = (await formatFromContent(path)) ?? formatFromExtension(path);
  if (!format) {
    throw new VolumeFormatError(path, 'not a recognised image format (expected NIfTI, MetaImage or NRRD)');
  }
  return format;
}

/** Reads a NIfTI (.nii, .nii.gz), MetaImage (.mha, .mhd) or NRRD (.nrrd, .nhdr) file. Never writes to it. */
export async function readVolumeFile(path: string): Promise<Volume> {
  return READERS[await detectVolumeFormat(path)](path);
}
