// DentalSegmentator anatomy label maps (the input of the realistic sample): label values, checking, and
// integer-factor downsampling by majority vote.

import { assertValidVolume, voxelCount, type Mat3, type Vec3, type Volume } from '../io/volume.js';

/** Labels written by DentalSegmentator (nnU-Net Dataset111_453CT). */
export const ANATOMY = {
  background: 0,
  maxilla: 1,
  mandible: 2,
  upperTeeth: 3,
  lowerTeeth: 4,
  canal: 5,
} as const;

const MAX_LABEL = 5;

/** A label map on a grid, as plain uint8 values. */
export interface LabelGrid {
  labels: Uint8Array;
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
}

/** The anatomy labels as uint8, after checking that every value is an integer in 0…5. */
export function anatomyLabelGrid(anatomy: Volume): LabelGrid {
  assertValidVolume(anatomy);
  const src = anatomy.voxels;
  const labels = new Uint8Array(src.length);
  for (let n = 0; n < src.length; n++) {
    const v = src[n] as number;
    if (!(v >= 0 && v <= MAX_LABEL && Number.isInteger(v))) {
      throw new RangeError(
        `anatomy label map has value ${v} at voxel ${n}; expected DentalSegmentator labels 0–${MAX_LABEL} ` +
          '(1 maxilla, 2 mandible, 3 upper teeth, 4 lower teeth, 5 mandibular canal)',
      );
    }
    labels[n] = v;
  }
  return {
    labels,
    dims: [...anatomy.dims],
    spacing: [...anatomy.spacing],
    origin: [...anatomy.origin],
    direction: [...anatomy.direction],
  };
}

/**
 * Downsamples by an integer factor: each output voxel covers a block of factor³ input voxels (the last
 * block along an axis may be partial) and takes the most frequent label there, ties going to the higher
 * label so that thin teeth and canals survive. The output voxel centre is the block centre.
 */
export function downsampleLabelGrid(g: LabelGrid, factor: number): LabelGrid {
  if (!Number.isInteger(factor) || factor < 1)
    throw new RangeError(`downsample factor must be a positive integer`);
  if (factor === 1) return g;
  const [nx, ny, nz] = g.dims;
  const dims: Vec3 = [Math.ceil(nx / factor), Math.ceil(ny / factor), Math.ceil(nz / factor)];
  const [ox, oy] = dims;
  const src = g.labels;
  const out = new Uint8Array(voxelCount(dims));
  const L = MAX_LABEL + 1;
  // Label counts of every output voxel of one output slice, filled by reading the input in order.
  const counts = new Int32Array(ox * oy * L);
  const blockOfI = Int32Array.from({ length: nx }, (_, i) => Math.floor(i / factor));
  for (let K = 0; K < dims[2]; K++) {
    counts.fill(0);
    for (let k = K * factor; k < Math.min(nz, (K + 1) * factor); k++) {
      for (let j = 0; j < ny; j++) {
        const row = nx * (j + ny * k);
        const base = ox * Math.floor(j / factor);
        for (let i = 0; i < nx; i++) {
          const c = (base + (blockOfI[i] as number)) * L + (src[row + i] as number);
          counts[c] = (counts[c] as number) + 1;
        }
      }
    }
    const slice = K * ox * oy;
    for (let p = 0; p < ox * oy; p++) {
      let best = 0;
      for (let l = 1; l < L; l++)
        if ((counts[p * L + l] as number) >= (counts[p * L + best] as number)) best = l;
      out[slice + p] = best;
    }
  }
  const shift = (factor - 1) / 2;
  const d = g.direction;
  const origin: Vec3 = [0, 1, 2].map(
    (c) =>
      (g.origin[c] as number) +
      shift *
        (g.spacing[0] * (d[c] as number) +
          g.spacing[1] * (d[3 + c] as number) +
          g.spacing[2] * (d[6 + c] as number)),
  ) as Vec3;
  return {
    labels: out,
    dims,
    spacing: [g.spacing[0] * factor, g.spacing[1] * factor, g.spacing[2] * factor],
    origin,
    direction: [...g.direction],
  };
}
