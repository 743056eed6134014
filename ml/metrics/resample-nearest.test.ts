import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCase } from './evaluate-case.js';
import { needsResampling, resampleNearest } from './resample-nearest.js';
import { labelMap, paintBox, type Dims } from './testing/shapes.js';

test('a half-resolution prediction is resampled onto the GT grid (nearest, round half up)', () => {
  const gt = labelMap([8, 6, 4], [1, 1, 1]);
  paintBox(gt, [2, 2, 0], [5, 3, 3], 2);
  const coarse = labelMap([4, 3, 2], [2, 2, 2]);
  paintBox(coarse, [1, 1, 0], [2, 1, 1], 2); // covers GT voxels 2…5 × 2…3 × 0…3 at half resolution
  // GT voxel i maps to coarse index i/2; i = 1 → 0.5 → rounds up to 1, so GT voxels 1…4 (not 2…5) are
  // labelled; GT k = 3 maps to 1.5, outside the coarse grid's [−0.5, 1.5), so it gets 0
  assert.equal(needsResampling(gt, coarse), true);
  const out = resampleNearest(coarse, gt);
  assert.ok(out instanceof Uint8Array);
  const expect = labelMap([8, 6, 4], [1, 1, 1]);
  paintBox(expect, [1, 1, 0], [4, 2, 2], 2);
  assert.deepEqual(Array.from(out), Array.from(expect.voxels));
  const r = evaluateCase(gt, coarse);
  assert.equal(r.resampled, true);
  assert.equal(r.image!.intersection, 3 * 1 * 3);
});

test('origin offsets and flipped directions are honoured; outside the prediction is 0', () => {
  const dims: Dims = [5, 4, 3];
  const gt = { ...labelMap(dims, [1, 1, 1]), origin: [10, 0, 0] as Dims };
  const pred = {
    ...labelMap([5, 4, 3], [1, 1, 1.5]),
    origin: [14, 0, 0] as Dims,
    direction: [-1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  pred.voxels.fill(1);
  // pred voxel i sits at x = 14 − i, i.e. x ∈ [10, 14]: all GT columns; along k pred covers z ∈ [−0.75, 3.75)
  const out = resampleNearest(pred, gt);
  assert.ok(Array.from(out).every((x) => x === 1));
  const shiftedGt = { ...gt, origin: [12, 0, 0] as Dims }; // GT x ∈ [12, 16]: pred covers up to x = 14.5
  const out2 = resampleNearest(pred, shiftedGt);
  const row = Array.from(out2).slice(0, 5);
  assert.deepEqual(row, [1, 1, 1, 0, 0]);
  // same size and spacing: no resampling, whatever the origin (as the official script)
  assert.equal(needsResampling(gt, { ...labelMap(dims, [1, 1, 1]), origin: [99, 0, 0] }), false);
});
