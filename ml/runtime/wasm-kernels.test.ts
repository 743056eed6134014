import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../util/rng.js';
import { copyWindow, installWasmKernelFixes } from './wasm-kernels.js';

function naiveWindow(src: Float32Array, shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const strides = shape.map((_, a) => shape.slice(a + 1).reduce((u, v) => u * v, 1));
  const rec = (a: number, off: number) => {
    if (a === shape.length) return void out.push(src[off]!);
    for (let i = 0; i < size[a]!; i++) rec(a + 1, off + (begin[a]! + i) * strides[a]!);
  };
  rec(0, 0);
  return out;
}

function randomWindows(seed: number, count: number) {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const rank = rng.int(1, 6);
    const shape = Array.from({ length: rank }, () => rng.int(1, 5));
    const begin = shape.map((n) => (rng.chance(0.4) ? 0 : rng.int(0, n - 1)));
    const size = shape.map((n, a) => (rng.chance(0.4) ? n - begin[a]! : rng.int(0, n - begin[a]!)));
    return { shape, begin, size };
  });
}

test('copyWindow copies exactly the requested window', () => {
  for (const { shape, begin, size } of randomWindows(1, 300)) {
    const n = shape.reduce((u, v) => u * v, 1);
    const src = Float32Array.from({ length: n }, (_, i) => i);
    const dst = new Float32Array(size.reduce((u, v) => u * v, 1));
    if (dst.length > 0) copyWindow(src, dst, shape, begin, size);
    assert.deepEqual(
      Array.from(dst),
      naiveWindow(src, shape, begin, size),
      JSON.stringify({ shape, begin, size }),
    );
  }
});

test('the wasm Slice, SplitV and Unpack replacements agree with the cpu backend (and their gradients)', async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  installWasmKernelFixes();
  const cases = randomWindows(2, 60).filter((c) => c.size.every((s) => s > 0));
  const run = () =>
    cases.map(({ shape, begin, size }) =>
      tf.tidy(() => {
        const n = shape.reduce((u, v) => u * v, 1);
        const x = tf.tensor(
          Float32Array.from({ length: n }, (_, i) => i * 0.5 - 3),
          shape,
        );
        const y = tf.slice(x, begin, size);
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.slice(t, begin, size), tf.onesLike(y).mul(2))))(
          x,
        );
        return [Array.from(y.dataSync()), Array.from(g.dataSync())];
      }),
    );
  const splits = () =>
    tf.tidy(() => {
      const x = tf.tensor(
        Float32Array.from({ length: 2 * 3 * 4 * 5 * 6 }, (_, i) => i),
        [2, 3, 4, 5, 6],
      );
      const parts = [0, 1, 2, 3, 4].map((axis) => tf.split(x, axis === 4 ? [1, 3, 2] : 2 - (axis % 2), axis));
      const stacks = [0, 2, 4].map((axis) => tf.unstack(x, axis));
      const g = tf.grad((t: tf.Tensor) => {
        const [a, b] = tf.split(t, [2, 4], 4);
        const u = tf.unstack(t, 3);
        return tf.addN([tf.sum(tf.mul(a!, 3)), tf.sum(tf.square(b!)), tf.sum(tf.mul(u[1]!, u[2]!))]);
      })(x);
      return [...parts.flat(), ...stacks.flat(), g].map((t) => [t.shape, Array.from(t.dataSync())]);
    });
  assert.ok(await tf.setBackend('cpu'));
  const expected = run();
  const expectedSplits = splits();
  assert.ok(await tf.setBackend('wasm'));
  assert.deepEqual(run(), expected);
  assert.deepEqual(splits(), expectedSplits);
});
