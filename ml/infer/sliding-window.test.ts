// Sliding window: tile coverage, Gaussian blending against a naive float64 reference, mirroring TTA, the
// bounded accumulation window (float32 and float16), progress and cancellation. Fake predictors on the cpu
// backend (the network itself is exercised by the training tests).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { Shape3 } from '../data/preprocess/layout.js';
import { computeTileSteps, padToPatch, tileOrigins } from '../data/sample/tiles.js';
import { resolveInferenceConfig, mirrorCombinations, type InferenceConfig } from './config.js';
import { slidingWindow } from './sliding-window.js';
import { resolveSummaries } from './summaries.js';
import { CollectSink, fakePredictor, testVolume } from './testing/helpers.js';

before(async () => {
  await tf.setBackend('cpu');
});

const run = async (
  data: Float32Array,
  shape: Shape3,
  predictor: ReturnType<typeof fakePredictor>,
  config: Partial<InferenceConfig>,
  summaries: string[] = [],
) => {
  const sink = new CollectSink(shape, predictor.numClasses + summaries.length);
  const stats = await slidingWindow({ data, shape }, predictor, sink, {
    config: resolveInferenceConfig({ ...config, summaries }),
    summaries: resolveSummaries(summaries),
  });
  return { out: sink.values, stats, seen: sink.seen };
};

test('tiles cover every voxel, start inside the padded volume, and step at most step·patch', () => {
  const patch: Shape3 = [16, 24, 20];
  for (const shape of [
    [10, 24, 57],
    [16, 25, 20],
    [40, 100, 21],
    [33, 24, 80],
  ] as Shape3[]) {
    for (const step of [0.5, 0.8, 1]) {
      const pad = padToPatch(shape, patch);
      const steps = computeTileSteps(pad.shape, patch, step);
      const covered = new Uint8Array(pad.shape[0] * pad.shape[1] * pad.shape[2]);
      for (const o of tileOrigins(steps)) {
        for (let d = 0; d < 3; d++) assert.ok(o[d]! >= 0 && o[d]! + patch[d]! <= pad.shape[d]!);
        for (let a = 0; a < patch[0]; a++)
          for (let b = 0; b < patch[1]; b++)
            for (let c = 0; c < patch[2]; c++)
              covered[((o[0]! + a) * pad.shape[1] + o[1]! + b) * pad.shape[2] + o[2]! + c] = 1;
      }
      assert.ok(
        covered.every((v) => v === 1),
        `${shape} step ${step}: uncovered voxels`,
      );
      steps.forEach((s, d) => {
        for (let i = 1; i < s.length; i++) assert.ok(s[i]! - s[i - 1]! <= Math.ceil(step * patch[d]!));
        assert.equal(s[0], 0);
        assert.equal(s[s.length - 1], pad.shape[d]! - patch[d]!);
      });
    }
  }
});

/** Naive reference: every tile's plain outputs times the Gaussian (written out here), summed in float64. */
function reference(
  data: Float32Array,
  shape: Shape3,
  p: ReturnType<typeof fakePredictor>,
  step: number,
): Float64Array {
  const patch = p.patch;
  const C = p.numClasses;
  const sums = new Float64Array(data.length * C);
  const w = new Float64Array(data.length);
  const before = patch.map((s, d) => Math.floor(Math.max(0, s - shape[d]!) / 2));
  const size = patch.map((s, d) => Math.max(s, shape[d]!));
  const starts = size.map((n, d) => {
    const k = Math.ceil((n - patch[d]!) / (patch[d]! * step)) + 1;
    return Array.from({ length: k }, (_, i) => (k === 1 ? 0 : Math.round((i * (n - patch[d]!)) / (k - 1))));
  });
  const g1 = (i: number, n: number) => Math.exp(-((i - Math.floor(n / 2)) ** 2) / (2 * (n / 8) ** 2));
  for (const o0 of starts[0]!)
    for (const o1 of starts[1]!)
      for (const o2 of starts[2]!)
        for (let a = 0; a < patch[0]; a++)
          for (let b = 0; b < patch[1]; b++)
            for (let c = 0; c < patch[2]; c++) {
              const z = o0 + a - before[0]!;
              const y = o1 + b - before[1]!;
              const x = o2 + c - before[2]!;
              if (z < 0 || y < 0 || x < 0 || z >= shape[0] || y >= shape[1] || x >= shape[2]) continue;
              const v = (z * shape[1] + y) * shape[2] + x;
              const g = g1(a, patch[0]) * g1(b, patch[1]) * g1(c, patch[2]);
              w[v]! += g;
              p.plain(data[v]!, b).forEach((val, k) => (sums[v * C + k]! += g * val));
            }
  return sums.map((s, i) => s / w[Math.floor(i / C)]!);
}

