// Trainer hooks of stages 2 (consistency) and 3 (pseudo labels): the stock loop, with `nextBatch` choosing a
// labelled or an unlabelled micro-batch by a Bernoulli draw and `buildLoss` dispatching on the batch kind.
//
// Reference: spec §3.2 (per micro-batch: u ~ U(0, 1) < P_unlabelled(epoch) → one unlabelled step, else one
// labelled step; batches are entirely one kind; the sum L_S + ω·L_CR is realised stochastically across
// iterations), §3.7 (consistency: target = the network on the weak view without gradient and without
// perturbation, prediction = the strong view through the feature-perturbed network, softmax MSE over every DS
// level, times ω(t)), §3.8 (stage 3: an unlabelled micro-batch is a pseudo-label step with probability 0.25: the
// weak view only, one forward pass with gradient, targets from that same pass, times W_PL = 0.1).
// Loss scale: in 'reference-defect' accumulation mode the unlabelled loss is multiplied by the number of
// micro-batches, because the reference divides only the labelled loss by it (spec §3.2 step 3) while the trainer
// scales every micro-batch; in 'mean' mode (the intended behaviour, the default) all micro-batches are averaged,
// which keeps the paper's ratio L_S : ω·L_CR.
// Deviation: in 'mean' mode the unlabelled loss is averaged over the micro-batches like the labelled one (the
// intended batch-2 semantics, ratio L_S : ω·L_CR as in [P] Eq. 1); the reference's effective ratio is L_S/2 : ω·L_CR.
// The weak view's logits (consistency targets) are computed in `nextBatch`, outside the gradient tape — the same
// values as the reference's no_grad forward, without keeping its activations for the backward pass.
// Logged terms per micro-batch (0 when the micro-batch is of another kind): ce, dice, consistency (unweighted
// L_CR), pseudoLabel (unweighted L_PL), omega, and the indicators unlabeled and pseudoLabelStep.
import * as tf from '@tensorflow/tfjs';
import { consistencyLoss, deepSupervise, pseudoLabelLoss } from '../losses/index.js';
import { stopGradient } from '../losses/targets.js';
import type { LabeledBatch } from '../train/data.js';
import { disposeBatch, drawLabeledBatch } from '../train/data.js';
import type { LossFn, LossTerms, TrainerContext, TrainerHooks } from '../train/hooks.js';
import { accumulateAndStep } from '../train/step.js';
import { supervisedHooks, supervisedLossFn } from '../train/supervised.js';
import { createRng } from '../util/rng.js';
import type { PreparedScan } from './data.js';
import { drawUnlabeledViews } from './data.js';
import { perturbedForward } from './perturb/feature.js';
import { consistencyWeightAt, microBatchIndex, unlabeledProbability } from './schedules.js';
import type { SemiSupervisedSettings } from './settings.js';

export interface UnlabeledBatch {
  kind: 'unlabeled';
  mode: 'consistency' | 'pseudolabel';
  weak: tf.Tensor5D;
  /** Consistency steps: the strong view and the weak view's logits (computed without gradient). */
  strong: tf.Tensor5D | null;
  targets: tf.Tensor5D[] | null;
  /** ω(t) of this micro-batch. */
  omega: number;
  /** Seed of the feature perturbations. */
  perturbSeed: number;
}

export type SemiBatch = LabeledBatch | UnlabeledBatch;

/** mean |softmax(prediction) − softmax(target)| ([P]'s L1 variant). */
function softmaxL1(prediction: tf.Tensor5D, target: tf.Tensor5D): tf.Scalar {
  return tf.tidy(() => {
    const q = stopGradient(target, (t) => tf.softmax(t));
    return tf.mean(tf.abs(tf.sub(tf.softmax(prediction), q))) as tf.Scalar;
  });
}

const TERMS = ['ce', 'dice', 'consistency', 'pseudoLabel', 'omega', 'unlabeled', 'pseudoLabelStep'] as const;

