import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Shape3 } from './layout.js';
import { planTargetSpacing } from './target-spacing.js';

test('target spacing is the per-axis median (NumPy: mean of the middle two for an even count)', () => {
  const spacings: Shape3[] = [
    [0.3, 0.25, 0.25],
    [0.4, 0.2, 0.3],
    [0.2, 0.3, 0.25],
    [0.35, 0.25, 0.2],
  ];
  const t = planTargetSpacing(spacings);
  assert.ok(Math.abs(t[0] - 0.325) < 1e-12);
  assert.equal(t[1], 0.25);
  assert.equal(t[2], 0.25);
  // with shapes but no anisotropy: unchanged
  const shapes: Shape3[] = spacings.map(() => [300, 600, 600]);
  assert.deepEqual(planTargetSpacing(spacings, shapes), t);
});

test('nnU-Net anisotropy rule: 10th percentile of the coarse axis when it is coarse and short', () => {
  // ACDC-like: 10 mm slices, 1.5 mm in plane, few slices
  const spacings: Shape3[] = [
    [10, 1.5, 1.5],
    [10, 1.5, 1.5],
    [6, 1.4, 1.4],
    [5, 1.6, 1.6],
    [10, 1.5, 1.5],
  ];
  const shapes: Shape3[] = spacings.map(() => [10, 200, 200]);
  const t = planTargetSpacing(spacings, shapes);
  // percentile 10 of [5, 6, 10, 10, 10] = 5 + 0.4·1 = 5.4
  assert.ok(Math.abs(t[0] - 5.4) < 1e-12);
  assert.deepEqual(t.slice(1), [1.5, 1.5]);
  // not short along the coarse axis → plain median
  assert.equal(
    planTargetSpacing(
      spacings,
      spacings.map(() => [100, 200, 200]),
    )[0],
    10,
  );
});

test('bad input is rejected by name', () => {
  assert.throws(() => planTargetSpacing([]), /spacings/);
  assert.throws(() => planTargetSpacing([[1, -1, 1]]), /spacings\[0\]/);
});
