// Trainer hooks of stage 1 (DAE pre-training): corrupted patches of every scan in, the clean patch as the target
// of an L1 reconstruction, AdamW with warm-up + cosine LR per step, gradient clipping from the trainer config
// (max-norm 1), validation by the reconstruction loss on held-out scans ('best' = lowest).
//
// Reference: spec §4.1–4.5 (`main_runner.py`): 1-channel output, deep supervision off, no activation on the
// reconstruction, L1 over all voxels, AdamW, timm cosine schedule stepped per iteration, `ckpt_best` by validation
// loss. The trainer's LR schedule is bypassed: its config carries the base LR (`optimizer.initialLr`) and a
// 'constant' schedule; `trainStep` uses `daeLearningRate` instead (also what progress reports).
// Deviation: validation uses the labelled validation split's scans (the reference loader keeps its own split).
// Deviation: step t uses lr(t); timm's `step_update` after step t makes step t use lr(t − 1) (one step earlier).
import * as tf from '@tensorflow/tfjs';
import { daeL1Loss } from '../../losses/index.js';
import type { Shape3 } from '../../data/preprocess/layout.js';
import type { TrainerConfig } from '../../train/config.js';
import type { EpochRecord, TrainerContext, TrainerHooks } from '../../train/hooks.js';
import { accumulateAndStep } from '../../train/step.js';
import { validationSeed } from '../../train/supervised.js';
import { createRng, type Rng } from '../../util/rng.js';
import type { PreparedScan } from '../data.js';
import { drawCleanPatches, stackImages } from '../data.js';
import type { DaeSettings } from '../settings.js';
import { createAdamW } from './adamw.js';
import { corruptBatch } from './corrupt.js';
import { warmupCosineLr } from './lr.js';

export interface DaeBatch {
  kind: 'dae';
  clean: tf.Tensor5D;
  corrupted: tf.Tensor5D;
}

type Counts = Pick<TrainerConfig, 'epochs' | 'iterationsPerEpoch' | 'optimizer'>;

/** LR of optimizer step `iteration` (0-based). */
export function daeLearningRate(c: Counts, s: DaeSettings, iteration: number): number {
  return warmupCosineLr(
    {
      baseLr: c.optimizer.initialLr,
      warmupLr: s.lr.warmupLr,
      minLr: s.lr.minLr,
      warmupSteps: Math.round(s.lr.warmupEpochs * c.iterationsPerEpoch),
      totalSteps: c.epochs * c.iterationsPerEpoch,
    },
    iteration,
  );
}

export function drawDaeBatch(
  scans: readonly PreparedScan[],
  patch: Shape3,
  batchSize: number,
  s: DaeSettings,
  rng: Rng,
): DaeBatch {
  const clean = drawCleanPatches(scans, patch, batchSize, rng);
  const { corrupted } = corruptBatch(clean, patch, s.corruption, rng);
  return { kind: 'dae', clean: stackImages(clean, patch), corrupted: stackImages(corrupted, patch) };
}

const disposeDae = (b: DaeBatch) => tf.dispose([b.clean, b.corrupted]);

/** Mean reconstruction L1 over `validation.iterations` corrupted batches of `scans` (seeded per epoch). */
export function daeValidationLoss(
  ctx: TrainerContext,
  s: DaeSettings,
  scans: readonly PreparedScan[],
  epoch: number,
) {
  const n = ctx.config.validation.iterations;
  if (n === 0 || scans.length === 0) return null;
  const rng = createRng(validationSeed(ctx.config.seed, epoch));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const b = drawDaeBatch(scans, ctx.architecture.patchSize, ctx.config.batchSize, s, rng);
    const l = tf.tidy(() =>
      daeL1Loss(ctx.model.forward(b.corrupted, { deepSupervision: false })[0]!, b.clean),
    );
    sum += l.dataSync()[0]!;
    l.dispose();
    disposeDae(b);
  }
  return sum / n;
}

export function daeHooks(
  s: DaeSettings,
  scans: readonly PreparedScan[],
  valScans: readonly PreparedScan[],
): TrainerHooks<DaeBatch> {
  return {
    buildLoss: () => (model, batch) => {
      const l1 = daeL1Loss(model.forward(batch.corrupted, { deepSupervision: false })[0]!, batch.clean);
      return { total: l1, terms: { l1 } };
    },
    buildOptimizer: (ctx) =>
      createAdamW(ctx.model.params, { ...s.adamw, weightDecay: ctx.config.optimizer.weightDecay }),
    nextBatch: (ctx, rng) => drawDaeBatch(scans, ctx.architecture.patchSize, ctx.config.batchSize, s, rng),
    disposeBatch: disposeDae,
    trainStep: (ctx, inputs, hooks) =>
      accumulateAndStep(ctx, { ...inputs, lr: daeLearningRate(ctx.config, s, ctx.state.iteration) }, hooks),
    onEpochEnd(ctx, epoch, train): EpochRecord {
      const lr = daeLearningRate(ctx.config, s, (epoch + 1) * ctx.config.iterationsPerEpoch - 1);
      const loss = daeValidationLoss(ctx, s, valScans, epoch);
      let best = false;
      if (loss !== null) {
        const prev = ctx.state.hook['bestValidationL1'];
        best = typeof prev !== 'number' || loss < prev;
        if (best) {
          ctx.state.hook['bestValidationL1'] = loss;
          ctx.save({ name: 'best', resumable: false, metrics: { epoch, validationL1: loss } });
        }
      }
      const val = loss === null ? null : { loss, pseudoDice: [], meanPseudoDice: Number.NaN };
      return { epoch, train, val, ema: null, best, lr };
    },
  };
}
