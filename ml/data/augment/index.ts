// nnU-Net's labelled-data augmentation (spec §3.4) on [D0, D1, D2] Float32Array images and Uint8Array labels
// (axis convention: ml/data/preprocess/layout.ts). Entry point: `augmentPatch` with `resolveAugmentConfig()`.

export {
  type AugmentConfig,
  type AugmentOverrides,
  type Range,
  AUGMENT_DEFAULTS,
  resolveAugmentConfig,
  noAugmentation,
} from './config.js';
export { type AugmentRecord, type AugmentedPatch, type AugmentOptions, augmentPatch } from './pipeline.js';
export {
  type SpatialParams,
  type SpatialSource,
  type SpatialOptions,
  sampleSpatialParams,
  spatialMatrix,
  applySpatial,
} from './spatial.js';
export {
  bgContrastFactor,
  addGaussianNoise,
  multiplyBrightness,
  adjustContrast,
  applyGamma,
} from './intensity.js';
export { gaussianKernel, blurAxis, gaussianBlur } from './blur.js';
export { simulateLowResolution, resizeNearestExact, lowResolutionShape } from './low-resolution.js';
export { flipAxes } from './mirror.js';
export { type TrainingPatchOptions, drawTrainingPatch } from './training-sample.js';
