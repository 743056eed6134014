// Dataset fingerprint: the foreground intensity statistics that CTNormalization uses, plus the spacings and
// cropped shapes the target spacing is planned from. Plain JSON data, stored with the model.
//
// Reference: spec §5.2; nnunetv2/experiment_planning/dataset_fingerprint/fingerprint_extractor.py: per labelled
// case, after crop-to-nonzero, draw int(1e8 / nCases) intensities with replacement from the voxels whose label is
// > 0 (a fresh generator seeded 1234 for every case); pool all cases; percentiles 0.5 / 50 / 99.5 (NumPy linear),
// mean, population std, min, max of the pool.
// Deviation: our generator (ml/util/rng.ts) is not NumPy's RandomState, so the drawn samples — and with them the
// statistics, slightly — differ from nnU-Net's for the same data; they are reproducible for a given seed.
// Deviation: the total sample count is configurable (tests use small totals); mean/std are accumulated in float64.
import type { Volume } from '../io/volume.js';
import { createRng } from '../../util/rng.js';
import type { Shape3 } from './layout.js';
import { assertPositive3, assertShape, networkSpacing, shapeFromDims } from './layout.js';
import { boxShape, nonzeroBoundingBox } from './crop.js';
import type { IntensityProperties } from './normalize.js';
import { assertIntensityProperties } from './normalize.js';
import { meanAndStd, percentileInPlace } from './numeric.js';

export const FINGERPRINT_VERSION = 1;

export interface DatasetFingerprint {
  version: typeof FINGERPRINT_VERSION;
  numCases: number;
  samplesPerCase: number;
  seed: number;
  /** Per case, network order [D0, D1, D2], mm. */
  spacings: Shape3[];
  /** Per case, network order, after crop-to-nonzero. */
  shapesAfterCrop: Shape3[];
  intensity: IntensityProperties;
}

export interface FingerprintOptions {
  /** Total foreground samples over all cases (nnU-Net: 1e8). */
  totalSamples: number;
  /** Seed of every case's generator (nnU-Net: 1234). */
  seed: number;
}

export const FINGERPRINT_DEFAULTS: FingerprintOptions = { totalSamples: 1e8, seed: 1234 };

/** What one case contributes to the fingerprint. */
export interface CaseFingerprint {
  samples: Float32Array;
  spacing: Shape3;
  shapeAfterCrop: Shape3;
  foregroundVoxels: number;
}

export function resolveFingerprintOptions(o: Partial<FingerprintOptions> = {}): FingerprintOptions {
  const r = { ...FINGERPRINT_DEFAULTS, ...o };
  if (!Number.isInteger(r.totalSamples) || r.totalSamples < 1) {
    throw new RangeError(`totalSamples must be a positive integer, got ${r.totalSamples}`);
  }
  if (!Number.isInteger(r.seed)) throw new RangeError(`seed must be an integer, got ${r.seed}`);
  return r;
}

/** nnU-Net's samples per case: int(total / nCases). */
export function samplesPerCase(totalSamples: number, numCases: number): number {
  if (!Number.isInteger(numCases) || numCases < 1)
    throw new RangeError(`numCases must be ≥ 1, got ${numCases}`);
  return Math.floor(totalSamples / numCases);
}

/** One case's foreground samples (label > 0 inside the non-zero crop), drawn with replacement. */
export function sampleCaseForeground(
  image: Volume,
  label: Volume,
  numSamples: number,
  seed: number,
): CaseFingerprint {
  if (image.dims.some((d, a) => d !== label.dims[a])) {
    throw new RangeError(`label dims ${label.dims.join('×')} differ from image dims ${image.dims.join('×')}`);
  }
  const shape = shapeFromDims(image.dims);
  const box = nonzeroBoundingBox(image.voxels, shape);
  const img = image.voxels;
  const lab = label.voxels;
  const [, d1, d2] = shape;
  let count = 0;
  for (let a = box[0][0]; a < box[0][1]; a++)
    for (let b = box[1][0]; b < box[1][1]; b++)
      for (let c = box[2][0], n = (a * d1 + b) * d2 + c; c < box[2][1]; c++, n++) if (lab[n]! > 0) count++;
  const values = new Float32Array(count);
  let k = 0;
  for (let a = box[0][0]; a < box[0][1]; a++)
    for (let b = box[1][0]; b < box[1][1]; b++)
      for (let c = box[2][0], n = (a * d1 + b) * d2 + c; c < box[2][1]; c++, n++)
        if (lab[n]! > 0) values[k++] = img[n]!;
  const samples = new Float32Array(count > 0 ? numSamples : 0);
  if (count > 0) {
    const rng = createRng(seed);
    for (let s = 0; s < numSamples; s++) samples[s] = values[rng.int(0, count - 1)]!;
  }
  return {
    samples,
    spacing: networkSpacing(image.spacing),
    shapeAfterCrop: boxShape(box),
    foregroundVoxels: count,
  };
}

