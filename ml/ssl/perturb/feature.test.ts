// Feature perturbations (spec §3.6), each checked statistically with the other two switched off: spatial dropout
// zeroes half the (sample, channel) maps and doubles the rest; activation drop zeroes exactly the voxels whose
// channel mean is ≥ r·max with r ~ U(0.6, 0.9) per call; the noise is a shared factor 1 + U(−0.3, 0.3).
// Then the seams: the last `levels` encoder outputs are perturbed, gradients flow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { getArchitecture } from '../../config/architectures.js';
import { buildUMamba2 } from '../../model/umamba2.js';
import { createOps } from '../../runtime/ops/index.js';
import { createRng } from '../../util/rng.js';
import type { FeaturePerturbationConfig } from './feature.js';
import { FEATURE_PERTURBATION_DEFAULTS, perturbedForward, perturbFeatures } from './feature.js';

const OFF: FeaturePerturbationConfig = { levels: 5, dropout: 0, activationDrop: null, noise: 0 };

test('defaults: last 5 levels, dropout 0.5, r ~ U(0.6, 0.9) of the max, noise U(−0.3, 0.3)', () => {
  assert.deepEqual(FEATURE_PERTURBATION_DEFAULTS, {
    levels: 5,
    dropout: 0.5,
    activationDrop: { mode: 'fraction-of-max', range: [0.6, 0.9] },
    noise: 0.3,
  });
});

test('spatial dropout: ~50 % of (sample, channel) maps zeroed, survivors ×2, whole maps', () => {
  const rng = createRng(1);
  const x = tf.add(tf.randomUniform([2, 3, 3, 3, 32], 0.5, 1.5, 'float32', 7), 0) as tf.Tensor5D;
  const xv = x.dataSync();
  let zeroed = 0;
  let maps = 0;
  for (let i = 0; i < 100; i++) {
    const { out } = perturbFeatures(x, { ...OFF, dropout: 0.5 }, rng);
    const v = out.dataSync();
    for (let b = 0; b < 2; b++)
      for (let c = 0; c < 32; c++) {
        const ratios = new Set<number>();
        for (let s = 0; s < 27; s++) {
          const k = (b * 27 + s) * 32 + c;
          ratios.add(Math.round((v[k]! / xv[k]!) * 1e6) / 1e6);
        }
        assert.equal(ratios.size, 1, 'one factor per map');
        const [r] = [...ratios];
        assert.ok(r === 0 || r === 2, `factor ${r}`);
        zeroed += r === 0 ? 1 : 0;
        maps++;
      }
    out.dispose();
  }
  const rate = zeroed / maps; // 6400 maps: σ = 0.00625
  assert.ok(Math.abs(rate - 0.5) < 0.025, `dropout rate ${rate}`);
  x.dispose();
});

test('activation drop: voxels with channel mean ≥ r·max are zeroed in every channel, r ~ U(0.6, 0.9)', () => {
  // channel mean of voxel v is (v + 1)/N (max 1), two samples with different scales
  const N = 200;
  const C = 4;
  const vals = new Float32Array(2 * N * C);
  for (let b = 0; b < 2; b++)
    for (let v = 0; v < N; v++)
      for (let c = 0; c < C; c++) vals[(b * N + v) * C + c] = ((v + 1) / N) * (b + 1) * (0.5 + c / 3);
  const x = tf.tensor5d(vals, [2, N, 1, 1, C]);
  const rng = createRng(2);
  const rs: number[] = [];
  for (let i = 0; i < 400; i++) {
    const { out, record } = perturbFeatures(
      x,
      { ...OFF, activationDrop: { mode: 'fraction-of-max', range: [0.6, 0.9] } },
      rng,
    );
    const o = out.dataSync();
    const r = record.r!;
    rs.push(r);
    for (let b = 0; b < 2; b++)
      for (let v = 0; v < N; v++) {
        const mean = ((v + 1) / N) * (b + 1); // the mean over c of (0.5 + c/3) is 1
        const max = b + 1;
        const dropped = mean >= r * max;
        for (let c = 0; c < C; c++) {
          const k = (b * N + v) * C + c;
          if (Math.abs(mean - r * max) > 1e-5) assert.equal(o[k] === 0, dropped, `b${b} v${v} r ${r}`);
        }
      }
    out.dispose();
  }
  assert.ok(Math.min(...rs) >= 0.6 && Math.max(...rs) < 0.9);
  assert.ok(Math.min(...rs) < 0.61 && Math.max(...rs) > 0.89, 'the whole range is drawn');
  const mean = rs.reduce((a, v) => a + v, 0) / rs.length;
  assert.ok(Math.abs(mean - 0.75) < 0.015, `mean r ${mean}`); // σ of the mean ≈ 0.0043
  // [P]'s percentile variant drops the top (1 − r) of the voxels
  const p = perturbFeatures(x, { ...OFF, activationDrop: { mode: 'percentile', range: [0.7, 0.9] } }, rng);
  const kept = p.out.dataSync().filter((v, i) => i % C === 0 && i < N * C && v !== 0).length;
  assert.ok(Math.abs(kept / N - p.record.r!) <= 1 / N + 1e-9, `kept ${kept} of ${N} at r ${p.record.r}`);
  p.out.dispose();
  x.dispose();
});

