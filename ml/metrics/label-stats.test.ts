import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairStats } from './label-stats.js';

test('counts, intersections and boxes per label, including large and non-integer values', () => {
  const dims = [4, 2, 1] as const;
  // index = i + 4·j
  const gt = Float32Array.from([0, 1, 1, 70000, 0, 2.5, -3, 0]);
  const pred = Float32Array.from([1, 1, 0, 70000, 2.5, 2.5, 0, 9]);
  const s = pairStats(gt, pred, dims);
  assert.deepEqual(s.foreground, {
    gtVoxels: 4, // negative values are background
    predVoxels: 6,
    intersection: 3,
    box: { min: [0, 0, 0], max: [3, 1, 0] },
  });
  assert.deepEqual(
    [...s.labels.keys()].sort((a, b) => a - b),
    [1, 2.5, 9, 70000],
  );
  assert.deepEqual(s.labels.get(1), {
    gtVoxels: 2,
    predVoxels: 2,
    intersection: 1,
    box: { min: [0, 0, 0], max: [2, 0, 0] },
  });
  assert.deepEqual(s.labels.get(2.5), {
    gtVoxels: 1,
    predVoxels: 2,
    intersection: 1,
    box: { min: [0, 1, 0], max: [1, 1, 0] },
  });
  assert.deepEqual(s.labels.get(70000)!.intersection, 1);
  assert.deepEqual(s.labels.get(9), {
    gtVoxels: 0,
    predVoxels: 1,
    intersection: 0,
    box: { min: [3, 1, 0], max: [3, 1, 0] },
  });
});
