// Loss tests against the plain-loop float64 reference (reference.ts), run per backend by
// losses.{cpu,wasm}.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../runtime/backend.js';
import { createRng } from '../util/rng.js';
import {
  consistencyLoss,
  crossEntropyLoss,
  daeL1Loss,
  diceCeLoss,
  oneHotTargets,
  pseudoLabelLoss,
  pseudoLabels,
  resizeNearest,
  softDiceLoss,
  softmaxMseLoss,
  supervisedLoss,
} from './index.js';
import {
  ceRef,
  diceCeRef,
  diceRef,
  pseudoRef,
  resizeRef,
  softmaxMseRef,
  type Grid,
  type RefDiceOptions,
} from './reference.js';

type D3 = [number, number, number];

/** Seeded float32 logits (values exactly representable, so the float64 reference sees the same inputs). */
function randLogits(g: Grid, seed: number, scale = 1.5): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: g.b * g.d[0] * g.d[1] * g.d[2] * g.c }, () => rng.normal(0, scale));
}

function randLabels(g: Grid, seed: number, values: number[] = [0, 1, 2]): Int32Array {
  const rng = createRng(seed);
  return Int32Array.from(
    { length: g.b * g.d[0] * g.d[1] * g.d[2] },
    () => values[rng.int(0, values.length - 1)]!,
  );
}

const logitsT = (a: Float32Array, g: Grid) => tf.tensor(a, [g.b, ...g.d, g.c]) as tf.Tensor5D;
const labelsT = (a: Int32Array, g: Grid) => tf.tensor(a, [g.b, ...g.d, 1], 'int32') as tf.Tensor5D;
const scalar = (f: () => tf.Scalar) => tf.tidy(() => f().dataSync()[0]!);

