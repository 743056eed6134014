// Tests of the SSD forms and the Mamba2 layer, run per backend by mamba2.{cpu,wasm}.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from '../runtime/backend.js';
import { createOps } from '../runtime/ops/index.js';
import { arrOf, assertClose, checkGradFD, randArr, tensorOf } from '../runtime/ops/testing.js';
import { createRng } from '../util/rng.js';
import { MAMBA2_DEFAULTS, mamba2Dims, mamba2ParamSpecs, mambaLayer, type Mamba2Config } from './mamba2.js';
import { mambaLayerRef, ssdRef } from './mamba2.reference.js';
import { countParams, initParams, param } from './params.js';
import { ssdChunked, ssdQuadratic, ssdRecurrent } from './ssd.js';

type SsdIn = [tf.Tensor4D, tf.Tensor3D, tf.Tensor1D, tf.Tensor3D, tf.Tensor3D];

function ssdInputs(seed: number, Bt: number, L: number, H: number, P: number, N: number) {
  const rng = createRng(seed);
  const x = randArr([Bt, L, H, P], rng);
  const dt = randArr([Bt, L, H], rng);
  dt.data.forEach((v, i) => (dt.data[i] = Math.log1p(Math.exp(v - 1)))); // softplus: positive, ~0.1–1
  const A = Float64Array.from({ length: H }, () => -Math.exp(rng.uniform(0, Math.log(16))) / 4);
  const Bm = randArr([Bt, L, N], rng);
  const Cm = randArr([Bt, L, N], rng);
  return { x, dt, A, Bm, Cm };
}

