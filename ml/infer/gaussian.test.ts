// The Gaussian importance map against hand computations (nnU-Net `compute_gaussian` semantics).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeGaussian, gaussianAxis } from './gaussian.js';

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('σ = patch/8: separable exp(−d²/2σ²) with its maximum 1 at index patch//2', () => {
  // patch 8 → σ = 1, centre 4, support int(4·1 + 0.5) = 4: every index 0…7 lies within it.
  const axis = gaussianAxis(8, 1 / 8);
  const hand = [
    Math.exp(-8),
    Math.exp(-4.5),
    Math.exp(-2),
    Math.exp(-0.5),
    1,
    Math.exp(-0.5),
    Math.exp(-2),
    Math.exp(-4.5),
  ];
  hand.forEach((v, i) => close(axis[i]!, v, 1e-15, `axis[${i}]`));
  const g = computeGaussian([8, 16, 4]);
  assert.equal(g.clamped, false);
  // σ = (1, 2, 0.5); value at (a, b, c) = exp(−((a−4)²/2 + (b−8)²/8 + (c−2)²/0.5)).
  const at = (a: number, b: number, c: number) => g.values[(a * 16 + b) * 4 + c]!;
  assert.equal(at(4, 8, 2), 1);
  close(at(3, 8, 2), Math.fround(Math.exp(-0.5)), 0, '(3,8,2)');
  close(at(4, 6, 2), Math.fround(Math.exp(-0.5)), 0, '(4,6,2)');
  close(at(4, 8, 1), Math.fround(Math.exp(-2)), 0, '(4,8,1)');
  close(at(0, 0, 0), Math.fround(Math.exp(-8) * Math.exp(-8) * Math.exp(-8)), 1e-6, '(0,0,0)');
  let max = 0;
  for (const v of g.values) max = Math.max(max, v);
  assert.equal(max, 1);
  const scaled = computeGaussian([8, 16, 4], 1 / 8, 10);
  close(scaled.values[(4 * 16 + 8) * 4 + 2]!, 10, 0, 'valueScale sets the maximum');
});

test('zeros outside the truncated support are clamped to the smallest non-zero value', () => {
  // patch 16 with σ = 16/16 = 1: support radius int(4.5) = 4 around index 8, so indices 0…3 are 0 → clamped.
  const axis = gaussianAxis(16, 1 / 16);
  assert.deepEqual(Array.from(axis.subarray(0, 4)), [0, 0, 0, 0]);
  close(axis[4]!, Math.exp(-8), 1e-15, 'edge of the support');
  close(axis[12]!, Math.exp(-8), 1e-15, 'other edge');
  const g = computeGaussian([16, 4, 4], 1 / 16);
  assert.equal(g.clamped, true);
  // The smallest non-zero value: the support edge on axis 0 times the smallest values of axes 1 and 2
  // (σ = 0.25, radius int(1.5) = 1 around index 2: index 0 is outside → 0, so their minimum is exp(−8) at 1 or 3).
  const min = Math.fround(Math.exp(-8) * Math.exp(-8) * Math.exp(-8));
  const at = (a: number, b: number, c: number) => g.values[(a * 4 + b) * 4 + c]!;
  close(at(0, 0, 0), min, 1e-6, 'clamped corner');
  close(at(2, 2, 2), min, 1e-6, 'clamped inside axis 0 gap');
  close(at(4, 1, 1), min, 1e-6, 'the minimum itself');
  for (const v of g.values) assert.ok(v > 0);
});