/** Pools per-case results into the fingerprint. */
export function poolFingerprint(
  cases: readonly CaseFingerprint[],
  options: FingerprintOptions,
): DatasetFingerprint {
  if (cases.length === 0) throw new RangeError('cases must not be empty');
  let total = 0;
  for (const c of cases) total += c.samples.length;
  if (total === 0) throw new RangeError('cases contain no foreground voxels (label > 0)');
  const pool = new Float32Array(total);
  let o = 0;
  for (const c of cases) {
    pool.set(c.samples, o);
    o += c.samples.length;
  }
  const { mean, std } = meanAndStd(pool);
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < pool.length; n++) {
    const v = pool[n]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const intensity: IntensityProperties = {
    mean,
    std,
    percentile_00_5: percentileInPlace(pool, 0.5),
    median: percentileInPlace(pool, 50),
    percentile_99_5: percentileInPlace(pool, 99.5),
    min,
    max,
  };
  return {
    version: FINGERPRINT_VERSION,
    numCases: cases.length,
    samplesPerCase: samplesPerCase(options.totalSamples, cases.length),
    seed: options.seed,
    spacings: cases.map((c) => [...c.spacing] as Shape3),
    shapesAfterCrop: cases.map((c) => [...c.shapeAfterCrop] as Shape3),
    intensity,
  };
}

/** Fingerprint of labelled cases held in memory (to stream cases, use sampleCaseForeground + poolFingerprint). */
export function computeFingerprint(
  cases: readonly { image: Volume; label: Volume }[],
  options: Partial<FingerprintOptions> = {},
): DatasetFingerprint {
  const o = resolveFingerprintOptions(options);
  const n = samplesPerCase(o.totalSamples, cases.length);
  return poolFingerprint(
    cases.map((c) => sampleCaseForeground(c.image, c.label, n, o.seed)),
    o,
  );
}

/** Validates parsed JSON as a fingerprint; throws a RangeError naming the bad field. */
export function parseFingerprint(json: unknown): DatasetFingerprint {
  const f = json as DatasetFingerprint;
  if (typeof f !== 'object' || f === null) throw new RangeError('fingerprint must be an object');
  if (f.version !== FINGERPRINT_VERSION)
    throw new RangeError(`fingerprint.version must be ${FINGERPRINT_VERSION}`);
  for (const key of ['numCases', 'samplesPerCase'] as const) {
    if (!Number.isInteger(f[key]) || f[key] < 1)
      throw new RangeError(`fingerprint.${key} must be a positive integer`);
  }
  if (!Number.isInteger(f.seed)) throw new RangeError('fingerprint.seed must be an integer');
  if (!Array.isArray(f.spacings) || f.spacings.length !== f.numCases) {
    throw new RangeError('fingerprint.spacings must hold one entry per case');
  }
  if (!Array.isArray(f.shapesAfterCrop) || f.shapesAfterCrop.length !== f.numCases) {
    throw new RangeError('fingerprint.shapesAfterCrop must hold one entry per case');
  }
  f.spacings.forEach((s, i) => assertPositive3(s, `fingerprint.spacings[${i}]`));
  f.shapesAfterCrop.forEach((s, i) => assertShape(s, `fingerprint.shapesAfterCrop[${i}]`));
  if (typeof f.intensity !== 'object' || f.intensity === null)
    throw new RangeError('fingerprint.intensity missing');
  assertIntensityProperties(f.intensity, 'fingerprint.intensity');
  return f;
}
