// Voxel-wise intensity augmentations (image only), in place on a Float32Array.
//
// Reference: spec §3.4 rows 2, 4, 5, 7, 8; batchgeneratorsv2 v0.3 `GaussianNoiseTransform` (the "variance" range
// is used as the std), `MultiplicativeBrightnessTransform`, `ContrastTransform` (x ← (x − mean)·f + mean, then
// clamped to the original [min, max] when preserving range), `GammaTransform` (optionally negate; x ←
// ((x − min)/range)^γ·range + min with range clamped to ≥ 1e-7; optionally restore the original mean and unbiased
// std; negate back), and `BGContrast` (the factor law shared by brightness, contrast and gamma).
// Statistics (mean, std) are accumulated in float64.
import type { Rng } from '../../util/rng.js';
import type { Range } from './config.js';

/** batchgeneratorsv2 `BGContrast`: with p 0.5 (and only if lo < 1) U(lo, 1), otherwise U(max(lo, 1), hi). */
export function bgContrastFactor(r: Range, rng: Rng): number {
  if (rng.next() < 0.5 && r[0] < 1) return rng.uniform(r[0], 1);
  return rng.uniform(Math.max(r[0], 1), r[1]);
}

export function addGaussianNoise(data: Float32Array, std: number, rng: Rng): void {
  for (let n = 0; n < data.length; n++) data[n] = data[n]! + rng.normal(0, std);
}

export function multiplyBrightness(data: Float32Array, factor: number): void {
  for (let n = 0; n < data.length; n++) data[n] = data[n]! * factor;
}

function stats(data: Float32Array): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < data.length; n++) {
    const x = data[n]!;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / data.length;
  let ss = 0;
  for (let n = 0; n < data.length; n++) {
    const d = data[n]! - mean;
    ss += d * d;
  }
  // torch.std: unbiased (n − 1)
  const std = data.length > 1 ? Math.sqrt(ss / (data.length - 1)) : 0;
  return { mean, std, min, max };
}

export function adjustContrast(data: Float32Array, factor: number, preserveRange: boolean): void {
  const { mean, min, max } = stats(data);
  for (let n = 0; n < data.length; n++) {
    let x = (data[n]! - mean) * factor + mean;
    if (preserveRange) x = x < min ? min : x > max ? max : x;
    data[n] = x;
  }
}

export function applyGamma(data: Float32Array, gamma: number, invert: boolean, retainStats: boolean): void {
  if (invert) for (let n = 0; n < data.length; n++) data[n] = -data[n]!;
  const before = stats(data);
  const range = before.max - before.min;
  const denom = Math.max(range, 1e-7);
  for (let n = 0; n < data.length; n++) {
    data[n] = Math.pow((data[n]! - before.min) / denom, gamma) * range + before.min;
  }
  if (retainStats) {
    const after = stats(data);
    const k = before.std / Math.max(after.std, 1e-7);
    for (let n = 0; n < data.length; n++) data[n] = (data[n]! - after.mean) * k + before.mean;
  }
  if (invert) for (let n = 0; n < data.length; n++) data[n] = -data[n]!;
}
