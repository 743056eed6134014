// Deep-supervision weights and the consistency ramp (spec §1.4, §3.7): plain numbers, no backend.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consistencyRampLength, consistencyRampWeight, deepSupervisionWeights } from './index.js';

test('deep-supervision weights: 1/2^i, lowest zeroed, normalised by 1.9375', () => {
  const w = deepSupervisionWeights(6);
  assert.deepEqual(
    w.map((v) => Math.round(v * 1000) / 1000),
    [0.516, 0.258, 0.129, 0.065, 0.032, 0],
  );
  [1, 0.5, 0.25, 0.125, 0.0625, 0].forEach((raw, i) => assert.ok(Math.abs(w[i]! - raw / 1.9375) < 1e-15));
  assert.ok(Math.abs(w.reduce((a, v) => a + v, 0) - 1) < 1e-15);
  assert.deepEqual(deepSupervisionWeights(1), [1]);
  assert.deepEqual(deepSupervisionWeights(3), [2 / 3, 1 / 3, 0]);
  assert.throws(() => deepSupervisionWeights(0), RangeError);
});

test('consistency ramp: 50·exp(−5(1 − t/R)²) at 0, R/2, R and beyond', () => {
  const R = 100_000;
  assert.ok(Math.abs(consistencyRampWeight(0, R) - 50 * Math.exp(-5)) < 1e-12);
  assert.ok(Math.abs(consistencyRampWeight(0, R) - 0.336897) < 1e-6);
  assert.ok(Math.abs(consistencyRampWeight(R / 2, R) - 50 * Math.exp(-1.25)) < 1e-12);
  assert.ok(Math.abs(consistencyRampWeight(R / 2, R) - 14.32524) < 1e-6);
  assert.equal(consistencyRampWeight(R, R), 50);
  assert.equal(consistencyRampWeight(3 * R, R), 50);
  assert.equal(consistencyRampWeight(-5, R), consistencyRampWeight(0, R));
  assert.equal(consistencyRampWeight(10, 0), 50);
  // Spec §3.7 spot values: stage 2 epoch 100 (t = 50,000) ≈ 14.3; stage 3 epoch 10 (t = 5,000 of 12,500) ≈ 8.3.
  assert.ok(Math.abs(consistencyRampWeight(100 * 500, R) - 14.3) < 0.05);
  assert.ok(Math.abs(consistencyRampWeight(10 * 500, 12_500) - 8.3) < 0.05);
  assert.equal(consistencyRampLength(0.2, 1000, 500), 100_000);
  assert.equal(consistencyRampLength(0.05, 500, 500), 12_500);
});
