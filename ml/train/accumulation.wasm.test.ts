// Gradient accumulation really accumulates: one optimizer step over 2 micro-batches of 1 sample equals one step
// over a batch of those 2 samples (the loss is a per-sample mean: batch_dice false, CE over equal-sized samples),
// and both equal an independent computation — tf.variableGrads of the batch-2 loss, then clipping, weight decay
// and Nesterov momentum worked out in float64 here. The 'reference-defect' mode uses the last micro-batch only.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { getArchitecture } from '../config/architectures.js';
import { supervisedLoss } from '../losses/deep-supervision.js';
import { buildUMamba2, type UMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { createRng } from '../util/rng.js';
import { resolveTrainerConfig, type TrainerOverrides } from './config.js';
import type { LabeledBatch, TrainingData } from './data.js';
import { supervisedHooks } from './supervised.js';
import { useWasm } from './testing/fixtures.js';
import { runTraining } from './trainer.js';

const P: [number, number, number] = [8, 8, 8];
const arch = getArchitecture('tiny', { patchSize: P });
const LR = 0.05;
const MOMENTUM = 0.99;
const WD = 3e-5;
// A clip limit the gradient exceeds, so clipping is part of what is compared.
const CLIP = 0.5;

before(useWasm);

/** Two fixed samples: noisy image, labels 0/1/2 that depend on it. */
function samples(): { image: Float32Array; label: Int32Array }[] {
  const rng = createRng(99);
  return [0, 1].map(() => {
    const n = P[0] * P[1] * P[2];
    const image = new Float32Array(n);
    const label = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      image[i] = rng.normal();
      label[i] = image[i]! > 0.8 ? 1 : image[i]! < -1.2 ? 2 : 0;
    }
    return { image, label };
  });
}

function batchOf(s: { image: Float32Array; label: Int32Array }[]): LabeledBatch {
  const n = s[0]!.image.length;
  const image = new Float32Array(n * s.length);
  const label = new Int32Array(n * s.length);
  s.forEach((x, b) => {
    image.set(x.image, b * n);
    label.set(x.label, b * n);
  });
  return {
    kind: 'labeled',
    image: tf.tensor5d(image, [s.length, ...P, 1]),
    label: tf.tensor5d(label, [s.length, ...P, 1], 'int32'),
  };
}

const noData = {
  plan: { version: 1, targetSpacing: [1, 1, 1], intensity: {} },
  fingerprint: null,
  train: [],
  val: [],
  unlabeled: [],
} as unknown as TrainingData;

/** One optimizer step of the real loop, feeding `micro[m]` as micro-batch m. */
async function oneStep(micro: LabeledBatch[], overrides: TrainerOverrides): Promise<UMamba2> {
  const model = buildUMamba2(arch, createOps('wasm'), { seed: 5 });
  const config = resolveTrainerConfig({
    epochs: 1,
    iterationsPerEpoch: 1,
    optimizer: { initialLr: LR, momentum: MOMENTUM, weightDecay: WD },
    lrSchedule: { kind: 'constant' },
    gradClipNorm: CLIP,
    validation: { iterations: 0 },
    augmentation: false,
    ...overrides,
  });
  const hooks = {
    ...supervisedHooks(),
    nextBatch: (_c: unknown, _r: unknown, m: number) => micro[m]!,
    disposeBatch: () => {},
  };
  await runTraining({ architecture: arch, config, data: noData, ops: createOps('wasm'), model, hooks });
  return model;
}

/** The update w1 − w0 of one step from the batch gradient G, computed independently in float64. */
function independentUpdate(
  w0: Map<string, Float32Array>,
  grads: Map<string, Float32Array>,
): Map<string, Float64Array> {
  let sq = 0;
  for (const g of grads.values()) for (const v of g) sq += v * v;
  const scale = Math.min(1, CLIP / (Math.sqrt(sq) + 1e-6));
  const out = new Map<string, Float64Array>();
  for (const [n, g] of grads) {
    const w = w0.get(n)!;
    const u = new Float64Array(g.length);
    for (let i = 0; i < g.length; i++) {
      const gd = g[i]! * scale + WD * w[i]!; // clip, then weight decay
      const buf = gd; // first step from a zero buffer
      u[i] = -LR * (gd + MOMENTUM * buf); // nesterov
    }
    out.set(n, u);
  }
  return out;
}

