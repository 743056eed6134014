// Sliding-window prediction over a pre-processed volume [D0, D1, D2]: pad to the patch, tile with the configured
// step, predict every tile (mirroring TTA), blend with the Gaussian importance map, normalise by the summed
// weights, and stream the final planes to a sink (see ./accumulator.ts for the memory bound).
//
// Reference: spec §6 steps 2–7; nnunetv2 `nnUNetPredictor.predict_sliding_window_return_logits` (pad with 0, split
// evenly, odd voxel after; tiles from `compute_steps_for_sliding_window`; logits += gaussian·prediction,
// n_predictions += gaussian; logits / n_predictions).
// Deviation: the STSR script does not divide by the summed weights (argmax-invariant per voxel); we divide, as the
// stock predictor does, so that the streamed scores are weighted means (needed for probabilities, and it keeps the
// trilinear restore independent of the tile layout).
import type { Shape3 } from '../data/preprocess/layout.js';
import { shapeSize } from '../data/preprocess/layout.js';
import type { PatchBox } from '../data/sample/patch-sampler.js';
import { cropWithPadding } from '../data/sample/patch-sampler.js';
import { computeTileSteps, padToPatch, tileOrigins } from '../data/sample/tiles.js';
import type { PlaneSink } from './accumulator.js';
import { PlaneAccumulator } from './accumulator.js';
import type { InferenceConfig } from './config.js';
import { mirrorCombinations } from './config.js';
import { computeGaussian } from './gaussian.js';
import type { TileSummary } from './summaries.js';
import type { TilePredictor } from './tile-predict.js';
import { predictTile } from './tile-predict.js';

export interface InferenceProgress {
  phase: 'tiles';
  tile: number;
  tiles: number;
  fraction: number;
  elapsedSeconds: number;
  /** Pre-processed voxels per second so far (volume voxels × tiles done / tiles / seconds). */
  voxelsPerSecond: number;
  etaSeconds: number;
}

export interface SlidingWindowStats {
  tiles: number;
  members: number;
  precision: 'float32' | 'float16';
  /** Bytes of the accumulation window at its largest. */
  peakAccumulatorBytes: number;
  /** Bytes the whole float32 score volume would take (what the window avoids). */
  fullVolumeBytes: number;
  seconds: number;
}

export interface SlidingWindowOptions {
  config: InferenceConfig;
  summaries: readonly TileSummary[];
  signal?: AbortSignal | undefined;
  onProgress?: ((p: InferenceProgress) => void) | undefined;
}

/** The precision 'auto' resolves to for this volume (float32 while the window fits the budget). */
export function accumulatorPrecision(
  config: Pick<InferenceConfig, 'accumulator' | 'memoryBudgetBytes'>,
  shape: Shape3,
  patch: Shape3,
  channels: number,
): 'float32' | 'float16' {
  if (config.accumulator !== 'auto') return config.accumulator;
  const planes = Math.min(patch[0], shape[0]);
  return planes * PlaneAccumulator.bytesPerPlane(shape, channels, 'float32') <= config.memoryBudgetBytes
    ? 'float32'
    : 'float16';
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function slidingWindow(
  image: { data: Float32Array; shape: Shape3 },
  predictor: TilePredictor,
  sink: PlaneSink,
  o: SlidingWindowOptions,
): Promise<SlidingWindowStats> {
  const t0 = performance.now();
  const { shape } = image;
  if (image.data.length !== shapeSize(shape)) throw new RangeError('image data does not match its shape');
  const patch = predictor.patch;
  const pad = padToPatch(shape, patch);
  const origins = tileOrigins(computeTileSteps(pad.shape, patch, o.config.tileStep));
  const members = mirrorCombinations(o.config.mirrorAxes);
  const gauss = computeGaussian(patch, o.config.sigmaScale).values;
  const channels = predictor.numClasses + o.summaries.length;
  const precision = accumulatorPrecision(o.config, shape, patch, channels);
  const acc = new PlaneAccumulator(shape, channels, precision, sink);
  const tileOpts = {
    members,
    summaries: o.summaries,
    tileRescaleMax: o.config.tileRescaleMax,
    signal: o.signal,
  };
  for (let t = 0; t < origins.length; t++) {
    o.signal?.throwIfAborted();
    const origin = origins[t]!;
    const lower = [0, 1, 2].map((d) => origin[d]! - pad.before[d]!) as Shape3;
    acc.flushBelow(lower[0]);
    const box: PatchBox = { lower, size: patch, centredOnClass: null };
    const tile = cropWithPadding(image.data, shape, box, 0);
    acc.add(predictTile(predictor, tile, tileOpts), gauss, patch, lower);
    const seconds = (performance.now() - t0) / 1000;
    o.onProgress?.({
      phase: 'tiles',
      tile: t + 1,
      tiles: origins.length,
      fraction: (t + 1) / origins.length,
      elapsedSeconds: seconds,
      voxelsPerSecond: (shapeSize(shape) * (t + 1)) / origins.length / seconds,
      etaSeconds: (seconds / (t + 1)) * (origins.length - t - 1),
    });
    await tick();
  }
  o.signal?.throwIfAborted();
  acc.flushBelow(Infinity);
  return {
    tiles: origins.length,
    members: members.length,
    precision,
    peakAccumulatorBytes: acc.peakBytes,
    fullVolumeBytes: shapeSize(shape) * channels * 4,
    seconds: (performance.now() - t0) / 1000,
  };
}
