// The stock training step: forward/backward over `accumulation.steps` micro-batches, gradients summed in
// persistent tensors (real accumulation), averaged, clipped to the global norm, one optimizer update.
//
// Reference: spec §3.2 (intended behaviour: the gradient of a step is the mean over its micro-batches, so k
// micro-batches of b samples equal one batch of k·b samples when the loss is a per-sample mean) and nnU-Net
// `train_step` (backward → clip_grad_norm_(12) → optimizer.step()).
// 'reference-defect' mode reproduces the released STSR trainer: the gradient of every micro-batch but the last is
// discarded (zero_grad before the last backward) and the loss is divided by the number of micro-batches.
import * as tf from '@tensorflow/tfjs';
import { clipGlobalNorm } from './optimizer.js';
import type { StepInputs, StepReport, TrainerContext, TrainerHooks } from './hooks.js';

/** Gradients of one micro-batch's loss w.r.t. every model parameter, by parameter name, plus the loss terms. */
export function microBatchGradients<B>(
  ctx: TrainerContext,
  inputs: Pick<StepInputs<B>, 'loss'>,
  batch: B,
): { grads: Map<string, tf.Tensor>; terms: Record<string, number> } {
  const entries = ctx.model.parameters();
  const byVar = new Map(entries.map(([n, v]) => [v.name, n]));
  const kept: Record<string, tf.Scalar> = {};
  const { value, grads } = tf.variableGrads(
    () => {
      const r = inputs.loss(ctx.model, batch, ctx);
      for (const [k, t] of Object.entries(r.terms ?? {})) kept[k] = tf.keep(t);
      return r.total;
    },
    entries.map(([, v]) => v),
  );
  const terms: Record<string, number> = { total: value.dataSync()[0]! };
  for (const [k, t] of Object.entries(kept)) terms[k] = t.dataSync()[0]!;
  tf.dispose([value, ...Object.values(kept)]);
  const out = new Map<string, tf.Tensor>();
  for (const [vn, g] of Object.entries(grads)) {
    const name = byVar.get(vn);
    if (name === undefined) {
      g.dispose();
      continue;
    }
    out.set(name, g);
  }
  return { grads: out, terms };
}

/** The default `trainStep` hook. */
export function accumulateAndStep<B>(
  ctx: TrainerContext,
  inputs: StepInputs<B>,
  hooks: Pick<TrainerHooks<B>, 'nextBatch' | 'disposeBatch'>,
): StepReport {
  const { steps, mode } = ctx.config.accumulation;
  let acc = new Map<string, tf.Tensor>();
  const sums: Record<string, number> = {};
  for (let m = 0; m < steps; m++) {
    const batch = hooks.nextBatch(ctx, inputs.rng, m);
    let r: ReturnType<typeof microBatchGradients<B>>;
    try {
      r = microBatchGradients(ctx, inputs, batch);
    } finally {
      hooks.disposeBatch(batch);
    }
    for (const [k, v] of Object.entries(r.terms)) sums[k] = (sums[k] ?? 0) + v;
    if (mode === 'reference-defect' && m < steps - 1) {
      r.grads.forEach((g) => g.dispose());
      continue;
    }
    if (acc.size === 0) {
      acc = r.grads;
    } else {
      for (const [n, g] of r.grads) {
        const prev = acc.get(n);
        acc.set(n, prev ? tf.add(prev, g) : g);
        if (prev) {
          prev.dispose();
          g.dispose();
        }
      }
    }
  }
  if (steps > 1) {
    for (const [n, g] of acc) {
      acc.set(n, tf.div(g, steps));
      g.dispose();
    }
  }
  // Parameters without a gradient (not on the loss path) get zeros, so the optimizer still decays them.
  for (const [n, v] of ctx.model.parameters()) if (!acc.has(n)) acc.set(n, tf.zerosLike(v));
  try {
    const { norm } = clipGlobalNorm(acc, ctx.config.gradClipNorm);
    inputs.optimizer.step(acc, inputs.lr);
    const loss: Record<string, number> = {};
    for (const [k, v] of Object.entries(sums)) loss[k] = v / steps;
    return { loss, gradNorm: norm, samples: steps * ctx.config.batchSize };
  } finally {
    acc.forEach((g) => g.dispose());
  }
}
