// Training patches (random / foreground-centred) and sliding-window tiles for [D0, D1, D2] data
// (axis convention: ml/data/preprocess/layout.ts).

export {
  type ClassLocations,
  type ClassLocationOptions,
  CLASS_LOCATION_DEFAULTS,
  computeClassLocations,
} from './class-locations.js';
export {
  type PatchSamplerConfig,
  type PatchBox,
  type Patch,
  FOREGROUND_PROBABILITY_DEFAULT,
  resolvePatchSamplerConfig,
  nnunetForcesForeground,
  lowerCornerRange,
  samplePatchBox,
  samplePatch,
  cropWithPadding,
} from './patch-sampler.js';
export { initialPatchSize } from './initial-patch-size.js';
export { type TilePadding, computeTileSteps, padToPatch, tileOrigins } from './tiles.js';