test('multiplicative noise: factors 1 + U(−0.3, 0.3), shared across the batch, fresh per call', () => {
  const x = tf.ones([2, 4, 4, 4, 16]) as tf.Tensor5D;
  const rng = createRng(3);
  const all: number[] = [];
  let previous: Float32Array | null = null;
  for (let i = 0; i < 20; i++) {
    const { out } = perturbFeatures(x, { ...OFF, noise: 0.3 }, rng);
    const v = out.dataSync() as Float32Array;
    const half = v.length / 2;
    assert.deepEqual(v.subarray(0, half), v.subarray(half), 'the same noise for both samples');
    if (previous) assert.notDeepEqual(v, previous);
    previous = Float32Array.from(v);
    for (let k = 0; k < half; k++) all.push(v[k]! - 1);
    out.dispose();
  }
  const mean = all.reduce((a, v) => a + v, 0) / all.length;
  const variance = all.reduce((a, v) => a + (v - mean) ** 2, 0) / all.length;
  assert.ok(Math.min(...all) >= -0.3 - 1e-6 && Math.max(...all) <= 0.3 + 1e-6);
  assert.ok(Math.min(...all) < -0.29 && Math.max(...all) > 0.29);
  assert.ok(Math.abs(mean) < 0.005, `mean ${mean}`);
  assert.ok(Math.abs(variance - 0.03) < 0.002, `variance ${variance} (uniform: 0.6²/12 = 0.03)`);
  x.dispose();
});

test('perturbedForward perturbs the last `levels` encoder outputs; gradients flow through the perturbations', () => {
  const arch = getArchitecture('tiny', { patchSize: [8, 8, 8] });
  const model = buildUMamba2(arch, createOps('cpu'), { seed: 1 });
  const x = tf.randomNormal([1, 8, 8, 8, 1], 0, 1, 'float32', 3) as tf.Tensor5D;
  const plain = model.forward(x);
  const none = perturbedForward(model, x, { ...FEATURE_PERTURBATION_DEFAULTS, levels: 0 }, createRng(1));
  none.forEach((t, i) => assert.deepEqual(t.dataSync(), plain[i]!.dataSync()));
  const once = perturbedForward(model, x, FEATURE_PERTURBATION_DEFAULTS, createRng(1));
  const again = perturbedForward(model, x, FEATURE_PERTURBATION_DEFAULTS, createRng(1));
  assert.notDeepEqual(once[0]!.dataSync(), plain[0]!.dataSync());
  assert.deepEqual(once[0]!.dataSync(), again[0]!.dataSync(), 'seeded');
  const vars = model.parameters().map(([, v]) => v);
  const { value, grads } = tf.variableGrads(
    () =>
      tf.mean(
        tf.square(perturbedForward(model, x, FEATURE_PERTURBATION_DEFAULTS, createRng(2))[0]!),
      ) as tf.Scalar,
    vars,
  );
  assert.ok(Number.isFinite(value.dataSync()[0]!));
  const g = grads[model.params.get('encoder.stem.convs.0.conv.weight')!.name]!;
  assert.ok(tf.norm(g).dataSync()[0]! > 0, 'the encoder gets a gradient');
  tf.dispose([x, value, ...Object.values(grads), ...plain, ...none, ...once, ...again]);
  model.dispose();
});
