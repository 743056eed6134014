// U-Mamba2 model tests, run per backend by umamba2.{cpu,wasm}.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { getArchitecture } from '../config/architectures.js';
import { selectBackend, type BackendName } from '../runtime/backend.js';
import { createOps } from '../runtime/ops/index.js';
import { arrOf, assertClose, onBackend, randArr, tensorOf } from '../runtime/ops/testing.js';
import { createRng } from '../util/rng.js';
import { mambaLayer } from './mamba2.js';
import { initialValues, sizeOf } from './params.js';
import { buildUMamba2, mambaConfigOf } from './umamba2.js';

/** tiny, with a smaller patch, and non-zero "second norm" parameters so that every path carries gradient. */
function tinyModel(backend: BackendName, seed: number, impl?: 'native' | 'matmul') {
  const config = getArchitecture('tiny', { patchSize: [4, 8, 8] });
  const model = buildUMamba2(config, createOps(backend, impl), { seed });
  const rng = createRng(seed + 1);
  for (const [name, v] of model.params) {
    if (/conv2\.norm\.(weight|bias)$/.test(name))
      v.assign(
        tf.tensor(
          Float32Array.from(randArr(v.shape, rng, 0.5).data, (e) => e + 0.5),
          v.shape,
        ),
      );
  }
  return model;
}

/** Logits and all parameter gradients of Σ_k Σ logits_k ⊙ r_k, as arrays. */
function logitsAndGrads(model: ReturnType<typeof tinyModel>, x: tf.Tensor5D, seed: number) {
  let out: { logits: ReturnType<typeof arrOf>[]; grads: Map<string, ReturnType<typeof arrOf>> } | undefined;
  tf.tidy(() => {
    const logits = model.forward(x);
    const rng = createRng(seed);
    const rs = logits.map((l) => tensorOf(randArr(l.shape.slice(), rng)));
    const vars = [...model.params.values()];
    const { grads } = tf.variableGrads(
      () => tf.addN(model.forward(x).map((l, i) => tf.sum(tf.mul(l, rs[i]!)))) as tf.Scalar,
      vars,
    );
    out = {
      logits: logits.map(arrOf),
      grads: new Map([...model.params.entries()].map(([n, v]) => [n, arrOf(grads[v.name]!)])),
    };
  });
  return out!;
}

