// The stock (supervised) hooks: Dice + CE with deep supervision, SGD Nesterov, augmented labelled patches,
// accumulate-and-step, and validation with the pseudo-Dice EMA choosing the best checkpoint.
//
// Reference: spec §3.3 (L_S), §3.4 (data), §3.9 (validation / checkpoint selection).
import * as tf from '@tensorflow/tfjs';
import { supervisedLoss } from '../losses/deep-supervision.js';
import { createRng } from '../util/rng.js';
import type { LabeledBatch } from './data.js';
import { disposeBatch, drawLabeledBatch, drawValidationBatch } from './data.js';
import type { EpochRecord, LossFn, TrainerContext, TrainerHooks } from './hooks.js';
import { createSgd } from './optimizer.js';
import { addCounts, emptyCounts, pseudoDice, updateEma } from './pseudo-dice.js';
import { accumulateAndStep } from './step.js';

/** L_S = DS-weighted CE + DS-weighted (−Dice); both terms are logged. */
export function supervisedLossFn(ctx: TrainerContext): LossFn<LabeledBatch> {
  const { weightCe, weightDice, deepSupervision } = ctx.config.loss;
  return (model, batch) => {
    const outputs = model.forward(batch.image, { deepSupervision });
    const ce = supervisedLoss(outputs, batch.label, { weightCe, weightDice: 0 });
    const dice = supervisedLoss(outputs, batch.label, { weightCe: 0, weightDice });
    return { total: tf.add(ce, dice) as tf.Scalar, terms: { ce, dice } };
  };
}

/** Seed of the validation generator of `epoch` (independent of the training stream, so resuming needs no state). */
export function validationSeed(seed: number, epoch: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(epoch + 1, 0x9e3779b1)) >>> 0;
}

/** Validation loss and pseudo Dice over `config.validation.iterations` random patches of the val cases. */
export function validate(
  ctx: TrainerContext,
  epoch: number,
): { loss: number; pseudoDice: number[]; meanPseudoDice: number } | null {
  const n = ctx.config.validation.iterations;
  if (n === 0 || ctx.data.val.length === 0) return null;
  const rng = createRng(validationSeed(ctx.config.seed, epoch));
  const counts = emptyCounts(ctx.architecture.numClasses);
  const { weightCe, weightDice, deepSupervision } = ctx.config.loss;
  let lossSum = 0;
  for (let i = 0; i < n; i++) {
    const batch = drawValidationBatch(ctx.data.val, ctx.pipeline, ctx.config.batchSize, rng);
    const [loss, full] = tf.tidy(() => {
      const outputs = ctx.model.forward(batch.image, { deepSupervision });
      return [supervisedLoss(outputs, batch.label, { weightCe, weightDice }), outputs[0]!];
    });
    lossSum += loss.dataSync()[0]!;
    addCounts(counts, full, batch.label);
    tf.dispose([loss, full]);
    disposeBatch(batch);
  }
  const pd = pseudoDice(counts);
  return { loss: lossSum / n, pseudoDice: pd.perClass, meanPseudoDice: pd.mean };
}

/** Default end of epoch: validate, fold the mean pseudo Dice into the EMA, write 'best' when it improves. */
export function supervisedEpochEnd(
  ctx: TrainerContext,
  epoch: number,
  train: Record<string, number>,
  lr: number,
): EpochRecord {
  const val = validate(ctx, epoch);
  let best = false;
  if (val) {
    const u = updateEma(ctx.state.ema, val.meanPseudoDice, epoch, ctx.config.validation.emaMomentum);
    ctx.state.ema = u.state;
    best = u.improved;
    if (best) {
      ctx.save({
        name: 'best',
        resumable: false,
        metrics: { epoch, emaPseudoDice: u.state.ema!, meanPseudoDice: val.meanPseudoDice },
      });
    }
  }
  return { epoch, train, val, ema: ctx.state.ema.ema, best, lr };
}

export function supervisedHooks(): TrainerHooks<LabeledBatch> {
  return {
    buildLoss: supervisedLossFn,
    buildOptimizer: (ctx) => createSgd(ctx.model.params, ctx.config.optimizer),
    nextBatch: (ctx, rng) => drawLabeledBatch(ctx.data.train, ctx.pipeline, ctx.config.batchSize, rng),
    disposeBatch,
    trainStep: (ctx, inputs, hooks) => accumulateAndStep(ctx, inputs, hooks),
    onEpochEnd: supervisedEpochEnd,
  };
}
