// Helpers shared by the pre-processing tests.
import type { Mat3, Vec3, Volume, VoxelArray } from '../io/volume.js';
import { dataTypeOf } from '../io/volume.js';

export function makeVolume(
  dims: Vec3,
  voxels: VoxelArray,
  spacing: Vec3 = [1, 1, 1],
  origin: Vec3 = [0, 0, 0],
  direction: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1],
): Volume {
  return { dims, spacing, origin, direction, dataType: dataTypeOf(voxels), voxels };
}

/** Volume filled from f(i, j, k). */
export function fillVolume<T extends VoxelArray>(
  dims: Vec3,
  Ctor: new (n: number) => T,
  f: (i: number, j: number, k: number) => number,
  spacing: Vec3 = [1, 1, 1],
): Volume {
  const v = new Ctor(dims[0] * dims[1] * dims[2]);
  let n = 0;
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) v[n++] = f(i, j, k);
  return makeVolume(dims, v, spacing);
}

export function oneHot(label: Uint8Array, classes: number): Float32Array {
  const out = new Float32Array(label.length * classes);
  for (let n = 0; n < label.length; n++) out[label[n]! * label.length + n] = 1;
  return out;
}
