// DAE optimisation (spec §4.5): the warm-up + cosine LR at its landmarks, AdamW against a float64 computation
// (decoupled decay only on ≥ 2-D non-bias parameters), and its state round trip.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createAdamW, decays } from './adamw.js';
import { warmupCosineLr } from './lr.js';

test('warm-up 5e-7 → 5e-5 over 4 of 200 epochs, cosine to 5e-6 (timm, t from the start)', () => {
  const ipe = 140;
  const s = { baseLr: 5e-5, warmupLr: 5e-7, minLr: 5e-6, warmupSteps: 4 * ipe, totalSteps: 200 * ipe };
  assert.equal(warmupCosineLr(s, 0), 5e-7);
  assert.ok(Math.abs(warmupCosineLr(s, 2 * ipe) - (5e-7 + 5e-5) / 2) < 1e-15);
  const atW = 5e-6 + 0.5 * (5e-5 - 5e-6) * (1 + Math.cos((Math.PI * 4) / 200));
  assert.ok(Math.abs(warmupCosineLr(s, 4 * ipe) - atW) < 1e-15);
  assert.ok(Math.abs(warmupCosineLr(s, 100 * ipe) - (5e-6 + 5e-5) / 2) < 1e-15);
  assert.equal(warmupCosineLr(s, 200 * ipe), 5e-6);
  assert.equal(warmupCosineLr(s, 300 * ipe), 5e-6);
});

test('weight decay only on parameters with ≥ 2 dimensions that are not biases', () => {
  assert.equal(decays('encoder.stem.convs.0.conv.weight', [3, 3, 3, 1, 4]), true);
  assert.equal(decays('encoder.stem.convs.0.conv.bias', [4]), false);
  assert.equal(decays('encoder.stem.convs.0.norm.weight', [4]), false);
  assert.equal(decays('mamba_layer.mamba.A_log', [2]), false);
  assert.equal(decays('mamba_layer.mamba.in_proj.weight', [16, 40]), true);
});

test('AdamW matches PyTorch semantics computed in float64, and its state resumes exactly', () => {
  const w0 = { 'a.weight': [0.5, -1.25, 2, 0.1], 'a.bias': [0.3, -0.7] };
  const shapes = { 'a.weight': [2, 2], 'a.bias': [2] };
  const make = () =>
    new Map(
      Object.entries(w0).map(([n, v]) => [n, tf.variable(tf.tensor(v, shapes[n as keyof typeof shapes]))]),
    );
  const params = make();
  const o = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05 };
  const opt = createAdamW(params, o);
  const gradsAt = (t: number) =>
    new Map([
      ['a.weight', tf.tensor([0.1 * t, -0.2, 0.3, -0.05 * t], [2, 2])],
      ['a.bias', tf.tensor([0.5, -0.1 * t], [2])],
    ]);
  const lrs = [1e-2, 5e-3, 2e-3];
  // float64 reference
  const ref = Object.fromEntries(
    Object.entries(w0).map(([n, v]) => [n, { p: [...v], m: v.map(() => 0), v: v.map(() => 0) }]),
  );
  lrs.forEach((lr, i) => {
    const t = i + 1;
    const g = gradsAt(t);
    opt.step(g, lr);
    for (const [n, st] of Object.entries(ref)) {
      const gv = [...g.get(n)!.dataSync()];
      const wd = n.endsWith('.bias') ? 0 : 0.05;
      st.p = st.p.map((p, k) => {
        const q = p * (1 - lr * wd);
        st.m[k] = 0.9 * st.m[k]! + 0.1 * gv[k]!;
        st.v[k] = 0.999 * st.v[k]! + 0.001 * gv[k]! ** 2;
        const denom = Math.sqrt(st.v[k]!) / Math.sqrt(1 - 0.999 ** t) + 1e-8;
        return q - (lr / (1 - 0.9 ** t)) * (st.m[k]! / denom);
      });
    }
    g.forEach((x) => x.dispose());
  });
  for (const [n, st] of Object.entries(ref)) {
    const got = params.get(n)!.dataSync();
    st.p.forEach((p, k) => assert.ok(Math.abs(got[k]! - p) < 1e-6, `${n}[${k}]: ${got[k]} vs ${p}`));
  }
  // state round trip: a fresh optimizer loaded from the state continues identically
  const state = new Map(
    [...opt.stateTensors()].map(([k, t]) => [k, { shape: t.shape, values: Float32Array.from(t.dataSync()) }]),
  );
  assert.equal(state.get('step')!.values[0], 3);
  const copy = new Map([...params].map(([n, v]) => [n, tf.variable(v.clone())]));
  const opt2 = createAdamW(copy, o);
  opt2.loadState(state);
  const g = gradsAt(4);
  opt.step(g, 1e-3);
  opt2.step(g, 1e-3);
  for (const [n, v] of params) assert.deepEqual(copy.get(n)!.dataSync(), v.dataSync(), n);
  assert.throws(() => opt2.loadState(new Map()), /step/);
  g.forEach((x) => x.dispose());
  [opt, opt2].forEach((x) => x.dispose());
  [...params.values(), ...copy.values()].forEach((v) => v.dispose());
});
