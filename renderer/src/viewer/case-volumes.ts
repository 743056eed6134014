// The scan and label volumes of a case, made a slice at a time with yields to the page in between
// (progress: the first half is the scan, the second the labels).
import type { Types } from '@cornerstonejs/core';
import type { Geometry } from '../../../electron/contract/types.js';
import { createVolumeFromArray } from './local-volumes.js';
import type { ScalarArray } from './scan-volume.js';
import type { TimeSlicer } from './time-slicer.js';

export async function createCaseVolumes(
  ids: { scan: string; labels: string },
  geometry: Geometry,
  scalars: ScalarArray,
  labels: Uint8Array,
  slicer: TimeSlicer,
  onProgress: (fraction: number) => void,
): Promise<Types.IImageVolume> {
  const scan = await createVolumeFromArray(ids.scan, geometry, scalars, {
    slicer,
    onProgress: (f) => onProgress(f * 0.5),
  });
  await createVolumeFromArray(ids.labels, geometry, labels, {
    referencedVolumeId: ids.scan,
    slicer,
    onProgress: (f) => onProgress(0.5 + f * 0.5),
  });
  return scan;
}
