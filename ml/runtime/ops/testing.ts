// Helpers shared by the op, layer and model tests: seeded arrays, comparisons, finite differences.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../util/rng.js';
import type { Arr } from './reference.js';

export function randArr(shape: number[], rng: Rng, scale = 1): Arr {
  const n = shape.reduce((a, v) => a * v, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.normal(0, scale);
  return { data, shape };
}

export function randVec(n: number, rng: Rng, scale = 1): Float64Array {
  return randArr([n], rng, scale).data;
}

export function tensorOf<R extends tf.Rank>(a: Arr | Float64Array): tf.Tensor<R> {
  const t: tf.Tensor =
    a instanceof Float64Array
      ? tf.tensor(Float32Array.from(a), [a.length])
      : tf.tensor(Float32Array.from(a.data), a.shape);
  return t as tf.Tensor<R>;
}

export function arrOf(t: tf.Tensor): Arr {
  return { data: Float64Array.from(t.dataSync()), shape: t.shape.slice() };
}

/** Asserts max |a − e| ≤ tol · max(1, max |e|), with shapes equal. */
export function assertClose(
  actual: Arr | tf.Tensor,
  expected: Arr | Float64Array,
  tol: number,
  label: string,
): void {
  const a = actual instanceof tf.Tensor ? arrOf(actual) : actual;
  const e = expected instanceof Float64Array ? { data: expected, shape: [expected.length] } : expected;
  if (!(expected instanceof Float64Array)) assert.deepEqual(a.shape, e.shape, `${label}: shape`);
  assert.equal(a.data.length, e.data.length, `${label}: size`);
  let err = 0;
  let scale = 1;
  for (let i = 0; i < e.data.length; i++) {
    const d = Math.abs(a.data[i]! - e.data[i]!);
    if (!(d <= err)) err = Number.isNaN(d) ? Infinity : d;
    scale = Math.max(scale, Math.abs(e.data[i]!));
  }
  assert.ok(err <= tol * scale, `${label}: max error ${err.toExponential(3)} > ${tol} × ${scale.toFixed(3)}`);
}

/**
 * Checks the gradient of L = Σ f(inputs) ⊙ r against central differences along a random direction:
 * (L(θ + εv) − L(θ − εv)) / 2ε ≈ ⟨∇L, v⟩, for each input in turn. Computed on the active backend.
 */
export function checkGradFD(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  inputs: tf.Tensor[],
  opts: { seed: number; eps: number; tol: number; label: string },
): void {
  const rng = createRng(opts.seed);
  const out = tf.tidy(() => f(...inputs));
  const r = tensorOf(randArr(out.shape.slice(), rng));
  out.dispose();
  const loss = (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r)) as tf.Scalar;
  const grads = tf.grads(loss)(inputs);
  inputs.forEach((x, i) => {
    const v = tensorOf(randArr(x.shape.slice(), rng));
    const at = (sign: number) =>
      tf.tidy(
        () =>
          loss(...inputs.map((y, j) => (j === i ? tf.add(y, tf.mul(v, sign * opts.eps)) : y))).dataSync()[0]!,
      );
    const fd = (at(1) - at(-1)) / (2 * opts.eps);
    const an = tf.tidy(() => tf.sum(tf.mul(grads[i]!, v)).dataSync()[0]!);
    const scale = Math.max(1, Math.abs(fd), Math.abs(an));
    assert.ok(
      Math.abs(fd - an) <= opts.tol * scale,
      `${opts.label}: input ${i} directional derivative ${an} vs finite difference ${fd}`,
    );
    v.dispose();
  });
  tf.dispose([r, ...grads]);
}

/** Runs fn on another backend and returns plain arrays (tensors never cross backends). */
export async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  const prev = tf.getBackend();
  await tf.setBackend(name);
  try {
    return fn();
  } finally {
    await tf.setBackend(prev);
  }
}
