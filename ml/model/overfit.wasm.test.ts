// End-to-end check on wasm: a `tiny` U-Mamba2 overfits one synthetic patch (a "tooth" sphere with a
// "pulp" core in noise) to a tooth Dice above 0.9 within a bounded number of Adam steps. The loss
// (cross-entropy + soft Dice, deep supervision) is written out here so the test depends on nothing
// but the model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { getArchitecture } from '../config/architectures.js';
import { createOps } from '../runtime/ops/index.js';
import { createRng } from '../util/rng.js';
import { buildUMamba2 } from './umamba2.js';

const N = 16;
const MAX_STEPS = 80;

/** Image [1, N, N, N, 1] and labels [N³] (0 background, 1 tooth shell, 2 pulp). */
function spherePatch(seed: number) {
  const rng = createRng(seed);
  const img = new Float32Array(N ** 3);
  const lab = new Int32Array(N ** 3);
  const c = [7.5, 8.2, 7.1];
  for (let d = 0; d < N; d++)
    for (let h = 0; h < N; h++)
      for (let w = 0; w < N; w++) {
        const i = (d * N + h) * N + w;
        const r = Math.hypot(d - c[0]!, h - c[1]!, w - c[2]!);
        lab[i] = r < 2.5 ? 2 : r < 5.5 ? 1 : 0;
        img[i] = (lab[i] === 1 ? 1.5 : lab[i] === 2 ? 0.5 : 0) + rng.normal(0, 0.3);
      }
  return { img, lab };
}

function dice(pred: Int32Array, lab: Int32Array, k: number): number {
  let inter = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < lab.length; i++) {
    const p = pred[i] === k;
    const l = lab[i] === k;
    inter += p && l ? 1 : 0;
    a += p ? 1 : 0;
    b += l ? 1 : 0;
  }
  return (2 * inter) / Math.max(1, a + b);
}

/** CE + soft Dice (foreground classes) of logits [1, D, H, W, K] against one-hot targets of the same shape. */
function segLoss(logits: tf.Tensor5D, onehot: tf.Tensor5D): tf.Scalar {
  return tf.tidy(() => {
    const ce = tf.losses.softmaxCrossEntropy(onehot.reshape([-1, 3]), logits.reshape([-1, 3]));
    const p = tf.softmax(logits);
    const inter = tf.sum(tf.mul(p, onehot), [0, 1, 2, 3]);
    const denom = tf.add(tf.sum(p, [0, 1, 2, 3]), tf.sum(onehot, [0, 1, 2, 3]));
    const softDice = tf.div(tf.add(tf.mul(inter, 2), 1e-5), tf.add(denom, 1e-5));
    return tf.add(ce, tf.sub(1, tf.mean(tf.slice(softDice, [1], [2])))) as tf.Scalar;
  });
}

test('wasm: a tiny U-Mamba2 overfits one synthetic patch (tooth Dice > 0.9)', async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  assert.ok(await tf.setBackend('wasm'));
  const model = buildUMamba2(getArchitecture('tiny', { patchSize: [N, N, N] }), createOps('wasm'), {
    seed: 42,
  });
  const { img, lab } = spherePatch(7);
  const x = tf.tensor5d(img, [1, N, N, N, 1]);
  const full = tf.oneHot(tf.tensor1d(lab, 'int32'), 3).reshape([1, N, N, N, 3]) as tf.Tensor5D;
  // Deep-supervision target at half resolution: nearest (every second voxel), as nnU-Net's downsampling.
  const half = tf.tidy(() => {
    const l = tf.tensor(lab, [N, N, N], 'int32');
    const sub = tf.gather(
      tf.gather(tf.gather(l, tf.range(0, N, 2, 'int32'), 0), tf.range(0, N, 2, 'int32'), 1),
      tf.range(0, N, 2, 'int32'),
      2,
    );
    return tf.oneHot(sub.reshape([-1]), 3).reshape([1, N / 2, N / 2, N / 2, 3]) as tf.Tensor5D;
  });
  const opt = tf.train.adam(0.01);
  const vars = [...model.params.values()];
  let toothDice = 0;
  let steps = 0;
  let tensorsAfterFirstStep = 0;
  for (steps = 1; steps <= MAX_STEPS; steps++) {
    opt.minimize(
      () => {
        const [o0, o1] = model.forward(x);
        return tf.add(tf.mul(segLoss(o0!, full), 2 / 3), tf.mul(segLoss(o1!, half), 1 / 3)) as tf.Scalar;
      },
      false,
      vars,
    );
    if (steps === 1) tensorsAfterFirstStep = tf.memory().numTensors;
    if (steps % 10 === 0) {
      const pred = tf.tidy(() =>
        tf.argMax(model.forward(x, { deepSupervision: false })[0]!, 4).reshape([-1]),
      );
      toothDice = dice(pred.dataSync() as Int32Array, lab, 1);
      pred.dispose();
      if (toothDice > 0.9) break;
    }
  }
  assert.ok(toothDice > 0.9, `tooth Dice ${toothDice.toFixed(3)} after ${MAX_STEPS} steps`);
  assert.equal(tf.memory().numTensors, tensorsAfterFirstStep, 'a training step leaks tensors');
  console.log(`# overfit: tooth Dice ${toothDice.toFixed(3)} after ${steps} steps`);
  tf.dispose([x, full, half]);
  opt.dispose();
  model.dispose();
});
