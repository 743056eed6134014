// Test support: a stage's loss terms on a fixed set of batches (drawn once with a seed, the same before and after
// training), to check that training lowers them.
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../../config/architectures.js';
import type { UMamba2 } from '../../model/umamba2.js';
import type { TrainerConfig } from '../../train/config.js';
import { patchPipeline, type TrainingData } from '../../train/data.js';
import type { TrainerContext } from '../../train/hooks.js';
import { createRng } from '../../util/rng.js';
import { asScan } from '../data.js';
import { daeHooks, type DaeBatch } from '../dae/hooks.js';
import type { SemiBatch } from '../semi-hooks.js';
import { semiSupervisedHooks } from '../semi-hooks.js';
import type { DaeSettings, SemiSupervisedSettings } from '../settings.js';

/** A minimal trainer context for evaluating hooks outside the loop (iteration 0). */
export function testContext(
  model: UMamba2,
  architecture: ArchitectureConfig,
  config: TrainerConfig,
  data: TrainingData,
): TrainerContext {
  return {
    config,
    architecture,
    model,
    ops: undefined as never,
    data,
    pipeline: patchPipeline(config, architecture.patchSize),
    state: {
      iteration: 0,
      dataRng: [1, 2, 3, 4],
      ema: { ema: null, best: null, bestEpoch: null },
      history: [],
      epochLoss: { sums: {}, count: 0 },
      hook: {},
    },
    save: () => {},
  };
}

/** Mean of each loss term over `n` fixed semi-supervised batches (seeded) for the model's current weights. */
export function semiObjective(
  model: UMamba2,
  config: TrainerConfig,
  data: TrainingData,
  s: SemiSupervisedSettings,
  n: number,
  seed = 99,
): Record<string, number> {
  const ctx = testContext(model, model.config, config, data);
  const hooks = semiSupervisedHooks(s, data.unlabeled);
  const loss = hooks.buildLoss(ctx);
  const rng = createRng(seed);
  const sums: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const b = hooks.nextBatch(ctx, rng, 0) as SemiBatch;
    const kind = b.kind === 'labeled' ? 'labeled' : b.mode;
    const r = tf.tidy(() => {
      const t = loss(model, b, ctx);
      return Object.fromEntries(Object.entries(t.terms!).map(([k, v]) => [k, v.dataSync()[0]!]));
    });
    hooks.disposeBatch(b);
    const add = (k: string, v: number) => {
      sums[k] = (sums[k] ?? 0) + v;
      counts[k] = (counts[k] ?? 0) + 1;
    };
    if (kind === 'labeled') add('supervised', r['ce']! + r['dice']!);
    else if (kind === 'consistency') add('consistency', r['consistency']!);
    else add('pseudoLabel', r['pseudoLabel']!);
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / counts[k]!]));
}

/** Mean reconstruction L1 over `n` fixed corrupted batches of the training scans. */
export function daeObjective(
  model: UMamba2,
  config: TrainerConfig,
  data: TrainingData,
  s: DaeSettings,
  n: number,
  seed = 99,
): number {
  const scans = [...data.train.map(asScan), ...data.unlabeled];
  const ctx = testContext(model, model.config, config, data);
  const hooks = daeHooks(s, scans, []);
  const loss = hooks.buildLoss(ctx);
  const rng = createRng(seed);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const b = hooks.nextBatch(ctx, rng, 0) as DaeBatch;
    sum += tf.tidy(() => loss(model, b, ctx).total.dataSync()[0]!);
    hooks.disposeBatch(b);
  }
  return sum / n;
}
