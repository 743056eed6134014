// Unit tests of the flat-volume index helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axisLayout, radiusVoxels } from './grid.js';

test('axisLayout: index = (o·n + t)·inner + r along every axis', () => {
  const dims = [4, 3, 5] as const;
  for (const axis of [0, 1, 2] as const) {
    const { outer, n, inner } = axisLayout(dims, axis);
    assert.equal(outer * n * inner, 60);
    assert.equal(n, dims[axis]);
    // stepping t by one moves one voxel along the axis
    const i = 1;
    const j = 2;
    const k = 3;
    const at = (a: number, b: number, c: number) => a + 4 * (b + 3 * c);
    const next = axis === 0 ? at(i + 1, j, k) : axis === 1 ? at(i, j + 1, k) : at(i, j, k + 1);
    assert.equal(next - at(i, j, k), inner);
  }
});

test('radiusVoxels rounds mm / spacing and applies the minimum', () => {
  assert.deepEqual(radiusVoxels(2, [0.4, 0.5, 3]), [5, 4, 1]);
  assert.deepEqual(radiusVoxels(0.1, [0.4, 0.5, 3], 1), [1, 1, 1]);
  assert.deepEqual(radiusVoxels(0, [1, 1, 1]), [0, 0, 0]);
});
