import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanAndStd, median, percentileInPlace, roundHalfEven, selectKth } from './numeric.js';

test('roundHalfEven matches Python round', () => {
  const cases: [number, number][] = [
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [-0.5, -0],
    [-1.5, -2],
    [-2.5, -2],
    [2.4999, 2],
    [2.5001, 3],
    [7, 7],
  ];
  for (const [x, r] of cases) assert.equal(roundHalfEven(x), r, String(x));
});

test('percentiles follow NumPy linear interpolation', () => {
  // np.percentile([4, 1, 3, 2], [0.5, 50, 99.5]) = [1.015, 2.5, 3.985]
  assert.ok(Math.abs(percentileInPlace(Float64Array.from([4, 1, 3, 2]), 0.5) - 1.015) < 1e-12);
  assert.equal(percentileInPlace(Float64Array.from([4, 1, 3, 2]), 50), 2.5);
  assert.ok(Math.abs(percentileInPlace(Float64Array.from([4, 1, 3, 2]), 99.5) - 3.985) < 1e-12);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(percentileInPlace(Float64Array.from([7]), 99.5), 7);
});

test('selectKth agrees with sorting on random data with duplicates', () => {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
  for (let trial = 0; trial < 50; trial++) {
    const n = 1 + Math.floor(next() * 200);
    const values = Float64Array.from({ length: n }, () => Math.floor(next() * 20));
    const sorted = [...values].sort((a, b) => a - b);
    const k = Math.floor(next() * n);
    assert.equal(selectKth(values, k), sorted[k]);
  }
});

test('mean and population std', () => {
  const { mean, std } = meanAndStd([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(mean, 5);
  assert.equal(std, 2);
});