function withAllTerms(total: tf.Scalar, given: Record<string, tf.Scalar | number>): LossTerms {
  const terms: Record<string, tf.Scalar> = {};
  for (const k of TERMS) {
    const v = given[k] ?? 0;
    terms[k] = typeof v === 'number' ? tf.scalar(v) : v;
  }
  return { total, terms };
}

export function semiSupervisedLoss(ctx: TrainerContext, s: SemiSupervisedSettings): LossFn<SemiBatch> {
  const supervised = supervisedLossFn(ctx);
  const ds = ctx.config.loss.deepSupervision;
  const scale = ctx.config.accumulation.mode === 'reference-defect' ? ctx.config.accumulation.steps : 1;
  return (model, batch, c) => {
    if (batch.kind === 'labeled') {
      const r = supervised(model, batch, c);
      return withAllTerms(r.total, { ...r.terms });
    }
    if (batch.mode === 'pseudolabel') {
      const outputs = model.forward(batch.weak, { deepSupervision: ds });
      const pl = pseudoLabelLoss(outputs, { threshold: s.pseudoLabel.threshold });
      const total = tf.mul(pl, s.pseudoLabel.weight * scale) as tf.Scalar;
      return withAllTerms(total, { pseudoLabel: pl, unlabeled: 1, pseudoLabelStep: 1 });
    }
    const preds = perturbedForward(model, batch.strong!, s.features, createRng(batch.perturbSeed), {
      deepSupervision: ds,
    });
    const cr =
      s.consistency.loss === 'mse'
        ? consistencyLoss(preds, batch.targets!)
        : deepSupervise(preds, batch.targets!, softmaxL1);
    const total = tf.mul(cr, batch.omega * scale) as tf.Scalar;
    return withAllTerms(total, { consistency: cr, omega: batch.omega, unlabeled: 1 });
  };
}

export function disposeSemiBatch(b: SemiBatch): void {
  if (b.kind === 'labeled') return disposeBatch(b);
  tf.dispose([b.weak, ...(b.strong ? [b.strong] : []), ...(b.targets ?? [])]);
}

/** The probability that a micro-batch of optimizer step `iteration` is unlabelled. */
export function unlabeledProbabilityAt(
  ctx: Pick<TrainerContext, 'config'>,
  s: SemiSupervisedSettings,
  iteration: number,
) {
  const epoch = Math.floor(iteration / ctx.config.iterationsPerEpoch);
  return unlabeledProbability(s.unlabeled, epoch, ctx.config.epochs);
}

export function semiSupervisedHooks(
  s: SemiSupervisedSettings,
  unlabeled: readonly PreparedScan[],
): TrainerHooks<SemiBatch> {
  const base = supervisedHooks();
  return {
    buildLoss: (ctx) => semiSupervisedLoss(ctx, s),
    buildOptimizer: base.buildOptimizer,
    nextBatch(ctx, rng, micro) {
      const it = ctx.state.iteration;
      if (!(rng.next() < unlabeledProbabilityAt(ctx, s, it)))
        return drawLabeledBatch(ctx.data.train, ctx.pipeline, ctx.config.batchSize, rng);
      const pseudo = rng.chance(s.pseudoLabel.probability);
      const views = drawUnlabeledViews(
        unlabeled,
        ctx.pipeline,
        ctx.config.batchSize,
        rng,
        pseudo ? null : s.strong,
      );
      const perturbSeed = rng.int(0, 0x7fffffff);
      const omega = consistencyWeightAt(s.consistency, ctx.config, microBatchIndex(ctx.config, it, micro));
      const deepSupervision = ctx.config.loss.deepSupervision;
      const targets = pseudo ? null : tf.tidy(() => ctx.model.forward(views.weak, { deepSupervision }));
      return {
        kind: 'unlabeled',
        mode: pseudo ? 'pseudolabel' : 'consistency',
        ...views,
        targets,
        omega,
        perturbSeed,
      };
    },
    disposeBatch: disposeSemiBatch,
    trainStep: (ctx, inputs, hooks) => accumulateAndStep(ctx, inputs, hooks),
    onEpochEnd: base.onEpochEnd,
  };
}
