// A plain summary of a volume for `cbct info --json` and logs.

import { valueRange, type DataType, type Mat3, type Vec3, type Volume } from './volume.js';

export interface VolumeDescription {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** The three LPS unit axis vectors one after another (Volume.direction). */
  direction: Mat3;
  dataType: DataType;
  min: number;
  max: number;
  /**
   * Where each index axis points, one letter per axis from the closest LPS axis of its direction:
   * L/R (+x/−x), P/A (+y/−y), S/I (+z/−z). An identity direction gives "LPS".
   */
  orientation: string;
}

export function describeVolume(volume: Volume): VolumeDescription {
  const { min, max } = valueRange(volume.voxels);
  return {
    dims: [...volume.dims],
    spacing: [...volume.spacing],
    origin: [...volume.origin],
    direction: [...volume.direction],
    dataType: volume.dataType,
    min,
    max,
    orientation: orientationCode(volume.direction),
  };
}

/** Three letters naming the closest anatomical direction of each axis (ties go to the lower world axis). */
export function orientationCode(direction: Mat3): string {
  const letters = [
    ['L', 'R'],
    ['P', 'A'],
    ['S', 'I'],
  ];
  return [0, 1, 2]
    .map((axis) => {
      const v = direction.slice(3 * axis, 3 * axis + 3);
      let best = 0;
      for (let c = 1; c < 3; c++) if (Math.abs(v[c]!) > Math.abs(v[best]!)) best = c;
      return letters[best]![v[best]! >= 0 ? 0 : 1];
    })
    .join('');
}
