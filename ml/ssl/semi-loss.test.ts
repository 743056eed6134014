// The stage 2/3 loss per micro-batch kind (spec §3.2, §3.7, §3.8): labelled → L_S; consistency → ω·L_CR with the
// perturbed strong view against the weak view's logits; pseudo label → W_PL·L_PL; the unlabelled loss is scaled by
// the micro-batch count only in 'reference-defect' accumulation (the reference divides only L_S); [P]'s L1 switch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { consistencyLoss, pseudoLabelLoss, supervisedLoss } from '../losses/index.js';
import { buildUMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { createRng } from '../util/rng.js';
import { perturbedForward } from './perturb/feature.js';
import { TEST_PRESET } from './presets.js';
import type { SemiBatch, UnlabeledBatch } from './semi-hooks.js';
import { semiSupervisedLoss } from './semi-hooks.js';
import { resolveSemiSupervised } from './settings.js';
import { stageTrainerConfig } from './stage-config.js';
import { smallSslData, TINY16 } from './testing/fixtures.js';
import { testContext } from './testing/objective.js';

const data = smallSslData(1, 1);
const model = buildUMamba2(TINY16, createOps('cpu'), { seed: 1 });
const x = () => tf.randomNormal([1, 16, 16, 16, 1], 0, 1, 'float32', 5) as tf.Tensor5D;
const value = (t: tf.Scalar) => t.dataSync()[0]!;

function unlabeled(mode: UnlabeledBatch['mode']): UnlabeledBatch {
  const weak = x();
  const strong = tf.mul(weak, 1.1) as tf.Tensor5D;
  return { kind: 'unlabeled', mode, weak, strong, targets: model.forward(weak), omega: 7, perturbSeed: 3 };
}

for (const mode of ['mean', 'reference-defect'] as const) {
  test(`loss per micro-batch kind, accumulation '${mode}'`, () => {
    const config = stageTrainerConfig('pseudolabel', TEST_PRESET, 1, { accumulation: { steps: 2, mode } });
    const ctx = testContext(model, TINY16, config, data);
    const s = resolveSemiSupervised('pseudolabel');
    const loss = semiSupervisedLoss(ctx, s);
    const scale = mode === 'mean' ? 1 : 2;

    const lab: SemiBatch = {
      kind: 'labeled',
      image: x(),
      label: tf.randomUniform([1, 16, 16, 16, 1], 0, 3, 'int32', 6) as tf.Tensor5D,
    };
    const l = loss(model, lab, ctx);
    assert.ok(Math.abs(value(l.total) - value(supervisedLoss(model.forward(lab.image), lab.label))) < 1e-5);
    assert.equal(value(l.terms!['unlabeled']!), 0);

    const c = unlabeled('consistency');
    const lc = loss(model, c, ctx);
    const cr = consistencyLoss(perturbedForward(model, c.strong!, s.features, createRng(3)), c.targets!);
    assert.ok(Math.abs(value(lc.terms!['consistency']!) - value(cr)) < 1e-7);
    assert.ok(Math.abs(value(lc.total) - scale * 7 * value(cr)) < 1e-5);
    assert.equal(value(lc.terms!['omega']!), 7);

    const p = unlabeled('pseudolabel');
    const lp = loss(model, p, ctx);
    const pl = pseudoLabelLoss(model.forward(p.weak));
    assert.ok(Math.abs(value(lp.total) - scale * 0.1 * value(pl)) < 1e-6);
    assert.equal(value(lp.terms!['pseudoLabelStep']!), 1);
  });
}

test("[P]'s L1 consistency is a switch", () => {
  const config = stageTrainerConfig('consistency', TEST_PRESET, 1);
  const ctx = testContext(model, TINY16, config, data);
  const c = unlabeled('consistency');
  const mse = value(
    semiSupervisedLoss(ctx, resolveSemiSupervised('consistency'))(model, c, ctx).terms!['consistency']!,
  );
  const l1 = value(
    semiSupervisedLoss(ctx, resolveSemiSupervised('consistency', { consistency: { loss: 'l1' } }))(
      model,
      c,
      ctx,
    ).terms!['consistency']!,
  );
  assert.ok(l1 > mse && l1 > 0, `L1 ${l1} vs MSE ${mse}`);
  assert.throws(
    () => resolveSemiSupervised('consistency', { consistency: { loss: 'huber' as never } }),
    /loss/,
  );
});