test('Gaussian blending equals a naive float64 reference (float32 window; float16 within half precision)', async () => {
  const p = fakePredictor([16, 24, 16], true);
  // The second shape is smaller than the patch on axes 0 and 1 (padding).
  for (const shape of [
    [37, 20, 45],
    [10, 20, 45],
  ] as Shape3[]) {
    const data = testVolume(shape, 3);
    for (const step of [0.5, 0.8]) {
      const ref = reference(data, shape, p, step);
      const f32 = await run(data, shape, p, { tileStep: step, mirrorAxes: [], accumulator: 'float32' });
      const f16 = await run(data, shape, p, { tileStep: step, mirrorAxes: [], accumulator: 'float16' });
      let e32 = 0;
      let e16 = 0;
      for (let i = 0; i < ref.length; i++) {
        e32 = Math.max(e32, Math.abs(f32.out[i]! - ref[i]!));
        e16 = Math.max(e16, Math.abs(f16.out[i]! - ref[i]!) / Math.max(1, Math.abs(ref[i]!)));
      }
      assert.ok(e32 < 1e-5, `float32 ${shape} step ${step}: ${e32}`);
      assert.ok(e16 < 1e-2, `float16 ${shape} step ${step}: ${e16}`);
      assert.deepEqual(
        f32.seen,
        Array.from({ length: shape[0] }, (_, i) => i),
        'planes arrive once, in order',
      );
      // The window never holds more than one tile row of planes.
      const planes = Math.min(16, shape[0]);
      assert.ok(f32.stats.peakAccumulatorBytes <= planes * shape[1] * shape[2] * (3 * 4 + 4));
      assert.ok(f16.stats.peakAccumulatorBytes <= planes * shape[1] * shape[2] * (3 * 2 + 4));
      if (shape[0] > 16) assert.ok(f32.stats.peakAccumulatorBytes < f32.stats.fullVolumeBytes);
      assert.equal(f16.stats.precision, 'float16');
    }
  }
});

test('auto precision switches to float16 when the float32 window exceeds the budget', async () => {
  const shape: Shape3 = [20, 16, 16];
  const p = fakePredictor([8, 8, 8], false);
  const data = testVolume(shape, 1);
  const big = await run(data, shape, p, { mirrorAxes: [], accumulator: 'auto' });
  const small = await run(data, shape, p, {
    mirrorAxes: [],
    accumulator: 'auto',
    memoryBudgetBytes: 8 * 16 * 16 * 8,
  });
  assert.equal(big.stats.precision, 'float32');
  assert.equal(small.stats.precision, 'float16');
});

