// Window/level presets for CBCT, whose grey values are not Hounsfield units and differ between scanners:
// every preset is derived from the scan's own histogram (percentiles), plus the user's saved presets.
import type { WindowPreset } from '../../../electron/contract/types.js';

export interface Histogram {
  min: number;
  max: number;
  /** Voxel counts of equal-width bins spanning [min, max]. */
  counts: Uint32Array;
  total: number;
}

/** A histogram of (a regular subsample of, at most `maxSamples`) the voxels. */
export function histogramOf(values: ArrayLike<number>, bins = 1024, maxSamples = 2_000_000): Histogram {
  const step = Math.max(1, Math.floor(values.length / maxSamples));
  let min = Infinity;
  let max = -Infinity;
  for (let q = 0; q < values.length; q += step) {
    const x = values[q]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const counts = new Uint32Array(bins);
  if (!Number.isFinite(min)) return { min: 0, max: 0, counts, total: 0 };
  const width = max > min ? (max - min) / bins : 1;
  let total = 0;
  for (let q = 0; q < values.length; q += step) {
    const b = Math.min(bins - 1, Math.floor((values[q]! - min) / width));
    counts[b]!++;
    total++;
  }
  return { min, max, counts, total };
}

/** The grey value below which `p` (0…1) of the voxels lie (bin upper edge, linear inside the bin). */
export function percentile(h: Histogram, p: number): number {
  if (h.total === 0) return h.min;
  const target = Math.min(1, Math.max(0, p)) * h.total;
  const width = (h.max - h.min) / h.counts.length;
  let acc = 0;
  for (let b = 0; b < h.counts.length; b++) {
    const c = h.counts[b]!;
    if (acc + c >= target && c > 0) return h.min + width * (b + (target - acc) / c);
    acc += c;
  }
  return h.max;
}

function fromRange(name: string, lower: number, upper: number): WindowPreset {
  const window = Math.max(1, upper - lower);
  return { name, window, level: lower + window / 2 };
}

/**
 * Presets from the scan's histogram: the full range; "auto" at the 1st–99th percentile (what annotators
 * mostly want); "teeth & bone" spanning the densest half; "enamel & metal" for the top of the range.
 */
export function histogramPresets(h: Histogram): WindowPreset[] {
  const p = (x: number) => percentile(h, x);
  return [
    fromRange('Auto (1–99 %)', p(0.01), p(0.99)),
    fromRange('Teeth & bone', p(0.5), p(0.999)),
    fromRange('Soft tissue', p(0.05), p(0.7)),
    fromRange('Enamel & metal', p(0.9), h.max),
    fromRange('Full range', h.min, h.max),
  ];
}

export function voiRangeOf(preset: { window: number; level: number }): { lower: number; upper: number } {
  return { lower: preset.level - preset.window / 2, upper: preset.level + preset.window / 2 };
}

export function presetFromVoi(name: string, voi: { lower: number; upper: number }): WindowPreset {
  return fromRange(name, voi.lower, voi.upper);
}
