// Classical tooth/pulp proposal for a project without a model (issue 4, point 6): a label map to correct,
// not to draw from scratch.
//
// Pipeline (CBCT teeth are the brightest structures):
//   1. non-finite voxels → the scan's minimum; Gaussian denoising (σ in mm);
//   2. histogram landmarks (thresholds.ts): recursive Otsu levels, bone peak;
//   3. seeds = voxels above the 4th Otsu level (enamel, thick dentine) in components ≥ 1 mm³; the tooth
//      level = their 10 % quantile;
//   4. tooth threshold by leak-controlled region growing from the seeds between the bone peak and the tooth
//      level (flood.ts) — the lowest level before the grown region explodes into bone;
//   5. clean-up: drop small components, closing, hole filling per slice (along the axis nearest to patient
//      superior, which fills the pulp canal in cross-section and every 3-D cavity);
//   6. pulp = the darker core of the filled teeth (pulp.ts).
// Output: uint8 label map on the input grid (0 background, 1 tooth, 2 pulp) and a report. The caller tags it
// with the source "bootstrap".
import type { Volume } from '../../data/io/volume.js';
import { boundingBox, boxDims, cropBox, growBox, pasteBox } from '../../data/volume-ops/box.js';
import { radiusVoxels, type Dims } from '../../data/volume-ops/grid.js';
import { connectedComponents, fillHolesSlices, filterComponents } from './components.js';
import { binOf, bottleneckFlood, chooseLeakLevel, grownVolumes, type Quantiser } from './flood.js';
import { close } from './morphology.js';
import { resolveBootstrapOptions, type BootstrapOptions } from './options.js';
import { proposePulp } from './pulp.js';
import { gaussianSmoothInPlace } from './smooth.js';
import { histogramLandmarks, maskedQuantile } from './thresholds.js';

export interface BootstrapReport {
  /** Why the proposal is empty (blank or constant scan, no bright class, no seeds), else null. */
  empty: string | null;
  /** Voxels that were NaN or ±Infinity (treated as the scan's minimum). */
  nonFiniteVoxels: number;
  /** Grey levels used (in the scan's units, after smoothing); null when empty before they were found. */
  thresholds: {
    otsu: [number, number, number, number];
    boneMode: number;
    toothLevel: number;
    tooth: number;
    pulp: number;
  } | null;
  leak: { detected: boolean; typicalGrowth: number; leakGrowth: number } | null;
  components: {
    seeds: number;
    seedsKept: number;
    teeth: number;
    teethKept: number;
    pulp: number;
    pulpKept: number;
  };
  voxels: { tooth: number; pulp: number };
  volumeMm3: { tooth: number; pulp: number };
  sliceAxis: 0 | 1 | 2;
  timingsMs: Record<string, number>;
  totalMs: number;
}

export interface BootstrapResult {
  label: Volume;
  report: BootstrapReport;
}