test('TTA: a flip-equivariant function is unchanged; a non-equivariant one becomes mirror-symmetric', async () => {
  assert.deepEqual(mirrorCombinations([1, 2]), [[], [1], [2], [1, 2]]);
  assert.deepEqual(mirrorCombinations([0, 1, 2]).length, 8);
  const shape: Shape3 = [24, 16, 28];
  const data = testVolume(shape, 2);
  const pointwise = fakePredictor([16, 16, 16], false);
  const plain = await run(data, shape, pointwise, { mirrorAxes: [] });
  const tta = await run(data, shape, pointwise, { mirrorAxes: [0, 1, 2] });
  assert.equal(tta.stats.members, 8);
  let diff = 0;
  for (let i = 0; i < plain.out.length; i++) diff = Math.max(diff, Math.abs(plain.out[i]! - tta.out[i]!));
  assert.ok(diff < 1e-6, `equivariant function changed by TTA: ${diff}`);

  // One tile along axis 1 (size = patch), input mirror-symmetric along axis 1: the ramp breaks the symmetry
  // without TTA; mirroring over axis 1 averages f(x) and flip(f(flip x)) = the ramp plus its mirror image.
  const sym = new Float32Array(data.length);
  for (let a = 0; a < shape[0]; a++)
    for (let b = 0; b < 16; b++)
      for (let c = 0; c < shape[2]; c++)
        sym[(a * 16 + b) * shape[2] + c] = data[(a * 16 + Math.min(b, 15 - b)) * shape[2] + c]!;
  const ramp = fakePredictor([16, 16, 16], true);
  const asym = (out: Float32Array) => {
    let m = 0;
    for (let a = 0; a < shape[0]; a++)
      for (let b = 0; b < 16; b++)
        for (let c = 0; c < shape[2]; c++)
          for (let k = 0; k < 3; k++) {
            const i = ((a * 16 + b) * shape[2] + c) * 3 + k;
            const j = ((a * 16 + 15 - b) * shape[2] + c) * 3 + k;
            m = Math.max(m, Math.abs(out[i]! - out[j]!));
          }
    return m;
  };
  const noTta = await run(sym, shape, ramp, { mirrorAxes: [] });
  const withTta = await run(sym, shape, ramp, { mirrorAxes: [1] });
  assert.ok(asym(noTta.out) > 0.5, 'the ramp is visible without TTA');
  assert.ok(asym(withTta.out) < 1e-6, `TTA output not symmetric: ${asym(withTta.out)}`);
  // Averaged logits: channel 0 = x + (r(b) + r(15 − b))/2 = x + 15/32 for every b.
  assert.ok(Math.abs(withTta.out[0]! - (sym[0]! + 15 / 32)) < 1e-5);
});

test('probability summaries: mean max-prob and entropy over TTA members, entropy of the mean ≥ mean entropy', async () => {
  const shape: Shape3 = [16, 16, 16];
  const data = testVolume(shape, 4);
  const ramp = fakePredictor([16, 16, 16], true);
  const { out } = await run(data, shape, ramp, { mirrorAxes: [1] }, ['maxProb', 'entropy', 'entropyOfMean']);
  const softmax = (l: number[]) => {
    const m = Math.max(...l);
    const e = l.map((v) => Math.exp(v - m));
    const s = e.reduce((a, v) => a + v, 0);
    return e.map((v) => v / s);
  };
  const H = (p: number[]) => -p.reduce((a, v) => a + v * Math.log(Math.max(v, 1e-12)), 0);
  let err = 0;
  for (const [a, b, c] of [
    [0, 0, 0],
    [3, 5, 7],
    [15, 15, 15],
    [8, 2, 11],
  ]) {
    const v = (a! * 16 + b!) * 16 + c!;
    const members = [ramp.plain(data[v]!, b!), ramp.plain(data[v]!, 15 - b!)].map(softmax);
    const maxProb = (Math.max(...members[0]!) + Math.max(...members[1]!)) / 2;
    const entropy = (H(members[0]!) + H(members[1]!)) / 2;
    const meanP = members[0]!.map((x, k) => (x + members[1]![k]!) / 2);
    const o = out.subarray(v * 6, v * 6 + 6);
    err = Math.max(err, Math.abs(o[3]! - maxProb), Math.abs(o[4]! - entropy), Math.abs(o[5]! - H(meanP)));
    assert.ok(o[5]! >= o[4]! - 1e-6, 'entropy of the mean ≥ mean entropy');
  }
  assert.ok(err < 1e-5, `summaries off by ${err}`);
});

test('progress per tile; an abort stops the run with the signal reason', async () => {
  const shape: Shape3 = [32, 16, 16];
  const p = fakePredictor([8, 8, 8], false);
  const data = testVolume(shape, 5);
  const events: number[] = [];
  const config = resolveInferenceConfig({ mirrorAxes: [] });
  const ctrl = new AbortController();
  await assert.rejects(
    slidingWindow({ data, shape }, p, new CollectSink(shape, 3), {
      config,
      summaries: [],
      signal: ctrl.signal,
      onProgress: (e) => {
        events.push(e.tile);
        if (e.tile === 3) ctrl.abort(new Error('cancelled by the user'));
      },
    }),
    /cancelled by the user/,
  );
  assert.deepEqual(events, [1, 2, 3]);
  const all: number[] = [];
  const stats = await slidingWindow({ data, shape }, p, new CollectSink(shape, 3), {
    config,
    summaries: [],
    onProgress: (e) => all.push(e.fraction),
  });
  assert.equal(all.length, stats.tiles);
  assert.equal(all[all.length - 1], 1);
});
