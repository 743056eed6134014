// Unit tests of the Gaussian weights and the per-axis convolution against brute force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convolveAxis, gaussianWeights } from './gaussian.js';

test('weights: normalised, symmetric, radius ceil(3σ), null below the minimum σ', () => {
  const w = gaussianWeights(1.5, 0.25)!;
  assert.equal(w.length, 2 * 5 + 1);
  assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  for (let t = 0; t < 5; t++) assert.equal(w[t], w[10 - t]);
  assert.equal(gaussianWeights(0.22, 0.25), null);
  assert.equal(gaussianWeights(0.22, 0.2)!.length, 3);
  assert.equal(gaussianWeights(Number.NaN, 0.2), null);
});

test('convolveAxis equals a clamped-edge brute-force convolution along each axis', () => {
  const dims = [6, 5, 4] as const;
  const N = 120;
  const src = Float32Array.from({ length: N }, (_, n) => ((n * 37) % 11) - 3.5);
  const w = gaussianWeights(0.9, 0.25)!;
  const r = (w.length - 1) / 2;
  const stride = [1, 6, 30];
  for (const axis of [0, 1, 2] as const) {
    const dst = new Float32Array(N);
    convolveAxis(src, dst, dims, axis, w);
    for (let n = 0; n < N; n++) {
      const idx = [n % 6, Math.floor(n / 6) % 5, Math.floor(n / 30)];
      let acc = 0;
      for (let d = -r; d <= r; d++) {
        const t = Math.min(dims[axis] - 1, Math.max(0, idx[axis]! + d));
        acc += w[d + r]! * src[n + (t - idx[axis]!) * stride[axis]!]!;
      }
      assert.equal(dst[n], Math.fround(acc), `axis ${axis} voxel ${n}`);
    }
  }
});
