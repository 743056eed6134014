import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signedDistance } from './distance-transform.js';
import { floodFillAtVoxel, floodFillPlane } from './flood-fill.js';
import { interpolateBetweenSlices, planesWithLabel } from './interpolate-slices.js';
import { connectedComponents, keepLargestIsland, removeSmallIslands } from './islands.js';
import type { Dims } from './voxel-grid.js';
import { planeLayout, readPlane, voxelIndex } from './voxel-grid.js';

function disk(labels: Uint8Array, dims: Dims, k: number, ci: number, cj: number, r: number, value: number) {
  for (let j = 0; j < dims[1]; j++)
    for (let i = 0; i < dims[0]; i++)
      if ((i - ci) ** 2 + (j - cj) ** 2 <= r * r) labels[voxelIndex(dims, i, j, k)] = value;
}

test('planeLayout addresses planes on every axis', () => {
  const dims: Dims = [4, 3, 2];
  const vol = Uint8Array.from({ length: 24 }, (_, q) => q);
  assert.deepEqual(
    Array.from(readPlane(vol, dims, { axis: 2, index: 1 })),
    [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23],
  );
  const l = planeLayout(dims, { axis: 0, index: 2 });
  assert.equal(l.width, 3);
  assert.equal(l.height, 2);
  assert.equal(l.toVolume(1, 1), voxelIndex(dims, 2, 1, 1));
});

test('flood fill stays inside the region of the seed label, respects ranges and locks', () => {
  const dims: Dims = [10, 10, 3];
  const labels = new Uint8Array(300);
  // a wall of label 1 along i = 5 on slice 1 splits it in two halves
  for (let j = 0; j < 10; j++) labels[voxelIndex(dims, 5, j, 1)] = 1;
  const left = floodFillPlane(labels, dims, { axis: 2, index: 1 }, [2, 2], 3);
  assert.equal(left.length, 50);
  for (const q of left) assert.ok(q % 10 < 5 && Math.floor(q / 100) === 1);
  const scan = new Float32Array(300);
  for (let q = 0; q < 300; q++) scan[q] = q % 10; // grey value = i
  const ranged = floodFillPlane(labels, dims, { axis: 2, index: 1 }, [2, 2], 3, { scan, range: [1, 3] });
  assert.equal(ranged.length, 30);
  assert.equal(
    floodFillPlane(labels, dims, { axis: 2, index: 1 }, [5, 0], 2, { locked: new Set([1]) }).length,
    0,
  );
  assert.equal(floodFillPlane(labels, dims, { axis: 2, index: 1 }, [5, 0], 1).length, 0);
  // through a voxel on a plane normal to i: the wall i = 5 on slice 1 is one row of 10 voxels
  assert.equal(floodFillAtVoxel(labels, dims, [5, 3, 1], 0, 4).length, 10);
});

test('signed distance is negative inside, positive outside', () => {
  const mask = new Uint8Array(25);
  mask[12] = 1;
  const d = signedDistance(mask, 5, 5);
  assert.equal(d[12], -0.5);
  assert.equal(d[13], 0.5);
  assert.ok(Math.abs(d[0]! - (Math.SQRT2 * 2 - 0.5)) < 1e-6);
});

test('interpolation fills the slices between two discs with discs of intermediate radius', () => {
  const dims: Dims = [32, 32, 9];
  const labels = new Uint8Array(32 * 32 * 9);
  disk(labels, dims, 0, 16, 16, 4, 1);
  disk(labels, dims, 8, 16, 16, 8, 1);
  assert.deepEqual(planesWithLabel(labels, dims, 2, 1), [0, 8]);
  const fill = interpolateBetweenSlices(labels, dims, 2, 1);
  for (const q of fill) labels[q] = 1;
  const area = (k: number) =>
    readPlane(labels, dims, { axis: 2, index: k }).reduce((a, b) => a + (b ? 1 : 0), 0);
  for (let k = 1; k < 8; k++) {
    const r = 4 + (4 * k) / 8;
    assert.ok(Math.abs(area(k) - Math.PI * r * r) < 2 * Math.PI * r + 4, `slice ${k}: area ${area(k)}`);
    assert.ok(area(k) >= area(k - 1));
  }
  assert.equal(labels[voxelIndex(dims, 16, 16, 4)], 1);
  assert.equal(labels[voxelIndex(dims, 2, 2, 4)], 0);
});

test('interpolation leaves locked labels alone', () => {
  const dims: Dims = [16, 16, 5];
  const labels = new Uint8Array(16 * 16 * 5);
  disk(labels, dims, 0, 8, 8, 4, 1);
  disk(labels, dims, 4, 8, 8, 4, 1);
  labels[voxelIndex(dims, 8, 8, 2)] = 2;
  const fill = interpolateBetweenSlices(labels, dims, 2, 1, { locked: new Set([2]) });
  assert.ok(!fill.includes(voxelIndex(dims, 8, 8, 2)));
  assert.ok(fill.includes(voxelIndex(dims, 8, 9, 2)));
});

test('islands: components, keep largest, remove small', () => {
  const dims: Dims = [10, 10, 10];
  const labels = new Uint8Array(1000);
  for (let k = 0; k < 3; k++)
    for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) labels[voxelIndex(dims, i, j, k)] = 1;
  labels[voxelIndex(dims, 8, 8, 8)] = 1;
  labels[voxelIndex(dims, 8, 8, 7)] = 1;
  labels[voxelIndex(dims, 5, 0, 0)] = 1;
  labels[voxelIndex(dims, 6, 6, 6)] = 2;
  const { components } = connectedComponents(labels, dims, 1);
  assert.deepEqual(
    components.map((c) => c.length),
    [27, 2, 1],
  );
  assert.equal(keepLargestIsland(labels, dims, 1).length, 3);
  assert.deepEqual(removeSmallIslands(labels, dims, 1, 2), [voxelIndex(dims, 5, 0, 0)]);
  assert.deepEqual(keepLargestIsland(labels, dims, 9), []);
});
