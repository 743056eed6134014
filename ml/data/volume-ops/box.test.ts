// Unit tests of the voxel-box helpers against hand-made cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundingBox, boxDims, cropBox, forEachInBox, growBox, pasteBox, type Box } from './box.js';

const dims = [6, 5, 4] as const;
const at = (i: number, j: number, k: number) => i + 6 * (j + 5 * k);

test('boundingBox finds the extent of the non-zero voxels, null when empty', () => {
  const m = new Uint8Array(120);
  assert.equal(boundingBox(m, dims), null);
  m[at(4, 1, 2)] = 1;
  m[at(1, 3, 1)] = 7;
  m[at(2, 2, 3)] = 1;
  assert.deepEqual(boundingBox(m, dims), { lo: [1, 1, 1], hi: [4, 3, 3] });
});

test('growBox grows per axis, clipped to the grid only when asked', () => {
  const box: Box = { lo: [1, 1, 1], hi: [4, 3, 2] };
  assert.deepEqual(growBox(box, [2, 1, 0]), { lo: [-1, 0, 1], hi: [6, 4, 2] });
  assert.deepEqual(growBox(box, [2, 1, 0], dims), { lo: [0, 0, 1], hi: [5, 4, 2] });
  assert.deepEqual(boxDims(growBox(box, [2, 1, 0])), [8, 5, 2]);
});

test('cropBox copies a box, reading voxels outside the grid as fill; pasteBox writes it back', () => {
  const data = Float32Array.from({ length: 120 }, (_, n) => n + 1);
  const box: Box = { lo: [-1, 3, 2], hi: [2, 5, 3] }; // reaches outside along i (−1) and j (5)
  const crop = cropBox(data, dims, box, -9);
  assert.ok(crop instanceof Float32Array);
  const [cx, cy] = boxDims(box);
  for (let k = 2; k <= 3; k++)
    for (let j = 3; j <= 5; j++)
      for (let i = -1; i <= 2; i++) {
        const inside = i >= 0 && j < 5;
        const c = i + 1 + cx * (j - 3 + cy * (k - 2));
        assert.equal(crop[c], inside ? data[at(i, j, k)] : -9, `(${i}, ${j}, ${k})`);
      }
  assert.equal(cropBox(data, dims, box)[0], 0); // default fill
  const mask = Uint8Array.from({ length: 120 }, (_, n) => n % 3);
  const inner: Box = { lo: [1, 1, 1], hi: [3, 2, 3] };
  const part = cropBox(mask, dims, inner);
  const back = new Uint8Array(120);
  pasteBox(back, dims, inner, part);
  forEachInBox(inner, dims, (n, c) => assert.equal(back[n], part[c]));
  let visited = 0;
  forEachInBox(box, dims, () => visited++);
  assert.equal(visited, 3 * 2 * 2); // only the voxels inside the grid
});
