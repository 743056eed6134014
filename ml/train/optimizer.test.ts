// SGD (PyTorch semantics), global-norm clipping, LR schedules and the config validator, against hand-computed
// values (cpu backend).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { resolveTrainerConfig, STSR_TRAINER, totalIterations } from './config.js';
import { learningRateAt, scheduledLr } from './lr-schedule.js';
import { clipGlobalNorm, createSgd } from './optimizer.js';

before(async () => {
  await tf.setBackend('cpu');
});

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('SGD Nesterov with weight decay follows torch.optim.SGD step by step', () => {
  const p = tf.variable(tf.tensor1d([1, -2]), true);
  const params = new Map([['w', p]]);
  const opt = createSgd(params, { momentum: 0.9, nesterov: true, weightDecay: 0.1 });
  // Hand computation (float64) of PyTorch's update for two steps with constant gradient g = [0.5, 0.25], lr 0.1.
  let w = [1, -2];
  let buf = [0, 0];
  const g = [0.5, 0.25];
  for (let s = 0; s < 2; s++) {
    opt.step(new Map([['w', tf.tensor1d(g)]]), 0.1);
    const gd = w.map((wi, i) => g[i]! + 0.1 * wi); // weight decay added to the gradient
    buf = buf.map((b, i) => 0.9 * b + gd[i]!); // first step: buf = g (zero start)
    const d = gd.map((gi, i) => gi + 0.9 * buf[i]!); // nesterov
    w = w.map((wi, i) => wi - 0.1 * d[i]!);
    const got = p.dataSync();
    w.forEach((v, i) => close(got[i]!, v, 1e-6, `step ${s + 1} w[${i}]`));
  }
  // Step 1 by hand: gd = [0.6, 0.05], buf = gd, d = 1.9·gd = [1.14, 0.095], w = [0.886, −2.0095].
  const state = opt.stateTensors();
  assert.deepEqual([...state.keys()], ['momentum:w']);
  // Loading the state into a fresh optimizer continues identically.
  const q = tf.variable(tf.tensor(p.dataSync(), [2]), true);
  const opt2 = createSgd(new Map([['w', q]]), { momentum: 0.9, nesterov: true, weightDecay: 0.1 });
  opt2.loadState(
    new Map([['momentum:w', { shape: [2], values: Float32Array.from(state.get('momentum:w')!.dataSync()) }]]),
  );
  opt.step(new Map([['w', tf.tensor1d(g)]]), 0.05);
  opt2.step(new Map([['w', tf.tensor1d(g)]]), 0.05);
  assert.deepEqual(Array.from(q.dataSync()), Array.from(p.dataSync()));
  assert.throws(() => opt2.loadState(new Map()), /lacks momentum:w/);
  opt.dispose();
  opt2.dispose();
  tf.dispose([p, q]);
});

test('first SGD step by hand: w = [0.886, -2.0095]', () => {
  const p = tf.variable(tf.tensor1d([1, -2]), true);
  const opt = createSgd(new Map([['w', p]]), { momentum: 0.9, nesterov: true, weightDecay: 0.1 });
  opt.step(new Map([['w', tf.tensor1d([0.5, 0.25])]]), 0.1);
  const got = p.dataSync();
  close(got[0]!, 0.886, 1e-6, 'w0');
  close(got[1]!, -2.0095, 1e-6, 'w1');
  opt.dispose();
  p.dispose();
});

test('global norm clipping: PyTorch clip_grad_norm_ coefficient over all gradients', () => {
  const grads = new Map<string, tf.Tensor>([
    ['a', tf.tensor1d([3, 0])],
    ['b', tf.tensor1d([0, 4])],
  ]);
  const r = clipGlobalNorm(grads, 2);
  close(r.norm, 5, 1e-6, 'norm');
  close(r.scale, 2 / (5 + 1e-6), 1e-9, 'scale');
  close(grads.get('a')!.dataSync()[0]!, (3 * 2) / (5 + 1e-6), 1e-6, 'a0');
  close(grads.get('b')!.dataSync()[1]!, (4 * 2) / (5 + 1e-6), 1e-6, 'b1');
  const small = new Map<string, tf.Tensor>([['a', tf.tensor1d([0.3, 0.4])]]);
  const before = small.get('a')!;
  assert.equal(clipGlobalNorm(small, 12).scale, 1);
  assert.equal(small.get('a'), before, 'below the limit the gradients are untouched');
  tf.dispose([...grads.values(), ...small.values()]);
});

test('poly LR (exponent 0.9) per epoch, linear decay, and the STSR/nnU-Net defaults', () => {
  close(scheduledLr({ kind: 'poly', exponent: 0.9 }, 0.01, 0, 1000), 0.01, 1e-15, 'poly e0');
  close(scheduledLr({ kind: 'poly', exponent: 0.9 }, 0.01, 500, 1000), 0.01 * 0.5 ** 0.9, 1e-15, 'poly e500');
  close(
    scheduledLr({ kind: 'poly', exponent: 0.9 }, 0.01, 999, 1000),
    0.01 * 0.001 ** 0.9,
    1e-15,
    'poly e999',
  );
  close(scheduledLr({ kind: 'linear', finalFactor: 0.01 }, 1e-3, 499, 500), 1e-5, 1e-15, 'linear end');
  close(scheduledLr({ kind: 'linear', finalFactor: 0.01 }, 1e-3, 600, 500), 1e-5, 1e-15, 'linear clamps');
  const c = resolveTrainerConfig({ epochs: 4, iterationsPerEpoch: 3 });
  assert.deepEqual(
    Array.from({ length: totalIterations(c) }, (_, i) => learningRateAt(c, i)),
    [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3].map((e) => 0.01 * (1 - e / 4) ** 0.9),
    'the LR changes once per epoch',
  );
  const d = resolveTrainerConfig();
  assert.equal(d.optimizer.momentum, 0.99);
  assert.equal(d.optimizer.nesterov, true);
  assert.equal(d.optimizer.weightDecay, 3e-5);
  assert.equal(d.optimizer.initialLr, 1e-2);
  assert.equal(d.gradClipNorm, 12);
  const s = resolveTrainerConfig(STSR_TRAINER);
  assert.equal(s.batchSize, 1);
  assert.deepEqual(s.accumulation, { steps: 2, mode: 'mean' });
  assert.equal(s.validation.iterations, 10);
  assert.equal(s.validation.emaMomentum, 0.9, 'nested sections merge with the defaults');
});

test('config validation lists every problem', () => {
  assert.throws(
    () =>
      resolveTrainerConfig({
        epochs: 0,
        accumulation: { steps: 1.5 },
        optimizer: { momentum: 1 },
        sampling: { foregroundProbability: 2 },
        augmentation: { mirror: { axes: [3] } },
      }),
    (err: Error) =>
      /epochs must be a positive integer/.test(err.message) &&
      /accumulation\.steps/.test(err.message) &&
      /optimizer\.momentum/.test(err.message) &&
      /foregroundProbability/.test(err.message) &&
      /augmentation: mirror\.axes/.test(err.message),
  );
});
