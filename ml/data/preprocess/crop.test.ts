import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Shape3 } from './layout.js';
import { flatIndex, shapeSize } from './layout.js';
import { boxShape, cropArray, nonzeroBoundingBox, nonzeroMask, uncropArray } from './crop.js';

const shape: Shape3 = [4, 5, 6];

function withOnes(points: [number, number, number][]): Float32Array {
  const v = new Float32Array(shapeSize(shape));
  for (const [a, b, c] of points) v[flatIndex(shape, a, b, c)] = 1;
  return v;
}

test('bounding box of the non-zero voxels, [lower, upper) per network axis', () => {
  const v = withOnes([
    [1, 2, 3],
    [2, 1, 4],
    [1, 3, 2],
  ]);
  v[flatIndex(shape, 2, 2, 2)] = -7; // negative counts as non-zero
  assert.deepEqual(nonzeroBoundingBox(v, shape), [
    [1, 3],
    [1, 4],
    [2, 5],
  ]);
  // all zero → whole extent
  assert.deepEqual(nonzeroBoundingBox(new Float32Array(shapeSize(shape)), shape), [
    [0, 4],
    [0, 5],
    [0, 6],
  ]);
});

test('non-zero mask fills enclosed holes only (6-connected background)', () => {
  const s: Shape3 = [5, 5, 5];
  const v = new Int16Array(125);
  // a closed shell 1..3 in every axis, with its centre (2,2,2) empty: a hole
  for (let a = 1; a <= 3; a++)
    for (let b = 1; b <= 3; b++) for (let c = 1; c <= 3; c++) v[flatIndex(s, a, b, c)] = 5;
  v[flatIndex(s, 2, 2, 2)] = 0;
  const filled = nonzeroMask(v, s);
  assert.equal(filled[flatIndex(s, 2, 2, 2)], 1);
  assert.equal(filled[flatIndex(s, 0, 0, 0)], 0);
  assert.equal(nonzeroMask(v, s, false)[flatIndex(s, 2, 2, 2)], 0);
  // open a tunnel from the hole to the border along axis 2: no longer a hole
  v[flatIndex(s, 2, 2, 3)] = 0;
  assert.equal(nonzeroMask(v, s)[flatIndex(s, 2, 2, 2)], 0);
  // the box of the filled mask is the box of the raw non-zero voxels
  const box = nonzeroBoundingBox(v, s);
  assert.deepEqual(nonzeroBoundingBox(filled, s), box);
});

test('crop then un-crop restores the array with zeros outside the box', () => {
  const v = new Uint8Array(shapeSize(shape)).map((_, n) => (n * 7) % 11);
  const box = nonzeroBoundingBox(
    withOnes([
      [1, 1, 1],
      [2, 3, 4],
    ]),
    shape,
  );
  const cropped = cropArray(v, shape, box);
  assert.ok(cropped instanceof Uint8Array);
  assert.equal(cropped.length, shapeSize(boxShape(box)));
  const back = uncropArray(cropped, box, shape);
  for (let a = 0; a < shape[0]; a++)
    for (let b = 0; b < shape[1]; b++)
      for (let c = 0; c < shape[2]; c++) {
        const inside = a >= 1 && a < 3 && b >= 1 && b < 4 && c >= 1 && c < 5;
        const n = flatIndex(shape, a, b, c);
        assert.equal(back[n], inside ? v[n] : 0);
      }
});
