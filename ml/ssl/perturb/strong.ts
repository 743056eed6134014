// The strong view: intensity-only perturbations of the (already spatially augmented) weak view, so both views
// stay voxel-aligned. Each transform first draws whether it applies, then its parameters, in the table's order.
//
// Reference: spec §3.5 (`nnUNetTrainer_semisupervised_saug.get_strong_transforms`), rows 1–9. Reuses the labelled
// augmentation's transforms where they match (ml/data/augment): noise, blur, brightness, contrast, low resolution,
// gamma with retained statistics.
import { gaussianBlur } from '../../data/augment/blur.js';
import {
  addGaussianNoise,
  adjustContrast,
  applyGamma,
  bgContrastFactor,
  multiplyBrightness,
} from '../../data/augment/intensity.js';
import { simulateLowResolution } from '../../data/augment/low-resolution.js';
import type { Shape3 } from '../../data/preprocess/layout.js';
import type { Rng } from '../../util/rng.js';
import type { Box3 } from './filters.js';
import { drawBlankBoxes, fillBoxes, medianFilter, sharpen } from './filters.js';
import type { StrongAugmentConfig } from './strong-config.js';

/** What was applied (null: not applied). */
export interface StrongRecord {
  smoothing: 'median' | 'blur';
  medianSize: number | null;
  blurSigmas: Shape3 | null;
  noiseStd: number | null;
  brightness: number | null;
  contrast: { factor: number; preserveRange: boolean } | null;
  lowResolutionZoom: number | null;
  gammaInverted: number | null;
  gamma: number | null;
  blankBoxes: Box3[];
  sharpen: number | null;
}

/** The strong view of `weak` (not modified). */
export function strongView(
  weak: Float32Array,
  shape: Shape3,
  c: StrongAugmentConfig,
  rng: Rng,
): { data: Float32Array; record: StrongRecord } {
  let x: Float32Array = Float32Array.from(weak);
  const r: StrongRecord = {
    smoothing: rng.next() < 0.5 ? 'median' : 'blur',
    medianSize: null,
    blurSigmas: null,
    noiseStd: null,
    brightness: null,
    contrast: null,
    lowResolutionZoom: null,
    gammaInverted: null,
    gamma: null,
    blankBoxes: [],
    sharpen: null,
  };
  const s = c.smoothing;
  if (r.smoothing === 'median' && rng.chance(s.medianProbability)) {
    r.medianSize = rng.int(s.medianSize[0], s.medianSize[1]);
    x = medianFilter(x, shape, r.medianSize);
  } else if (r.smoothing === 'blur' && rng.chance(s.blurProbability)) {
    const u = () => rng.uniform(s.blurSigma[0], s.blurSigma[1]);
    r.blurSigmas = [u(), u(), u()];
    gaussianBlur(x, shape, r.blurSigmas);
  }
  if (rng.chance(c.noise.probability)) {
    r.noiseStd = rng.uniform(c.noise.stdRange[0], c.noise.stdRange[1]);
    addGaussianNoise(x, r.noiseStd, rng);
  }
  if (rng.chance(c.brightness.probability)) {
    r.brightness = bgContrastFactor(c.brightness.factorRange, rng);
    multiplyBrightness(x, r.brightness);
  }
  const preserveRange = rng.next() < 0.5;
  if (rng.chance(c.contrast.probability)) {
    r.contrast = { factor: bgContrastFactor(c.contrast.factorRange, rng), preserveRange };
    adjustContrast(x, r.contrast.factor, preserveRange);
  }
  if (rng.chance(c.lowResolution.probability)) {
    r.lowResolutionZoom = rng.uniform(c.lowResolution.zoomRange[0], c.lowResolution.zoomRange[1]);
    x = simulateLowResolution(x, shape, r.lowResolutionZoom);
  }
  if (rng.chance(c.gammaInverted.probability)) {
    r.gammaInverted = bgContrastFactor(c.gammaInverted.gammaRange, rng);
    applyGamma(x, r.gammaInverted, true, true);
  }
  if (rng.chance(c.gamma.probability)) {
    r.gamma = bgContrastFactor(c.gamma.gammaRange, rng);
    applyGamma(x, r.gamma, false, true);
  }
  if (rng.chance(c.blankRectangles.probability)) {
    r.blankBoxes = drawBlankBoxes(shape, rng.int(1, c.blankRectangles.maxCount), rng);
    fillBoxes(x, shape, r.blankBoxes, c.blankRectangles.value);
  }
  if (rng.chance(c.sharpen.probability)) {
    r.sharpen = rng.uniform(c.sharpen.strengthRange[0], c.sharpen.strengthRange[1]);
    x = sharpen(x, shape, r.sharpen);
  }
  return { data: x, record: r };
}
