// writeVolumeFile(volume, path): one entry point for writing, choosing the format from the extension;
// writeVolumeFileAtomic(volume, dir): the project store's content-addressed `<sha256>.nii.gz` write.
// Every write goes to a temporary file in the target folder, is fsynced and renamed into place, and
// reports the SHA-256 and size of the bytes written.

import type { WrittenFile } from './atomic-write.js';
import { VolumeFormatError } from './errors.js';
import { writeMetaImage } from './metaimage-write.js';
import { writeNifti, writeNiftiContentAddressed } from './nifti-write.js';
import { writeNrrd } from './nrrd-write.js';
import type { Volume } from './volume.js';

export type { WrittenFile } from './atomic-write.js';

export interface WriteVolumeOptions {
  /**
   * Compress the data. Defaults: .nii.gz yes, .nii no (the extension decides; passing a contrary value is an
   * error), .mha no (zlib when true), .nrrd yes (gzip encoding; raw when false).
   */
  compress?: boolean;
  /** zlib level 1–9, default 6. */
  level?: number;
}

/** Writes `volume` to `path` as .nii, .nii.gz, .mha or .nrrd (chosen by the extension), atomically. */
export async function writeVolumeFile(
  volume: Volume,
  path: string,
  options: WriteVolumeOptions = {},
): Promise<WrittenFile> {
  const lower = path.toLowerCase();
  const level = options.level;
  const common = level === undefined ? {} : { level };
  if (lower.endsWith('.nii.gz') || lower.endsWith('.nii')) {
    const gz = lower.endsWith('.gz');
    if (options.compress !== undefined && options.compress !== gz) {
      throw new VolumeFormatError(
        path,
        `compress: ${options.compress} contradicts the file extension`,
        'unsupported',
      );
    }
    return writeNifti(volume, path, { ...common, compress: gz });
  }
  if (lower.endsWith('.mha'))
    return writeMetaImage(volume, path, { ...common, compress: options.compress ?? false });
  if (lower.endsWith('.nrrd'))
    return writeNrrd(volume, path, { ...common, compress: options.compress ?? true });
  const hint =
    lower.endsWith('.mhd') || lower.endsWith('.nhdr') ? ' (detached headers are read-only here)' : '';
  throw new VolumeFormatError(
    path,
    `cannot write this file type${hint}; use .nii.gz, .nii, .mha or .nrrd`,
    'unsupported',
  );
}

/**
 * Writes `volume` into `dir` as `<sha256>.nii.gz`, named after the SHA-256 of the file's bytes (gzip output
 * is deterministic for a given Node build; see gzip-stream.ts), via temp file + fsync + rename.
 */
export async function writeVolumeFileAtomic(volume: Volume, dir: string): Promise<WrittenFile> {
  return writeNiftiContentAddressed(volume, dir);
}
