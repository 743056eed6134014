// Pre-processing for U-Mamba2 (spec §5): crop to non-zero, CTNormalization with a dataset fingerprint,
// resampling to the target spacing, and the inverse for predictions. Axis conventions: layout.ts.

export {
  type Shape3,
  shapeFromDims,
  dimsFromShape,
  networkSpacing,
  shapeSize,
  flatIndex,
  toChannelsLast,
  toChannelsFirst,
} from './layout.js';
export {
  type BoundingBox,
  boxShape,
  fullBox,
  nonzeroBoundingBox,
  nonzeroMask,
  cropArray,
  uncropArray,
} from './crop.js';
export {
  type IntensityProperties,
  ctNormalize,
  ctNormalizeInto,
  assertIntensityProperties,
} from './normalize.js';
export {
  type DatasetFingerprint,
  type FingerprintOptions,
  type CaseFingerprint,
  FINGERPRINT_DEFAULTS,
  FINGERPRINT_VERSION,
  computeFingerprint,
  sampleCaseForeground,
  poolFingerprint,
  samplesPerCase,
  parseFingerprint,
  resolveFingerprintOptions,
} from './fingerprint.js';
export { planTargetSpacing, ANISO_THRESHOLD } from './target-spacing.js';
export {
  type PreprocessPlan,
  type PlanOptions,
  PLAN_VERSION,
  planFromFingerprint,
  assertPlan,
} from './plan.js';
export { linearAxisTable, resizeLinear } from './interpolate.js';
export { computeNewShape, resizeLabels, resampleImage, resampleLabels } from './resample.js';
export {
  type CaseProperties,
  type PreprocessedCase,
  type PreprocessOptions,
  preprocessCase,
  labelsAsUint8,
} from './preprocess-case.js';
export {
  type ChannelLayout,
  type RestoreOptions,
  restorePrediction,
  restoreLabelMap,
  resampleArgmax,
} from './restore.js';
export { roundHalfEven, percentileInPlace, meanAndStd, median } from './numeric.js';
