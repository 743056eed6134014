import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../util/rng.js';
import { squaredEdt3d } from './edt.js';

type Dims = [number, number, number];

function bruteSquared(features: Dims[], dims: Dims, s: Dims): Float64Array {
  const [nx, ny, nz] = dims;
  const out = new Float64Array(nx * ny * nz).fill(Infinity);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        let best = Infinity;
        for (const [a, b, c] of features) {
          const dz = (k - c) * s[2];
          const dy = (j - b) * s[1];
          const dx = (i - a) * s[0];
          best = Math.min(best, dz * dz + dy * dy + dx * dx);
        }
        out[i + nx * (j + ny * k)] = best;
      }
  return out;
}

function gridWith(features: Dims[], dims: Dims): Float64Array {
  const g = new Float64Array(dims[0] * dims[1] * dims[2]).fill(Infinity);
  for (const [i, j, k] of features) g[i + dims[0] * (j + dims[1] * k)] = 0;
  return g;
}

test('matches all-pairs squared distances on random anisotropic grids', () => {
  const rng = createRng(11);
  for (let trial = 0; trial < 40; trial++) {
    const dims: Dims = [rng.int(1, 13), rng.int(1, 11), rng.int(1, 9)];
    const s: Dims = [rng.uniform(0.2, 3), rng.uniform(0.2, 3), rng.uniform(0.2, 3)];
    const features: Dims[] = [];
    const count = rng.int(1, 6);
    for (let f = 0; f < count; f++)
      features.push([rng.int(0, dims[0] - 1), rng.int(0, dims[1] - 1), rng.int(0, dims[2] - 1)]);
    const g = gridWith(features, dims);
    squaredEdt3d(g, dims, s);
    const want = bruteSquared(features, dims, s);
    for (let n = 0; n < g.length; n++)
      assert.ok(
        Math.abs((g[n] as number) - (want[n] as number)) <= 1e-12 * (1 + (want[n] as number)),
        `trial ${trial} voxel ${n}`,
      );
  }
});

test('hand values: one feature, spacing (0.5, 2, 3)', () => {
  const dims: Dims = [4, 3, 2];
  const g = gridWith([[0, 0, 0]], dims);
  squaredEdt3d(g, dims, [0.5, 2, 3]);
  assert.equal(g[3], 1.5 * 1.5); // (3, 0, 0)
  assert.equal(g[4 * 2], 16); // (0, 2, 0)
  assert.equal(g[3 + 4 * (2 + 3 * 1)], 9 + 16 + 2.25); // (3, 2, 1)
});

test('no feature stays infinite; all features stay zero', () => {
  const dims: Dims = [3, 2, 2];
  const none = gridWith([], dims);
  squaredEdt3d(none, dims, [1, 1, 1]);
  assert.ok(none.every((x) => x === Infinity));
  const all = new Float64Array(12);
  squaredEdt3d(all, dims, [1, 1, 1]);
  assert.ok(all.every((x) => x === 0));
});

test('rows flags: flagged lines are final', () => {
  const dims: Dims = [6, 5, 4];
  const features: Dims[] = [
    [1, 1, 1],
    [5, 4, 0],
  ];
  const full = gridWith(features, dims);
  squaredEdt3d(full, dims, [1, 0.5, 2]);
  const rows = new Uint8Array(5 * 4);
  rows[3 + 5 * 2] = 1; // line j = 3, k = 2
  const part = gridWith(features, dims);
  squaredEdt3d(part, dims, [1, 0.5, 2], rows);
  const start = 6 * (3 + 5 * 2);
  assert.deepEqual(part.subarray(start, start + 6), full.subarray(start, start + 6));
});
