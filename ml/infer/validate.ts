// Scores a segmentation model on held-out cases the way STSR 2025 does: full sliding-window inference of each scan
// on its own grid, then the official aggregate (image-level, instance-level pooled over (case, label) pairs, IA).
// What the model registry records as a model version's metrics on the project's validation split.
// Deviation: no mirroring by default (4× cheaper on a CPU; the numbers are for comparing versions, not a submission).
import type { Volume } from '../data/io/volume.js';
import type { PreprocessPlan } from '../data/preprocess/plan.js';
import type { OfficialScores } from '../metrics/types.js';
import { evaluateCases } from '../metrics/index.js';
import type { UMamba2 } from '../model/umamba2.js';
import type { InferenceConfig } from './config.js';
import { modelPredictor, segmentVolume } from './segment.js';

export interface ValidationCase {
  id: string;
  image: Volume;
  label: Volume;
}

export async function validateModel(
  model: UMamba2,
  plan: PreprocessPlan,
  cases: readonly ValidationCase[],
  opts: { config?: Partial<InferenceConfig>; signal?: AbortSignal } = {},
): Promise<OfficialScores | null> {
  if (cases.length === 0) return null;
  const pairs = [];
  for (const c of cases) {
    const { label } = await segmentVolume(c.image, modelPredictor(model), plan, {
      config: { mirrorAxes: [], ...opts.config },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    pairs.push({ id: c.id, gt: c.label, pred: label });
  }
  return evaluateCases(pairs).scores;
}
