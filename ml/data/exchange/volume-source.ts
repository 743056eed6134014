// Exports take a volume either in memory or as a path: an image file (NIfTI, MetaImage, NRRD) or a
// folder holding a DICOM series. This resolves either into a Volume, one at a time, so that a large
// export never holds more than one case in memory.

import { stat } from 'node:fs/promises';
import { readDicomSeries } from '../io/dicom/index.js';
import { VolumeFormatError } from '../io/errors.js';
import { readVolumeFile } from '../io/read-volume.js';
import { assertValidVolume, type Volume } from '../io/volume.js';

export type VolumeSource = Volume | string;

export function describeSource(source: VolumeSource, fallback: string): string {
  return typeof source === 'string' ? source : fallback;
}

/** The volume behind `source`; `what` names it in errors ("image of case 7"). */
export async function loadVolume(source: VolumeSource, what: string): Promise<Volume> {
  if (typeof source !== 'string') {
    try {
      assertValidVolume(source);
    } catch (err) {
      throw new VolumeFormatError(what, (err as Error).message);
    }
    return source;
  }
  let isFolder = false;
  try {
    isFolder = (await stat(source)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new VolumeFormatError(source, code === 'ENOENT' ? 'not found' : `cannot read (${code})`, 'io');
  }
  return isFolder ? (await readDicomSeries(source)).volume : readVolumeFile(source);
}