test('2 micro-batches of 1 = 1 batch of 2 = an independent SGD step on the batch gradient', async () => {
  const s = samples();
  const single = s.map((x) => batchOf([x]));
  const pair = batchOf(s);
  const initial = buildUMamba2(arch, createOps('wasm'), { seed: 5 });
  const w0 = new Map(initial.parameters().map(([n, v]) => [n, Float32Array.from(v.dataSync())]));
  initial.dispose();

  const accumulated = await oneStep(single, { batchSize: 1, accumulation: { steps: 2, mode: 'mean' } });
  const batched = await oneStep([pair], { batchSize: 2, accumulation: { steps: 1 } });
  const lastOnly = await oneStep(single, {
    batchSize: 1,
    accumulation: { steps: 2, mode: 'reference-defect' },
  });

  // Independent: the batch-2 gradient straight from tf.variableGrads on a fresh copy of the initial model.
  const fresh = buildUMamba2(arch, createOps('wasm'), { seed: 5 });
  const entries = fresh.parameters();
  const names = new Map(entries.map(([n, v]) => [v.name, n]));
  const { value, grads } = tf.variableGrads(
    () => supervisedLoss(fresh.forward(pair.image), pair.label),
    entries.map(([, v]) => v),
  );
  const G = new Map(
    Object.entries(grads).map(([vn, g]) => [names.get(vn)!, Float32Array.from(g.dataSync())]),
  );
  tf.dispose([value, ...Object.values(grads)]);
  const expected = independentUpdate(w0, G);

  let maxUpdate = 0;
  let errAccum = 0;
  let errBatch = 0;
  let errDefect = 0;
  for (const [n, u] of expected) {
    const w = w0.get(n)!;
    const a = accumulated.params.get(n)!.dataSync();
    const b = batched.params.get(n)!.dataSync();
    const d = lastOnly.params.get(n)!.dataSync();
    for (let i = 0; i < u.length; i++) {
      maxUpdate = Math.max(maxUpdate, Math.abs(u[i]!));
      errAccum = Math.max(errAccum, Math.abs(a[i]! - w[i]! - u[i]!));
      errBatch = Math.max(errBatch, Math.abs(b[i]! - a[i]!));
      errDefect = Math.max(errDefect, Math.abs(d[i]! - w[i]! - u[i]!));
    }
  }
  console.log(
    `# accumulation: max |update| ${maxUpdate.toExponential(2)}, accumulated vs independent ${errAccum.toExponential(2)}, vs batch of 2 ${errBatch.toExponential(2)}, defect mode off by ${errDefect.toExponential(2)}`,
  );
  assert.ok(maxUpdate > 1e-3, 'the step moves the weights visibly');
  assert.ok(errAccum <= 1e-6 + 1e-4 * maxUpdate, `accumulated vs independent: ${errAccum}`);
  assert.ok(errBatch <= 1e-6 + 1e-4 * maxUpdate, `accumulated vs batch of 2: ${errBatch}`);
  assert.ok(errDefect > 100 * errAccum, 'using only the last micro-batch is a different step');

  // The defect mode equals a step on the second sample's gradient / 2 (spec §3.2).
  const { value: v2, grads: g2 } = tf.variableGrads(
    () => supervisedLoss(fresh.forward(single[1]!.image), single[1]!.label),
    entries.map(([, v]) => v),
  );
  const half = new Map(
    Object.entries(g2).map(([vn, g]) => [names.get(vn)!, Float32Array.from(g.dataSync(), (x) => x / 2)]),
  );
  tf.dispose([v2, ...Object.values(g2)]);
  const expectedDefect = independentUpdate(w0, half);
  let errD = 0;
  for (const [n, u] of expectedDefect) {
    const w = w0.get(n)!;
    const d = lastOnly.params.get(n)!.dataSync();
    for (let i = 0; i < u.length; i++) errD = Math.max(errD, Math.abs(d[i]! - w[i]! - u[i]!));
  }
  assert.ok(errD <= 1e-6 + 1e-4 * maxUpdate, `reference-defect vs independent: ${errD}`);

  [accumulated, batched, lastOnly, fresh].forEach((m) => m.dispose());
  [...single, pair].forEach((b) => tf.dispose([b.image, b.label]));
});
