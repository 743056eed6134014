// Where each foreground class occurs, subsampled, for foreground oversampling.
//
// Reference: nnunetv2/preprocessing/preprocessors/default_preprocessor.py (`_sample_foreground_locations`): per
// foreground class, all its voxels; keep min(10000, n) of them but at least ceil(1 % of n), drawn without
// replacement (seed 1234). Locations are flat indices into the [D0, D1, D2] array (ml/data/preprocess/layout.ts).
// Deviation: our generator is not NumPy's, so the kept subset differs from nnU-Net's (reproducible by seed).
import type { Rng } from '../../util/rng.js';

/** Class value → flat voxel indices of (a subsample of) its voxels. */
export type ClassLocations = Map<number, Uint32Array>;

export interface ClassLocationOptions {
  /** Keep at most this many per class (nnU-Net: 10000)… */
  maxPerClass: number;
  /** …but at least this fraction of the class's voxels (nnU-Net: 0.01). */
  minCoverage: number;
  /** Classes to index (default: every value > 0 present). Absent classes get an empty list. */
  classes?: readonly number[];
}

export const CLASS_LOCATION_DEFAULTS: ClassLocationOptions = { maxPerClass: 10000, minCoverage: 0.01 };

export function computeClassLocations(
  label: ArrayLike<number>,
  rng: Rng,
  options: Partial<ClassLocationOptions> = {},
): ClassLocations {
  const o = { ...CLASS_LOCATION_DEFAULTS, ...options };
  if (!Number.isInteger(o.maxPerClass) || o.maxPerClass < 1) {
    throw new RangeError(`maxPerClass must be a positive integer, got ${o.maxPerClass}`);
  }
  if (!(o.minCoverage >= 0 && o.minCoverage <= 1))
    throw new RangeError(`minCoverage must be in [0, 1], got ${o.minCoverage}`);
  const counts = new Map<number, number>();
  for (let n = 0; n < label.length; n++) {
    const v = label[n]!;
    if (v > 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const classes = o.classes ?? [...counts.keys()].sort((a, b) => a - b);
  const all = new Map<number, Uint32Array>();
  const fill = new Map<number, number>();
  for (const c of classes) {
    all.set(c, new Uint32Array(counts.get(c) ?? 0));
    fill.set(c, 0);
  }
  for (let n = 0; n < label.length; n++) {
    const arr = all.get(label[n]!);
    if (!arr) continue;
    const f = fill.get(label[n]!)!;
    arr[f] = n;
    fill.set(label[n]!, f + 1);
  }
  const out: ClassLocations = new Map();
  for (const c of classes) {
    const locs = all.get(c)!;
    const n = locs.length;
    const keep = Math.max(Math.min(o.maxPerClass, n), Math.ceil(n * o.minCoverage));
    // partial Fisher–Yates: the first `keep` entries become a uniform sample without replacement
    for (let i = 0; i < keep && i < n - 1; i++) {
      const j = rng.int(i, n - 1);
      const t = locs[i]!;
      locs[i] = locs[j]!;
      locs[j] = t;
    }
    out.set(c, locs.slice(0, keep));
  }
  return out;
}
