import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Geometry } from '../../../electron/contract/types.js';
import { scalarsFromPayload } from './scan-volume.js';
import { nearestVoxel, voxelToWorld, worldToVoxel } from './voxel-geometry.js';

const g: Geometry = {
  dims: [10, 20, 30],
  spacing: [0.5, 0.25, 2],
  origin: [100, -50, 7],
  // i → patient right (−x), j → superior (+z), k → anterior (−y): an unusual but orthonormal frame
  direction: [-1, 0, 0, 0, 0, 1, 0, -1, 0],
};

test('voxel ↔ world round trip with a rotated, anisotropic grid', () => {
  const w = voxelToWorld(g, [2, 4, 3]);
  assert.deepEqual(w, [99, -56, 8]);
  assert.deepEqual(worldToVoxel(g, w), [2, 4, 3]);
  assert.deepEqual(nearestVoxel(g, [99.1, -55.9, 8.05]), [2, 4, 3]);
  assert.equal(nearestVoxel(g, [200, 0, 0]), null);
});

test('payload bytes become Cornerstone-compatible typed arrays', () => {
  const header = { ...g, dims: [2, 1, 1] as [number, number, number], dataType: 'int16' as const };
  const bytes = new Uint8Array(new Int16Array([-5, 300]).buffer);
  assert.deepEqual(Array.from(scalarsFromPayload(header, bytes)), [-5, 300]);
  const odd = new Uint8Array(5);
  odd.set(bytes, 1);
  assert.deepEqual(
    Array.from(scalarsFromPayload(header, odd.subarray(1))),
    [-5, 300],
    'unaligned views are copied',
  );
  const f64 = new Uint8Array(new Float64Array([1.5, -2]).buffer);
  const widened = scalarsFromPayload({ ...header, dataType: 'float64' }, f64);
  assert.ok(widened instanceof Float32Array);
  assert.deepEqual(Array.from(widened), [1.5, -2]);
  const i8 = scalarsFromPayload({ ...header, dataType: 'int8' }, new Uint8Array([255, 1]));
  assert.ok(i8 instanceof Int16Array);
  assert.deepEqual(Array.from(i8), [-1, 1]);
  assert.throws(() => scalarsFromPayload(header, new Uint8Array(3)), /expected 4/);
});