function close(actual: number, expected: number, tol: number, label: string): void {
  assert.ok(Number.isFinite(actual), `${label}: not finite (${actual})`);
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${label}: ${actual} vs expected ${expected}`,
  );
}

/** tf gradient of loss(logits) against float64 central differences of the reference, element by element. */
function checkGrad(
  loss: (l: tf.Tensor5D) => tf.Scalar,
  ref: (l: Float64Array) => number,
  logits: Float32Array,
  g: Grid,
  label: string,
): void {
  const grad = tf.tidy(() =>
    tf
      .grad((l: tf.Tensor) => loss(l as tf.Tensor5D))(logitsT(logits, g))
      .dataSync(),
  );
  const x = Float64Array.from(logits);
  const eps = 1e-5;
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const keep = x[i]!;
    x[i] = keep + eps;
    const up = ref(x);
    x[i] = keep - eps;
    const down = ref(x);
    x[i] = keep;
    worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - grad[i]!));
  }
  assert.ok(worst < 2e-5, `${label}: max |analytic − finite difference| = ${worst}`);
}

export function runLossSuite(backend: 'cpu' | 'wasm'): void {
  test.before(async () => {
    // The project's own backend selection (on wasm it also installs the kernel fixes production uses).
    await selectBackend({ force: backend });
  });

  test(`${backend}: nearest resize follows the PyTorch index rules (integer and other ratios)`, () => {
    const din: D3 = [4, 6, 5];
    const b = 2;
    const lab = Int32Array.from({ length: b * 4 * 6 * 5 }, (_, i) => i);
    const cases: [D3, 'nearest' | 'nearest-exact'][] = [
      [[2, 3, 5], 'nearest-exact'],
      [[2, 3, 5], 'nearest'],
      [[1, 2, 1], 'nearest-exact'],
      [[3, 4, 2], 'nearest-exact'],
      [[3, 4, 2], 'nearest'],
    ];
    for (const [dout, mode] of cases) {
      const got = tf.tidy(() =>
        resizeNearest(tf.tensor(lab, [b, ...din, 1], 'float32') as tf.Tensor5D, dout, mode).dataSync(),
      );
      assert.deepEqual(
        Array.from(got),
        Array.from(resizeRef(lab, b, din, dout, mode)),
        `${dout.join('×')} ${mode}`,
      );
    }
  });

  test(`${backend}: soft Dice = −mean over (sample, foreground class), all options`, () => {
    const g: Grid = { b: 2, d: [2, 2, 3], c: 3 };
    const logits = randLogits(g, 1);
    const labels = randLabels(g, 2);
    const opts: RefDiceOptions[] = [{}, { batchDice: true }, { doBackground: true }, { smooth: 1 }];
    for (const o of opts) {
      const got = scalar(() => softDiceLoss(logitsT(logits, g), oneHotTargets(labelsT(labels, g), g.c), o));
      close(got, diceRef(logits, labels, g, o), 1e-5, `dice ${JSON.stringify(o)}`);
    }
    // A class absent from target and prediction contributes 0, not 1: perfect prediction, class 2 missing in
    // sample 1 → −(1 + 1 + 1 + 0)/4.
    const perfectLabels = Int32Array.from([0, 1, 2, 1, 0, 1, 1, 0]);
    const pg: Grid = { b: 2, d: [1, 2, 2], c: 3 };
    const perfect = Float32Array.from(
      Array.from(perfectLabels).flatMap((l) => [0, 1, 2].map((k) => (k === l ? 30 : -30))),
    );
    const got = scalar(() =>
      softDiceLoss(logitsT(perfect, pg), oneHotTargets(labelsT(perfectLabels, pg), 3)),
    );
    close(got, -0.75, 1e-6, 'absent class');
  });

  test(`${backend}: cross-entropy, with and without an ignore label`, () => {
    const g: Grid = { b: 2, d: [2, 3, 2], c: 3 };
    const logits = randLogits(g, 3);
    const labels = randLabels(g, 4);
    const ce = (ignore?: number, lab = labels) =>
      scalar(() => crossEntropyLoss(logitsT(logits, g), oneHotTargets(labelsT(lab, g), g.c, ignore)));
    close(ce(), ceRef(logits, labels, g), 1e-5, 'ce');
    close(ce(1), ceRef(logits, labels, g, 1), 1e-5, 'ce ignore 1');
    const with255 = randLabels(g, 4, [0, 1, 2, 255]);
    close(ce(255, with255), ceRef(logits, with255, g, 255), 1e-5, 'ce ignore 255');
    assert.equal(ce(0, new Int32Array(labels.length)), 0, 'everything ignored → 0');
  });

  test(`${backend}: Dice + CE compound and its weights`, () => {
    const g: Grid = { b: 2, d: [2, 2, 2], c: 3 };
    const logits = randLogits(g, 5);
    const labels = randLabels(g, 6);
    const l = () => logitsT(logits, g);
    close(
      scalar(() => diceCeLoss(l(), labelsT(labels, g))),
      diceCeRef(logits, labels, g),
      1e-5,
      'dc+ce',
    );
    close(
      scalar(() => diceCeLoss(l(), labelsT(labels, g), { ignoreLabel: 0 })),
      diceCeRef(logits, labels, g, { ignoreLabel: 0 }),
      1e-5,
      'dc+ce ignore 0',
    );
    close(
      scalar(() => diceCeLoss(l(), labelsT(labels, g), { weightCe: 0.5, weightDice: 2 })),
      0.5 * ceRef(logits, labels, g) + 2 * diceRef(logits, labels, g),
      1e-5,
      'weights',
    );
    const rank4 = tf.tensor(labels, [g.b, ...g.d], 'int32');
    close(
      scalar(() => diceCeLoss(l(), rank4)),
      diceCeRef(logits, labels, g),
      1e-5,
      'rank-4 int labels',
    );
    rank4.dispose();
  });

  test(`${backend}: Dice + CE gradient matches finite differences of the reference`, () => {
    const g: Grid = { b: 2, d: [1, 2, 3], c: 3 };
    const logits = randLogits(g, 7);
    const labels = randLabels(g, 8);
    const lab = labelsT(labels, g);
    checkGrad(
      (x) => diceCeLoss(x, lab),
      (x) => diceCeRef(x, labels, g),
      logits,
      g,
      'dc+ce',
    );
    checkGrad(
      (x) => diceCeLoss(x, lab, { ignoreLabel: 0 }),
      (x) => diceCeRef(x, labels, g, { ignoreLabel: 0 }),
      logits,
      g,
      'dc+ce ignore 0',
    );
    lab.dispose();
  });

  test(`${backend}: deep supervision: nearest-exact label pyramid, weights [2/3, 1/3, 0]`, () => {
    const full: Grid = { b: 2, d: [2, 4, 4], c: 3 };
    const levels: Grid[] = [full, { ...full, d: [1, 2, 2] }, { ...full, d: [1, 1, 1] }];
    const logits = levels.map((g, i) => randLogits(g, 10 + i));
    const labels = randLabels(full, 9);
    let expected = 0;
    [2 / 3, 1 / 3].forEach((w, i) => {
      const g = levels[i]!;
      expected += w * diceCeRef(logits[i]!, resizeRef(labels, full.b, full.d, g.d, 'nearest-exact'), g);
    });
    const outs = () => levels.map((g, i) => logitsT(logits[i]!, g));
    close(
      scalar(() => supervisedLoss(outs(), labelsT(labels, full))),
      expected,
      1e-5,
      'L_S',
    );
    // A single full-resolution output gets weight 1.
    close(
      scalar(() => supervisedLoss([logitsT(logits[0]!, full)], labelsT(labels, full))),
      diceCeRef(logits[0]!, labels, full),
      1e-5,
      'single output',
    );
  });

  test(`${backend}: consistency loss: softmax MSE per level, DS-weighted, no gradient into the target`, () => {
    const levels: Grid[] = [
      { b: 1, d: [2, 2, 2], c: 3 },
      { b: 1, d: [1, 1, 1], c: 3 },
    ];
    const pred = levels.map((g, i) => randLogits(g, 20 + i));
    const targ = levels.map((g, i) => randLogits(g, 30 + i));
    const g0 = levels[0]!;
    close(
      scalar(() => softmaxMseLoss(logitsT(pred[0]!, g0), logitsT(targ[0]!, g0))),
      softmaxMseRef(pred[0]!, targ[0]!, 3),
      1e-6,
      'softmax MSE',
    );
    const weights = [0.75, 0.25];
    const expected = weights.reduce((s, w, i) => s + w * softmaxMseRef(pred[i]!, targ[i]!, 3), 0);
    const args = () => [
      levels.map((g, i) => logitsT(pred[i]!, g)),
      levels.map((g, i) => logitsT(targ[i]!, g)),
    ];
    close(
      scalar(() => consistencyLoss(args()[0]!, args()[1]!, weights)),
      expected,
      1e-6,
      'L_CR',
    );
    const [gp, gt] = tf.tidy(() =>
      tf
        .grads((p: tf.Tensor, t: tf.Tensor) => softmaxMseLoss(p as tf.Tensor5D, t as tf.Tensor5D))([
          logitsT(pred[0]!, g0),
          logitsT(targ[0]!, g0),
        ])
        .map((x) => x.dataSync()),
    );
    assert.ok(
      gt!.every((v) => v === 0),
      'target gradient is zero',
    );
    assert.ok(
      gp!.some((v) => v !== 0),
      'prediction gradient is not zero',
    );
    checkGrad(
      (x) => softmaxMseLoss(x, logitsT(targ[0]!, g0)),
      (x) => softmaxMseRef(x, targ[0]!, 3),
      pred[0]!,
      g0,
      'mse',
    );
  });

  test(`${backend}: pseudo-label loss: threshold 0.75, background ignored, 'nearest' pyramid`, () => {
    const full: Grid = { b: 2, d: [2, 4, 4], c: 3 };
    const half: Grid = { ...full, d: [1, 2, 2] };
    const tiny: Grid = { ...full, d: [1, 1, 1] };
    const logits = randLogits(full, 40, 2.5);
    const pl = pseudoRef(logits, 3, 0.75);
    const confidentFg = pl.filter((v) => v > 0).length;
    const uncertain = Array.from(pl).filter((v, r) => {
      const p = Math.max(...[0, 1, 2].map((k) => logits[r * 3 + k]!));
      return v === 0 && p !== logits[r * 3]!;
    }).length;
    assert.ok(
      confidentFg > 4 && uncertain > 2,
      `fixture mixes cases (${confidentFg} fg, ${uncertain} uncertain)`,
    );
    const got = tf.tidy(() => pseudoLabels(logitsT(logits, full)).dataSync());
    assert.deepEqual(Array.from(got), Array.from(pl), 'pseudo labels');

    const low = randLogits(half, 41);
    const ref = (x: ArrayLike<number>) => {
      const labels = pseudoRef(x, 3, 0.75);
      return (
        (2 / 3) * diceCeRef(x, labels, full, { ignoreLabel: 0 }) +
        (1 / 3) * diceCeRef(low, resizeRef(labels, 2, full.d, half.d, 'nearest'), half, { ignoreLabel: 0 })
      );
    };
    const outs = (x: tf.Tensor5D) => [x, logitsT(low, half), logitsT(randLogits(tiny, 42), tiny)];
    close(
      scalar(() => pseudoLabelLoss(outs(logitsT(logits, full)))),
      ref(logits),
      1e-5,
      'L_PL',
    );
    // Gradient with the targets held fixed = the full derivative away from the threshold and ties.
    checkGrad((x) => pseudoLabelLoss(outs(x)), ref, logits, full, 'L_PL gradient');
    // Nothing confidently foreground → 0 with a finite (zero) gradient.
    const flat = new Float32Array(logits.length);
    const grad = tf.tidy(() =>
      tf
        .grad((x: tf.Tensor) => pseudoLabelLoss(outs(x as tf.Tensor5D)))(logitsT(flat, full))
        .dataSync(),
    );
    assert.equal(
      scalar(() => pseudoLabelLoss(outs(logitsT(flat, full)))),
      0,
    );
    assert.ok(grad.every((v) => v === 0));
  });

  test(`${backend}: DAE L1 over all voxels`, () => {
    const a = Float32Array.from([0.5, -1, 2, 0, 3, -2]);
    const b = Float32Array.from([0, 0, 2.5, 1, 3, 2]);
    const got = scalar(() => daeL1Loss(tf.tensor(a, [1, 1, 2, 3, 1]), tf.tensor(b, [1, 1, 2, 3, 1])));
    close(got, (0.5 + 1 + 0.5 + 1 + 0 + 4) / 6, 1e-7, 'L1');
  });

  test(`${backend}: losses leave no tensors behind`, () => {
    const g: Grid = { b: 1, d: [2, 2, 2], c: 3 };
    const l = logitsT(randLogits(g, 50), g);
    const y = labelsT(randLabels(g, 51), g);
    const before = tf.memory().numTensors;
    supervisedLoss([l], y).dispose();
    pseudoLabelLoss([l]).dispose();
    consistencyLoss([l], [l]).dispose();
    tf.grad((x: tf.Tensor) => diceCeLoss(x as tf.Tensor5D, y))(l).dispose();
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([l, y]);
  });
}