export function runModelSuite(backend: BackendName): void {
  test.before(async () => {
    await selectBackend({ force: backend });
  });

  test(`${backend}: tiny U-Mamba2 output shapes, deep supervision order and switch, no leaks`, () => {
    const model = buildUMamba2(getArchitecture('tiny'), createOps(backend), { seed: 1 });
    const x = tf.randomNormal([2, 16, 16, 16, 1], 0, 1, 'float32', 2) as tf.Tensor5D;
    const before = tf.memory().numTensors;
    const outs = model.forward(x);
    assert.deepEqual(
      outs.map((o) => o.shape),
      [
        [2, 16, 16, 16, 3],
        [2, 8, 8, 8, 3],
      ],
    );
    const single = model.forward(x, { deepSupervision: false });
    assert.equal(single.length, 1);
    assertClose(single[0]!, arrOf(outs[0]!), 1e-6, 'DS off = first DS output');
    tf.dispose([...outs, ...single]);
    assert.equal(tf.memory().numTensors, before, 'forward leaks tensors');
    assert.throws(
      () => model.forward(tf.zeros([1, 15, 16, 16, 1]) as tf.Tensor5D),
      /multiple of the total stride/,
    );
    x.dispose();
    model.dispose();
  });

  test(`${backend}: encode → bottleneck → decode is forward; the Mamba output replaces the bottleneck`, () => {
    const model = tinyModel(backend, 3);
    const x = tensorOf<tf.Rank.R5>(randArr([1, 4, 8, 8, 1], createRng(4)));
    tf.tidy(() => {
      const skips = model.encode(x);
      assert.deepEqual(
        skips.map((s) => s.shape),
        [
          [1, 4, 8, 8, 4],
          [1, 2, 4, 4, 8],
          [1, 2, 2, 2, 16],
        ],
      );
      const z = skips[2]!;
      const tokens = tf.reshape(z, [1, 8, 16]) as tf.Tensor3D;
      const expected = tf.reshape(
        mambaLayer(model.params, 'mamba_layer', tokens, mambaConfigOf(model.config), createOps(backend)),
        z.shape,
      );
      const b = model.bottleneck(z);
      assertClose(b, arrOf(expected), 1e-6, 'bottleneck = Mamba layer on row-major tokens, no residual');
      const outs = model.decode([skips[0]!, skips[1]!, b]);
      const fwd = model.forward(x);
      outs.forEach((o, i) => assertClose(o, arrOf(fwd[i]!), 1e-5, `decode output ${i}`));
    });
    x.dispose();
    model.dispose();
  });

  test(`${backend}: parameter names, shapes and initialisation follow the reference`, () => {
    const model = buildUMamba2(getArchitecture('tiny'), createOps(backend), { seed: 7 });
    const names = [...model.params.keys()];
    assert.equal(new Set(names).size, names.length);
    for (const n of [
      'encoder.stem.convs.0.conv.weight',
      'encoder.stages.1.blocks.0.skip.1.conv.weight',
      'encoder.stages.2.blocks.0.skip.1.norm.weight',
      'mamba_layer.mamba.in_proj.weight',
      'decoder.transpconvs.0.weight',
      'decoder.stages.1.convs.0.norm.bias',
      'decoder.seg_layers.1.bias',
    ]) {
      assert.ok(model.params.has(n), n);
    }
    assert.ok(!names.some((n) => n.includes('skip.1.conv.bias')), 'shortcut convs have no bias');
    assert.ok(
      !names.some((n) => n.startsWith('encoder.stages.0.blocks.0.skip')),
      'identity shortcut has no parameters',
    );
    assert.deepEqual(model.params.get('decoder.transpconvs.0.weight')!.shape, [1, 2, 2, 8, 16]);
    for (const [n, v] of model.params) {
      const spec = model.specs.find((s) => s.name === n)!;
      assert.equal(v.size, sizeOf(spec.shape));
      assert.deepEqual(Float32Array.from(v.dataSync()), initialValues(spec, 7), `${n} initial values`);
      if (/conv2\.norm\./.test(n))
        assert.ok(
          v.dataSync().every((e) => e === 0),
          `${n} starts at 0`,
        );
    }
    const w = Float64Array.from(model.params.get('encoder.stages.2.blocks.0.conv1.conv.weight')!.dataSync());
    const std = Math.sqrt(w.reduce((a, e) => a + e * e, 0) / w.length);
    const expected = Math.sqrt(2 / (1 + 1e-4)) / Math.sqrt(27 * 8);
    assert.ok(Math.abs(std / expected - 1) < 0.1, `He std ${std} vs ${expected}`);
    model.dispose();
  });

  test(`${backend}: logits and all parameter gradients agree with the cpu backend's native convolutions`, async () => {
    const x = randArr([1, 4, 8, 8, 1], createRng(9));
    const reference = await onBackend('cpu', () => {
      const m = tinyModel('cpu', 5, 'native');
      const xt = tensorOf<tf.Rank.R5>(x);
      const r = logitsAndGrads(m, xt, 10);
      xt.dispose();
      m.dispose();
      return r;
    });
    const model = tinyModel(backend, 5, 'matmul');
    const xt = tensorOf<tf.Rank.R5>(x);
    const got = logitsAndGrads(model, xt, 10);
    got.logits.forEach((l, i) => assertClose(l, reference.logits[i]!, 1e-4, `logits ${i}`));
    for (const [n, g] of got.grads) assertClose(g, reference.grads.get(n)!, 2e-3, `d ${n}`);
    xt.dispose();
    model.dispose();
  });
}
