// Sliding-window segmentation with the reference inference recipe (spec §6), bounded memory, TTA and
// probability summaries for uncertainty. Entry points: `segmentVolume` (+ `modelPredictor`), `loadSegmentationModel`.
export {
  type AccumulatorPrecision,
  type InferenceConfig,
  INFERENCE_DEFAULTS,
  STSR_INFERENCE,
  mirrorCombinations,
  resolveInferenceConfig,
} from './config.js';
export { type GaussianMap, computeGaussian, gaussianAxis } from './gaussian.js';
export { type PlaneSink, PlaneAccumulator } from './accumulator.js';
export { type RestoredPrediction, RestoreSink } from './restore-sink.js';
export { type TileSummary, SUMMARIES, resolveSummaries } from './summaries.js';
export { type TilePredictor, type TileOptions, predictTile } from './tile-predict.js';
export {
  type InferenceProgress,
  type SlidingWindowOptions,
  type SlidingWindowStats,
  accumulatorPrecision,
  slidingWindow,
} from './sliding-window.js';
export { type Segmentation, type SegmentOptions, modelPredictor, segmentVolume } from './segment.js';
export { type LoadedModel, loadSegmentationModel } from './load-model.js';
export { fromHalf, toHalf } from './half.js';
