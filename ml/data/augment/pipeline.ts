// The labelled-data augmentation pipeline, in the reference order, from one seeded generator.
//
// Reference: spec §3.4 (rows 1–9, in that order); nnunetv2 `nnUNetTrainer.get_training_transforms`. Each
// transform first draws whether it applies (batchgeneratorsv2 `RandomTransform`), then its parameters.
// Not here: label −1 → 0 (our labels never hold −1, see ml/data/sample/patch-sampler.ts) and deep-supervision
// label downsampling (part of the loss), the optional `use_mask_for_norm` masking step (not used with
// CTNormalization), and the unlabeled "strong" pipeline of spec §3.5.
// Deviation: one image channel (CBCT); per-channel probabilities are drawn once.
import type { Rng } from '../../util/rng.js';
import type { Shape3 } from '../preprocess/layout.js';
import { assertShape, shapeSize } from '../preprocess/layout.js';
import type { AugmentConfig } from './config.js';
import { gaussianBlur } from './blur.js';
import {
  addGaussianNoise,
  adjustContrast,
  applyGamma,
  bgContrastFactor,
  multiplyBrightness,
} from './intensity.js';
import { simulateLowResolution } from './low-resolution.js';
import { flipAxes } from './mirror.js';
import type { SpatialParams, SpatialSource } from './spatial.js';
import { applySpatial, sampleSpatialParams } from './spatial.js';

/** What was applied (null / empty: not applied), for logging and tests. */
export interface AugmentRecord {
  spatial: SpatialParams;
  noiseStd: number | null;
  blurSigmas: Shape3 | null;
  brightness: number | null;
  contrast: number | null;
  lowResolutionZoom: number | null;
  gammaInverted: number | null;
  gamma: number | null;
  mirroredAxes: number[];
}

export interface AugmentedPatch {
  data: Float32Array;
  label?: Uint8Array;
  shape: Shape3;
  record: AugmentRecord;
}

export interface AugmentOptions {
  /**
   * Where in `source` the patch centre lies (voxel indices); default its geometric centre (source = the enlarged
   * crop). With a whole case as source, see training-sample.ts 'direct' for how that differs from the reference.
   */
  center?: [number, number, number];
}

/**
 * Augments one sample into a patch of `patchSize`. `source` is normally the enlarged crop from the patch sampler
 * (shape ≥ patchSize); it may also be a whole case with `options.center` set. The source is not modified.
 */
export function augmentPatch(
  source: SpatialSource,
  patchSize: Shape3,
  config: AugmentConfig,
  rng: Rng,
  options: AugmentOptions = {},
): AugmentedPatch {
  assertShape(patchSize, 'patchSize');
  if (source.data.length !== shapeSize(source.shape))
    throw new RangeError('source.data does not match source.shape');
  if (source.label && source.label.length !== source.data.length)
    throw new RangeError('source.label does not match source.shape');
  const record: AugmentRecord = {
    spatial: sampleSpatialParams(config.spatial, rng),
    noiseStd: null,
    blurSigmas: null,
    brightness: null,
    contrast: null,
    lowResolutionZoom: null,
    gammaInverted: null,
    gamma: null,
    mirroredAxes: [],
  };
  const spatialOptions = {
    labelInterpolation: config.spatial.labelInterpolation,
    ...(options.center ? { center: options.center } : {}),
  };
  const out = applySpatial(source, patchSize, record.spatial, spatialOptions);
  let data = out.data;
  let label = out.label;

  if (rng.chance(config.noise.probability)) {
    record.noiseStd = rng.uniform(config.noise.stdRange[0], config.noise.stdRange[1]);
    addGaussianNoise(data, record.noiseStd, rng);
  }
  if (rng.chance(config.blur.probability) && rng.chance(config.blur.channelProbability)) {
    const [lo, hi] = config.blur.sigmaRange;
    record.blurSigmas = [rng.uniform(lo, hi), rng.uniform(lo, hi), rng.uniform(lo, hi)];
    gaussianBlur(data, patchSize, record.blurSigmas);
  }
  if (rng.chance(config.brightness.probability)) {
    record.brightness = bgContrastFactor(config.brightness.factorRange, rng);
    multiplyBrightness(data, record.brightness);
  }
  if (rng.chance(config.contrast.probability)) {
    record.contrast = bgContrastFactor(config.contrast.factorRange, rng);
    adjustContrast(data, record.contrast, config.contrast.preserveRange);
  }
  if (rng.chance(config.lowResolution.probability) && rng.chance(config.lowResolution.channelProbability)) {
    record.lowResolutionZoom = rng.uniform(
      config.lowResolution.zoomRange[0],
      config.lowResolution.zoomRange[1],
    );
    data = simulateLowResolution(data, patchSize, record.lowResolutionZoom);
  }
  if (rng.chance(config.gammaInverted.probability)) {
    record.gammaInverted = bgContrastFactor(config.gammaInverted.gammaRange, rng);
    applyGamma(data, record.gammaInverted, true, config.gammaInverted.retainStats);
  }
  if (rng.chance(config.gamma.probability)) {
    record.gamma = bgContrastFactor(config.gamma.gammaRange, rng);
    applyGamma(data, record.gamma, false, config.gamma.retainStats);
  }
  for (const axis of config.mirror.axes)
    if (rng.chance(config.mirror.probability)) record.mirroredAxes.push(axis);
  if (record.mirroredAxes.length > 0) {
    data = flipAxes(data, patchSize, record.mirroredAxes);
    if (label) label = flipAxes(label, patchSize, record.mirroredAxes);
  }
  const result: AugmentedPatch = { data, shape: [...patchSize], record };
  if (label) result.label = label;
  return result;
}
