// Segments one scan: pre-process with the model's plan, sliding window (TTA, Gaussian blending, bounded memory),
// streamed restore to the source grid, argmax → a uint8 label Volume with the input's exact geometry, plus the
// requested probability summaries on the same grid.
//
// Reference: spec §6 (steps 1–9; no post-processing).
// Peak memory ≈ source image + pre-processed float32 volume + label map (1 byte per source voxel) + summaries
// (4 bytes per source voxel each) + accumulation window (./accumulator.ts) + network activations of one tile.
import type { Volume } from '../data/io/volume.js';
import type { PreprocessPlan } from '../data/preprocess/plan.js';
import { preprocessCase } from '../data/preprocess/preprocess-case.js';
import type { UMamba2 } from '../model/umamba2.js';
import type { InferenceConfig } from './config.js';
import { resolveInferenceConfig } from './config.js';
import { RestoreSink } from './restore-sink.js';
import type { InferenceProgress, SlidingWindowStats } from './sliding-window.js';
import { slidingWindow } from './sliding-window.js';
import { resolveSummaries } from './summaries.js';
import type { TilePredictor } from './tile-predict.js';

export interface SegmentOptions {
  config?: Partial<InferenceConfig>;
  signal?: AbortSignal;
  onProgress?: (p: InferenceProgress) => void;
}

export interface Segmentation {
  label: Volume;
  /** By summary name (float32 volumes on the source grid). */
  summaries: Record<string, Volume>;
  stats: SlidingWindowStats & { preprocessSeconds: number; restoreSeconds: number };
}

/** The network as a tile predictor (full-resolution logits only). */
export function modelPredictor(model: UMamba2, patch = model.config.patchSize): TilePredictor {
  return {
    numClasses: model.config.numClasses,
    patch: [...patch],
    predict: (x) => model.forward(x, { deepSupervision: false })[0]!,
  };
}

export async function segmentVolume(
  image: Volume,
  predictor: TilePredictor,
  plan: PreprocessPlan,
  options: SegmentOptions = {},
): Promise<Segmentation> {
  const config = resolveInferenceConfig(options.config);
  const summaries = resolveSummaries(config.summaries);
  const t0 = performance.now();
  options.signal?.throwIfAborted();
  const pre = preprocessCase(image, null, plan);
  const preprocessSeconds = (performance.now() - t0) / 1000;
  const sink = new RestoreSink(
    pre.properties,
    predictor.numClasses,
    summaries.map((s) => s.outside),
  );
  const stats = await slidingWindow({ data: pre.data, shape: pre.shape }, predictor, sink, {
    config,
    summaries,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const t1 = performance.now();
  const restored = sink.finish();
  return {
    label: restored.label,
    summaries: Object.fromEntries(summaries.map((s, i) => [s.name, restored.summaries[i]!])),
    stats: { ...stats, preprocessSeconds, restoreSeconds: (performance.now() - t1) / 1000 },
  };
}
