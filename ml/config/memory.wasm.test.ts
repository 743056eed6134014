// The memory estimate against tf.profile's measured peak on the wasm backend.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { buildUMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { getArchitecture } from './architectures.js';
import { estimateMemory } from './memory.js';
import { parameterCount } from './model-info.js';

const peakOf = (p: Awaited<ReturnType<typeof tf.profile>>) =>
  Math.max(...p.kernels.map((k) => k.totalBytesSnapshot));

test('wasm: the estimate is above the measured peak and within 2.5× of it', async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  assert.ok(await tf.setBackend('wasm'));
  const cases: [number, number, number][] = [
    [16, 16, 16],
    [16, 32, 32],
  ];
  for (const patch of cases) {
    const config = getArchitecture('tiny', { patchSize: patch, featuresPerStage: [8, 16, 32] });
    const model = buildUMamba2(config, createOps('wasm'), { seed: 1 });
    const x = tf.zeros([1, ...patch, 1]) as tf.Tensor5D;
    const vars = [...model.params.values()];
    const base = tf.memory().numBytes;
    const infer = peakOf(await tf.profile(() => tf.dispose(model.forward(x)))) - base;
    const train =
      peakOf(
        await tf.profile(() => {
          const { value, grads } = tf.variableGrads(
            () => tf.addN(model.forward(x).map((l) => tf.sum(l))) as tf.Scalar,
            vars,
          );
          tf.dispose([value, ...Object.values(grads)]);
        }),
      ) -
      base -
      4 * parameterCount(config); // the gradients
    for (const [mode, measured] of [
      ['infer', infer],
      ['train', train],
    ] as const) {
      const est = estimateMemory(config, patch, 'wasm', mode).breakdown.activations;
      const ratio = est / measured;
      assert.ok(
        ratio >= 1 && ratio <= 2.5,
        `${patch.join('×')} ${mode}: estimate/measured = ${ratio.toFixed(2)}`,
      );
    }
    x.dispose();
    model.dispose();
  }
});
