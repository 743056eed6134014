import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Shape3 } from '../preprocess/layout.js';
import { flatIndex, shapeSize } from '../preprocess/layout.js';
import { blurAxis, gaussianBlur, gaussianKernel } from './blur.js';
import { lowResolutionShape, simulateLowResolution } from './low-resolution.js';
import { flipAxes } from './mirror.js';

test('Gaussian kernels: odd size nearest 6σ + 0.5, normalised', () => {
  assert.equal(gaussianKernel(0.5).length, 3); // 3.5 → 4 (even, tie to even) → 3
  assert.equal(gaussianKernel(1).length, 7); // 6.5 → 6 → 7
  assert.equal(gaussianKernel(0.7).length, 5); // 4.7 → 5
  const k = gaussianKernel(0.8);
  assert.ok(Math.abs(k.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(Math.abs(k[0]! - k[k.length - 1]!) < 1e-15);
});

test('blur keeps constants (reflect padding) and spreads a centred impulse as the separable kernel', () => {
  const s: Shape3 = [5, 6, 3];
  const c = new Float32Array(shapeSize(s)).fill(2.5);
  gaussianBlur(c, s, [0.9, 0.6, 1.0]);
  for (const v of c) assert.ok(Math.abs(v - 2.5) < 1e-5);
  const s2: Shape3 = [11, 11, 11];
  const x = new Float32Array(shapeSize(s2));
  x[flatIndex(s2, 5, 5, 5)] = 1;
  gaussianBlur(x, s2, [0.5, 0.7, 1]);
  const [k0, k1, k2] = [gaussianKernel(0.5), gaussianKernel(0.7), gaussianKernel(1)];
  for (let a = 0; a < 11; a++)
    for (let b = 0; b < 11; b++)
      for (let cc = 0; cc < 11; cc++) {
        const w = (k0[a - 5 + 1] ?? 0) * (k1[b - 5 + 2] ?? 0) * (k2[cc - 5 + 3] ?? 0);
        assert.ok(Math.abs(x[flatIndex(s2, a, b, cc)]! - w) < 1e-7);
      }
  // reflect: an edge impulse along D2 mirrors without repeating the edge voxel
  const line = Float32Array.from([1, 0, 0, 0]);
  blurAxis(line, [1, 1, 4], 2, 0.5);
  const k = gaussianKernel(0.5);
  assert.ok(Math.abs(line[0]! - k[1]!) < 1e-7 && Math.abs(line[1]! - k[0]!) < 1e-7 && line[2] === 0);
});

test('low resolution: nearest-exact down, trilinear up', () => {
  assert.deepEqual(lowResolutionShape([160, 256, 255], 0.5), [80, 128, 128]); // 127.5 → 128
  const out = simulateLowResolution(Float32Array.from([0, 1, 2, 3]), [1, 1, 4], 0.5);
  // down: indices ⌊(d + 0.5)·2⌋ = 1, 3 → [1, 3]; up at sources 0 (clamped), 0.25, 0.75, 1 (clamped)
  assert.deepEqual([...out], [1, 1.5, 2.5, 3]);
  const same = Float32Array.from({ length: 27 }, (_, n) => n);
  assert.deepEqual(simulateLowResolution(same, [3, 3, 3], 1), same);
});

test('mirroring flips the chosen axes; twice is the identity', () => {
  const s: Shape3 = [2, 3, 4];
  const x = Float32Array.from({ length: 24 }, (_, n) => n);
  const f2 = flipAxes(x, s, [2]);
  assert.deepEqual([...f2.subarray(0, 4)], [3, 2, 1, 0]);
  const f01 = flipAxes(x, s, [0, 1]);
  assert.equal(f01[0], x[flatIndex(s, 1, 2, 0)]);
  for (const axes of [[0], [1], [2], [0, 2], [0, 1, 2]])
    assert.deepEqual(flipAxes(flipAxes(x, s, axes), s, axes), x);
  const l = Uint8Array.from({ length: 24 }, (_, n) => n % 5);
  assert.deepEqual(flipAxes(flipAxes(l, s, [1, 2]), s, [1, 2]), l);
});