/** Proposes tooth (1) and pulp (2) labels for a CBCT scan. Never throws for blank or odd-valued scans. */
export function proposeTeethAndPulp(image: Volume, options: BootstrapOptions = {}): BootstrapResult {
  const o = resolveBootstrapOptions(options);
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let last = t0;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - last);
    last = now;
  };
  const dims: Dims = [...image.dims];
  const spacing: Dims = [...image.spacing];
  const voxelMm3 = spacing[0] * spacing[1] * spacing[2];
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  if (image.voxels.length !== labels.length)
    throw new RangeError('voxel count does not match the dimensions');
  const sliceAxis = o.sliceAxis ?? superiorAxis(image.direction);
  const report: BootstrapReport = {
    empty: null,
    nonFiniteVoxels: 0,
    thresholds: null,
    leak: null,
    components: { seeds: 0, seedsKept: 0, teeth: 0, teethKept: 0, pulp: 0, pulpKept: 0 },
    voxels: { tooth: 0, pulp: 0 },
    volumeMm3: { tooth: 0, pulp: 0 },
    sliceAxis,
    timingsMs: timings,
    totalMs: 0,
  };
  const finish = (empty: string | null): BootstrapResult => {
    report.empty = empty;
    report.totalMs = Math.round(performance.now() - t0);
    const label: Volume = {
      dims: [...image.dims],
      spacing: [...image.spacing],
      origin: [...image.origin],
      direction: [...image.direction],
      dataType: 'uint8',
      voxels: labels,
    };
    return { label, report };
  };

  // 1. Finite float copy, denoised in place.
  const { data, min, max, nonFinite } = finiteCopy(image.voxels);
  report.nonFiniteVoxels = nonFinite;
  if (!(max > min) || max - min <= 1e-6 * Math.max(1, Math.abs(max))) {
    return finish(nonFinite === labels.length ? 'no finite voxels' : 'constant image');
  }
  gaussianSmoothInPlace(data, dims, spacing, o.smoothMm);
  lap('smooth');

  // 2. Histogram landmarks (range re-measured after smoothing).
  let sMin = Infinity;
  let sMax = -Infinity;
  for (let n = 0; n < data.length; n++) {
    const x = data[n]!;
    if (x < sMin) sMin = x;
    if (x > sMax) sMax = x;
  }
  const marks = sMax > sMin ? histogramLandmarks(data, sMin, sMax, o.bins) : null;
  lap('histogram');
  if (!marks) return finish('no bright class in the histogram');
  const [, , , t4] = marks.otsu;

  // 3. Seeds: bright cores in components of at least seedMinMm3 (labelled inside their bounding box only).
  const bright = new Uint8Array(data.length);
  for (let n = 0; n < data.length; n++) bright[n] = data[n]! >= t4 ? 1 : 0;
  const seeds = keepLargeComponents(bright, dims, Math.ceil(o.seedMinMm3 / voxelMm3));
  report.components.seeds = seeds.found;
  report.components.seedsKept = seeds.kept;
  const toothLevel =
    seeds.kept > 0 ? maskedQuantile(data, seeds.mask, marks.histogram, o.toothLevelQuantile) : null;
  lap('seeds');
  if (toothLevel === null || !(toothLevel > marks.boneMode)) return finish('no tooth-bright seeds');

  // 4. Leak-controlled region growing from the seeds.
  const q: Quantiser = { lo: marks.histogram.lo, width: marks.histogram.width, bins: o.bins };
  const lowBin = binOf(q, marks.boneMode);
  const topBin = binOf(q, toothLevel);
  const bott = bottleneckFlood(data, seeds.mask, dims, q, lowBin);
  const choice = chooseLeakLevel(grownVolumes(bott, o.bins), lowBin, topBin, o.leakStep, o.leakPower);
  const toothThreshold = q.lo + choice.bin * q.width;
  const pulpThreshold = toothThreshold + o.pulpLevel * (toothLevel - toothThreshold);
  report.leak = { detected: choice.leak, typicalGrowth: choice.typicalGrowth, leakGrowth: choice.leakGrowth };
  report.thresholds = {
    otsu: marks.otsu,
    boneMode: marks.boneMode,
    toothLevel,
    tooth: toothThreshold,
    pulp: pulpThreshold,
  };
  const grown = bright; // reuse the buffer
  for (let n = 0; n < grown.length; n++) grown[n] = bott[n]! >= choice.bin ? 1 : 0;
  lap('grow');

  // 5. Clean-up inside the bounding box of the grown teeth.
  const box0 = boundingBox(grown, dims);
  if (!box0) return finish('no tooth region');
  const closeR = radiusVoxels(o.closeMm, spacing, 1);
  const marginR = radiusVoxels(o.pulpMarginMm, spacing, 1);
  const box = growBox(box0, [closeR[0] + 2, closeR[1] + 2, closeR[2] + 2], dims);
  const bd = boxDims(box);
  const teeth = keepLargeComponents(cropBox(grown, dims, box), bd, Math.ceil(o.toothMinMm3 / voxelMm3));
  report.components.teeth = teeth.found;
  report.components.teethKept = teeth.kept;
  // Slice-wise filling also fills every 3-D cavity (a cavity enclosed in 3-D is enclosed in each of its
  // slices), so no separate 3-D pass is needed.
  const filled = fillHolesSlices(close(teeth.mask, bd, closeR), bd, sliceAxis);
  lap('cleanup');

  // 6. Pulp: darker core of the filled teeth.
  const pulp = proposePulp(cropBox(data, dims, box), filled, bd, {
    level: pulpThreshold,
    erodeRadius: marginR,
    minVoxels: Math.max(1, Math.ceil(o.pulpMinMm3 / voxelMm3)),
  });
  report.components.pulp = pulp.found;
  report.components.pulpKept = pulp.kept;
  for (let n = 0; n < filled.length; n++) {
    if (pulp.mask[n]) {
      filled[n] = 2;
      report.voxels.pulp++;
    } else if (filled[n]) report.voxels.tooth++;
  }
  pasteBox(labels, dims, box, filled);
  report.volumeMm3 = { tooth: report.voxels.tooth * voxelMm3, pulp: report.voxels.pulp * voxelMm3 };
  lap('pulp');
  return finish(report.voxels.tooth + report.voxels.pulp > 0 ? null : 'clean-up removed every component');
}

/** Float32 copy with NaN/±Infinity replaced by the minimum finite value. */
function finiteCopy(v: ArrayLike<number>): {
  data: Float32Array;
  min: number;
  max: number;
  nonFinite: number;
} {
  const data = new Float32Array(v.length);
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let n = 0; n < v.length; n++) {
    const x = v[n]!;
    if (Number.isFinite(x)) {
      data[n] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    } else nonFinite++;
  }
  if (nonFinite > 0 && min <= max) {
    for (let n = 0; n < v.length; n++) if (!Number.isFinite(v[n]!)) data[n] = min;
  }
  return { data, min, max, nonFinite };
}

/** Components of `mask` with at least `minVoxels` voxels, labelled within the mask's bounding box. */
function keepLargeComponents(
  mask: Uint8Array,
  dims: Dims,
  minVoxels: number,
): { mask: Uint8Array; found: number; kept: number } {
  const out = new Uint8Array(mask.length);
  const box = boundingBox(mask, dims);
  if (!box) return { mask: out, found: 0, kept: 0 };
  const bd = boxDims(box);
  const comps = connectedComponents(cropBox(mask, dims, box), bd);
  const { mask: kept, kept: n } = filterComponents(comps, (size) => size >= minVoxels);
  pasteBox(out, dims, box, kept);
  return { mask: out, found: comps.sizes.length - 1, kept: n };
}

/** The voxel axis whose direction is closest to patient superior (LPS +z). */
export function superiorAxis(direction: readonly number[]): 0 | 1 | 2 {
  const z = [0, 1, 2].map((a) => Math.abs(direction[3 * a + 2] ?? 0));
  return z[2]! >= z[0]! && z[2]! >= z[1]! ? 2 : z[1]! >= z[0]! ? 1 : 0;
}
