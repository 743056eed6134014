// Unit tests of binary dilation / erosion / closing (box and cross elements) against brute force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { close, dilate, erode, FACE_NEIGHBOURS, type Radius } from './morphology.js';

const dims = [7, 5, 6] as const;
const N = 7 * 5 * 6;
const at = (i: number, j: number, k: number) => i + 7 * (j + 5 * k);
const pseudoMask = (density: number, salt = 0) =>
  Uint8Array.from({ length: N }, (_, i) => ((((i + salt) * 2654435761) >>> 0) % 100 < density ? 1 : 0));

/** OR / AND over the in-grid voxels of the element around every voxel. */
function brute(m: Uint8Array, r: Radius, cross: boolean, isErode: boolean): Uint8Array {
  const out = new Uint8Array(N);
  for (let k = 0; k < 6; k++)
    for (let j = 0; j < 5; j++)
      for (let i = 0; i < 7; i++) {
        let acc = isErode ? 1 : 0;
        for (let c = k - r[2]; c <= k + r[2]; c++)
          for (let b = j - r[1]; b <= j + r[1]; b++)
            for (let a = i - r[0]; a <= i + r[0]; a++) {
              if (a < 0 || b < 0 || c < 0 || a > 6 || b > 4 || c > 5) continue;
              const offAxes = (a !== i ? 1 : 0) + (b !== j ? 1 : 0) + (c !== k ? 1 : 0);
              if (cross && offAxes > 1) continue;
              acc = isErode ? acc & m[at(a, b, c)]! : acc | m[at(a, b, c)]!;
            }
        out[at(i, j, k)] = acc;
      }
  return out;
}

test('box and cross dilation / erosion equal the brute-force window OR / AND', () => {
  const cases: [number, Radius, boolean][] = [
    [40, [1, 2, 1], false],
    [10, [2, 0, 1], false],
    [30, [3, 9, 2], false], // wider than the grid along j
    [70, [1, 1, 1], true],
    [40, [1, 0, 1], true],
    [20, [0, 1, 0], true],
    [50, [0, 0, 0], true],
  ];
  for (const [density, r, crossToo] of cases) {
    const m = pseudoMask(density);
    for (const element of crossToo ? (['box', 'cross'] as const) : (['box'] as const)) {
      const cross = element === 'cross';
      assert.deepEqual(dilate(m, dims, r, element), brute(m, r, cross, false), `dilate ${element} ${r}`);
      assert.deepEqual(erode(m, dims, r, element), brute(m, r, cross, true), `erode ${element} ${r}`);
    }
  }
  assert.throws(() => dilate(pseudoMask(10), dims, [2, 1, 1], 'cross'), RangeError);
});

test('the default element is the box; results are new arrays; closing is dilation then erosion', () => {
  const m = pseudoMask(35, 3);
  assert.deepEqual(dilate(m, dims, [1, 1, 1]), brute(m, [1, 1, 1], false, false));
  const same = dilate(m, dims, [0, 0, 0]);
  assert.notEqual(same, m);
  assert.deepEqual(same, m);
  for (const element of ['box', 'cross'] as const) {
    const r: Radius = element === 'box' ? [1, 2, 1] : [1, 1, 0];
    const cross = element === 'cross';
    const expected = brute(brute(m, r, cross, false), r, cross, true);
    assert.deepEqual(close(m, dims, r, element), expected);
  }
});

test('one face-neighbour step grows a single voxel into a 7-voxel cross, clipped at the border', () => {
  const m = new Uint8Array(N);
  m[at(3, 2, 2)] = 1;
  m[at(0, 0, 0)] = 1;
  const d = dilate(m, dims, FACE_NEIGHBOURS, 'cross');
  assert.equal(
    d.reduce((s, x) => s + x, 0),
    7 + 4,
  );
  for (const [i, j, k] of [
    [2, 2, 2],
    [4, 2, 2],
    [3, 1, 2],
    [3, 3, 2],
    [3, 2, 1],
    [3, 2, 3],
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ])
    assert.equal(d[at(i!, j!, k!)], 1);
});
