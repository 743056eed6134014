// Active learning, per case: turns the per-voxel probability summaries of a model's sliding-window prediction
// (entropy of the TTA mean; mean entropy of the TTA members) into what the annotator and the queue use:
//   - a uint8 map of the normalised entropy of the mean (0…255 = 0…ln C), for the viewer's heat-map;
//   - the case score: mean normalised entropy over the region of interest (voxels the model calls non-background,
//     plus every voxel whose normalised entropy exceeds ROI_ENTROPY), 0 when that region is empty;
//   - the disagreement between TTA members: mutual information (entropy of the mean − mean member entropy,
//     BALD), normalised the same way and averaged over the same region;
//   - the most uncertain axial slices (k), ranked by their summed normalised entropy.
// Reference: Gal et al. 2017 (BALD, mutual information); spec §6 (the mirrored TTA members).
// Deviation: the score is restricted to a region of interest so that a small jaw in a large field of view is not
// diluted by thousands of certain air voxels (nothing in the spec; our choice, documented in the README).
import type { Vec3 } from '../data/io/volume.js';

/** Normalised entropy above which a background voxel still counts in the score's region. */
export const ROI_ENTROPY = 0.1;
export const WORST_SLICES = 20;

export interface UncertaintyInput {
  dims: Vec3;
  numClasses: number;
  /** Predicted labels (i fastest, then j, then k). */
  label: Uint8Array;
  /** Entropy of the TTA members' mean softmax, nats. */
  entropyOfMean: Float32Array;
  /** Mean over TTA members of their softmax entropy, nats. */
  memberEntropy: Float32Array;
}

export interface UncertaintySummary {
  /** 0…255 = normalised entropy of the mean 0…1, same grid as the input. */
  map: Uint8Array;
  /** 0…255 = normalised mutual information between the TTA members 0…1, same grid. */
  disagreementMap: Uint8Array;
  score: number;
  disagreement: number;
  worstSlices: { index: number; score: number }[];
}

export function summariseUncertainty(u: UncertaintyInput, topSlices = WORST_SLICES): UncertaintySummary {
  const n = u.dims[0] * u.dims[1] * u.dims[2];
  if (u.label.length !== n || u.entropyOfMean.length !== n || u.memberEntropy.length !== n)
    throw new RangeError('label and uncertainty volumes must match the dimensions');
  if (u.numClasses < 2) throw new RangeError('uncertainty needs at least two classes');
  const norm = 1 / Math.log(u.numClasses);
  const perSlice = u.dims[0] * u.dims[1];
  const sliceSums = new Float64Array(u.dims[2]);
  const map = new Uint8Array(n);
  const disagreementMap = new Uint8Array(n);
  let roi = 0;
  let hSum = 0;
  let miSum = 0;
  for (let v = 0; v < n; v++) {
    const h = clamp01(u.entropyOfMean[v]! * norm);
    const mi = clamp01((u.entropyOfMean[v]! - u.memberEntropy[v]!) * norm);
    map[v] = Math.round(h * 255);
    disagreementMap[v] = Math.round(mi * 255);
    sliceSums[Math.floor(v / perSlice)]! += h;
    if (u.label[v] !== 0 || h > ROI_ENTROPY) {
      roi++;
      hSum += h;
      miSum += mi;
    }
  }
  const worstSlices = [...sliceSums.entries()]
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, topSlices)
    .map(([index, s]) => ({ index, score: s }));
  return {
    map,
    disagreementMap,
    score: roi === 0 ? 0 : hSum / roi,
    disagreement: roi === 0 ? 0 : miSum / roi,
    worstSlices,
  };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : Number.isFinite(x) ? x : 1;
}

/**
 * A small appearance descriptor of a scan for the diversity option of the queue: the mean intensity of each cell of a
 * 4×4×4 grid over the volume, z-scored across the 64 cells (so it compares layout, not the scanner's grey scale).
 */
export function scanDescriptor(dims: Vec3, voxels: ArrayLike<number>, grid = 4): number[] {
  const sums = new Float64Array(grid ** 3);
  const counts = new Float64Array(grid ** 3);
  const cell = (x: number, d: number) => Math.min(grid - 1, Math.floor((x * grid) / d));
  // Every voxel of small scans; a strided sample of big ones (the descriptor is coarse anyway).
  const stride = Math.max(1, Math.floor(Math.cbrt((dims[0] * dims[1] * dims[2]) / 2e6)));
  for (let k = 0; k < dims[2]; k += stride)
    for (let j = 0; j < dims[1]; j += stride)
      for (let i = 0; i < dims[0]; i += stride) {
        const c = (cell(k, dims[2]) * grid + cell(j, dims[1])) * grid + cell(i, dims[0]);
        const x = Number(voxels[(k * dims[1] + j) * dims[0] + i]);
        if (!Number.isFinite(x)) continue;
        sums[c]! += x;
        counts[c]!++;
      }
  const means = [...sums].map((s, c) => (counts[c]! > 0 ? s / counts[c]! : 0));
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - mean) ** 2, 0) / means.length);
  return means.map((m) => (sd > 0 ? (m - mean) / sd : 0));
}
