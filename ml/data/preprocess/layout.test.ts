import { test } from 'node:test';
import assert from 'node:assert/strict';
import { voxelIndex } from '../io/volume.js';
import {
  dimsFromShape,
  flatIndex,
  networkSpacing,
  shapeFromDims,
  toChannelsFirst,
  toChannelsLast,
} from './layout.js';

test('a volume buffer is the C-order array [k][j][i]: network axes D0 = k, D1 = j, D2 = i', () => {
  const dims: [number, number, number] = [5, 4, 3];
  const shape = shapeFromDims(dims);
  assert.deepEqual(shape, [3, 4, 5]);
  assert.deepEqual(dimsFromShape(shape), dims);
  assert.deepEqual(networkSpacing([0.25, 0.26, 0.3]), [0.3, 0.26, 0.25]);
  for (let k = 0; k < 3; k++)
    for (let j = 0; j < 4; j++)
      for (let i = 0; i < 5; i++) assert.equal(flatIndex(shape, k, j, i), voxelIndex(dims, i, j, k));
});

test('channels-first ↔ channels-last', () => {
  const cf = Float32Array.from([0, 1, 2, 10, 11, 12]); // C = 2, 3 voxels
  const cl = toChannelsLast(cf, 2);
  assert.deepEqual([...cl], [0, 10, 1, 11, 2, 12]);
  assert.deepEqual([...toChannelsFirst(cl, 2)], [...cf]);
});
