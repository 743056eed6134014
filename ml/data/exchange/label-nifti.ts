// exportLabelNifti: one label version → a NIfTI file (.nii.gz or .nii) for other tools, written
// atomically and never over an existing file unless asked. The voxels and geometry are written as
// they are (NIfTI stores the geometry as float32); values are checked to be labels first.

import type { WrittenFile } from '../io/atomic-write.js';
import { VolumeFormatError } from '../io/errors.js';
import { writeVolumeFile } from '../io/write-volume.js';
import { assertValidVolume, type Volume } from '../io/volume.js';
import { publishNewFile } from './atomic-file.js';
import { checkLabelValues, labelValueCounts, type ExchangeLabelSchema } from './label-schema.js';

export interface ExportLabelNiftiOptions {
  /** Replace an existing file (default false: refuse with TargetExistsError). */
  overwrite?: boolean;
  /** When given, every value must be one of its labels. */
  schema?: ExchangeLabelSchema;
}

export async function exportLabelNifti(
  label: Volume,
  path: string,
  options: ExportLabelNiftiOptions = {},
): Promise<WrittenFile> {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.nii.gz') && !lower.endsWith('.nii')) {
    throw new VolumeFormatError(path, 'a NIfTI label file must end in .nii.gz or .nii', 'unsupported');
  }
  assertValidVolume(label);
  if (options.schema) checkLabelValues(path, label, options.schema);
  else labelValueCounts(path, label);
  return publishNewFile(path, options.overwrite ?? false, (target) => writeVolumeFile(label, target));
}