export function runMambaSuite(backend: BackendName): void {
  test.before(async () => {
    await selectBackend({ force: backend });
  });

  test(`${backend}: quadratic and chunked SSD match the step-by-step recurrence (values)`, () => {
    const [Bt, L, H, P, N] = [2, 13, 3, 4, 5];
    const d = ssdInputs(1, Bt, L, H, P, N);
    const expected = new Float64Array(Bt * L * H * P);
    for (let b = 0; b < Bt; b++) {
      const sl = (a: Float64Array, w: number) => a.subarray(b * L * w, (b + 1) * L * w);
      expected.set(
        ssdRef(sl(d.x.data, H * P), sl(d.dt.data, H), d.A, sl(d.Bm.data, N), sl(d.Cm.data, N), L, H, P, N),
        b * L * H * P,
      );
    }
    const want = { data: expected, shape: [Bt, L, H, P] };
    tf.tidy(() => {
      const ins = [tensorOf(d.x), tensorOf(d.dt), tensorOf(d.A), tensorOf(d.Bm), tensorOf(d.Cm)] as SsdIn;
      assertClose(ssdRecurrent(...ins), want, 1e-4, 'recurrent (tensor) vs float64');
      assertClose(ssdQuadratic(...ins), want, 1e-4, 'quadratic');
      for (const q of [4, 5, 13]) assertClose(ssdChunked(...ins, q), want, 1e-4, `chunked Q=${q}`);
    });
  });

  test(`${backend}: quadratic and chunked SSD gradients match the recurrence's`, () => {
    const [Bt, L, H, P, N] = [2, 9, 2, 3, 4];
    const d = ssdInputs(2, Bt, L, H, P, N);
    const r = tensorOf(randArr([Bt, L, H, P], createRng(3)));
    const ins = [tensorOf(d.x), tensorOf(d.dt), tensorOf(d.A), tensorOf(d.Bm), tensorOf(d.Cm)] as SsdIn;
    const gradsOf = (f: (...a: SsdIn) => tf.Tensor) =>
      tf
        .grads((...a: tf.Tensor[]) => tf.sum(tf.mul(f(...(a as SsdIn)), r)))(ins)
        .map(arrOf);
    const ref = gradsOf(ssdRecurrent);
    const names = ['x', 'dt', 'A', 'B', 'C'];
    const forms: [string, (...a: SsdIn) => tf.Tensor][] = [
      ['quadratic', ssdQuadratic],
      ['chunked Q=4', (...a) => ssdChunked(...a, 4)],
    ];
    for (const [label, f] of forms) {
      gradsOf(f).forEach((g, i) => assertClose(g, ref[i]!, 1e-4, `${label} d${names[i]}`));
    }
    checkGradFD((...a) => ssdChunked(...(a as SsdIn), 4), ins, {
      seed: 4,
      eps: 1e-2,
      tol: 1e-2,
      label: 'chunked SSD',
    });
    tf.dispose([r, ...ins]);
  });

  const cfg: Mamba2Config = {
    dModel: 8,
    dState: 4,
    dConv: 4,
    expand: 2,
    headdim: 4,
    quadraticMaxLen: 256,
    chunkSize: 3,
  };

  test(`${backend}: Mamba2 layer matches the float64 reference (quadratic and chunked paths)`, () => {
    const ops = createOps(backend);
    const params = initParams(mamba2ParamSpecs('mamba_layer', cfg), 11);
    const pa = (n: string) => Float64Array.from(param(params, `mamba_layer.${n}`).dataSync());
    const w = {
      normW: pa('norm.weight'),
      normB: pa('norm.bias'),
      inProj: pa('mamba.in_proj.weight'),
      convW: pa('mamba.conv1d.weight'),
      convB: pa('mamba.conv1d.bias'),
      dtBias: pa('mamba.dt_bias'),
      aLog: pa('mamba.A_log'),
      D: pa('mamba.D'),
      gnormW: pa('mamba.norm.weight'),
      outProj: pa('mamba.out_proj.weight'),
    };
    // Non-trivial norms and skip, so that the test sees them.
    const rng = createRng(12);
    for (const k of ['normW', 'normB', 'D', 'gnormW'] as const)
      w[k].forEach((_, i) => (w[k][i] = rng.uniform(0.5, 1.5)));
    for (const [k, n] of [
      ['normW', 'norm.weight'],
      ['normB', 'norm.bias'],
      ['D', 'mamba.D'],
      ['gnormW', 'mamba.norm.weight'],
    ] as const) {
      param<tf.Variable>(params, `mamba_layer.${n}`).assign(tf.tensor(Float32Array.from(w[k])));
    }
    const [Bt, L] = [2, 7];
    const u = randArr([Bt, L, cfg.dModel], rng);
    const dims = { ...mamba2Dims(cfg), dState: cfg.dState, headdim: cfg.headdim, dConv: cfg.dConv };
    const expected = new Float64Array(u.data.length);
    for (let b = 0; b < Bt; b++) {
      const n = L * cfg.dModel;
      expected.set(mambaLayerRef(u.data.subarray(b * n, (b + 1) * n), L, cfg.dModel, dims, w), b * n);
    }
    const want = { data: expected, shape: u.shape };
    tf.tidy(() => {
      assertClose(mambaLayer(params, 'mamba_layer', tensorOf(u), cfg, ops), want, 1e-4, 'quadratic path');
      const chunked = { ...cfg, quadraticMaxLen: 2 };
      assertClose(mambaLayer(params, 'mamba_layer', tensorOf(u), chunked, ops), want, 1e-4, 'chunked path');
    });
    const names = [...params.keys()];
    const vars = names.map((n) => params.get(n)!);
    checkGradFD(
      (...ps) => {
        const m = new Map(names.map((n, i) => [n, ps[i] as tf.Variable]));
        return mambaLayer(m, 'mamba_layer', tensorOf(u), { ...cfg, quadraticMaxLen: 2 }, ops);
      },
      vars,
      { seed: 13, eps: 1e-2, tol: 2e-2, label: 'Mamba2 layer parameters' },
    );
    params.forEach((v) => v.dispose());
  });

  test(`${backend}: Mamba2 initialisation and the reference parameter count`, () => {
    const stsr = mamba2ParamSpecs('mamba_layer', { dModel: 320, ...MAMBA2_DEFAULTS });
    assert.equal(countParams(stsr), 642_264);
    assert.equal(countParams(stsr.slice(2)), 641_624);
    const params = initParams(stsr, 5);
    const dt = tf.softplus(param(params, 'mamba_layer.mamba.dt_bias')).dataSync();
    dt.forEach((v) => assert.ok(v >= 0.001 - 1e-7 && v <= 0.1 + 1e-6, `dt ${v}`));
    tf.exp(param(params, 'mamba_layer.mamba.A_log'))
      .dataSync()
      .forEach((v) => assert.ok(v >= 1 && v <= 16, `A ${v}`));
    assert.deepEqual(Array.from(param(params, 'mamba_layer.mamba.D').dataSync()), new Array(8).fill(1));
    const conv = param(params, 'mamba_layer.mamba.conv1d.weight').dataSync();
    assert.ok(conv.every((v) => Math.abs(v) <= 0.5) && Math.max(...conv.map(Math.abs)) > 0.4);
    params.forEach((v) => v.dispose());
  });
}
