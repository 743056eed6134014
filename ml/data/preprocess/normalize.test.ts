import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertIntensityProperties, ctNormalize } from './normalize.js';

const props = { mean: 100, std: 50, percentile_00_5: 0, percentile_99_5: 300, median: 90, min: -5, max: 400 };

test('CTNormalization clips to the percentiles, then z-scores with the fingerprint mean and std', () => {
  const out = ctNormalize(Int16Array.from([-1000, 0, 50, 100, 175, 300, 3000]), props);
  // (clip(x, 0, 300) − 100) / 50
  assert.deepEqual([...out], [-2, -2, -1, 0, 1.5, 4, 4]);
  assert.ok(out instanceof Float32Array);
});

test('a zero std is replaced by 1e-8', () => {
  const out = ctNormalize([1, 2], { ...props, mean: 1, std: 0, percentile_00_5: 0, percentile_99_5: 10 });
  assert.equal(out[0], 0);
  assert.equal(out[1], Math.fround(1e8));
});

test('invalid constants are rejected by name', () => {
  assert.throws(() => assertIntensityProperties({ ...props, std: NaN }), /intensity\.std/);
  assert.throws(
    () => assertIntensityProperties({ ...props, percentile_00_5: 400, percentile_99_5: 300 }),
    /percentile_00_5/,
  );
});
