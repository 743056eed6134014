import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../util/rng.js';
import { nsdFromDistances, surfaceDistances } from './surface-distance.js';
import { bruteDistances, bruteNsd, bruteSurfels } from './testing/brute-force-nsd.js';
import { labelMap, paintBall, paintBox, randomBlobs, shifted, type Dims } from './testing/shapes.js';
import type { Box } from './types.js';

function unionBox(a: ArrayLike<number>, b: ArrayLike<number>, dims: Dims): Box | null {
  const [nx, ny] = dims;
  let box: Box | null = null;
  for (let n = 0; n < a.length; n++) {
    if (!((a[n] as number) > 0 || (b[n] as number) > 0)) continue;
    const p: Dims = [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))];
    if (!box) box = { min: [...p], max: [...p] };
    for (let x = 0; x < 3; x++) {
      box.min[x] = Math.min(box.min[x]!, p[x]!);
      box.max[x] = Math.max(box.max[x]!, p[x]!);
    }
  }
  return box;
}

function fastNsd(
  gt: ArrayLike<number>,
  pred: ArrayLike<number>,
  dims: Dims,
  spacing: Dims,
  tau: number,
): number {
  const box = unionBox(gt, pred, dims)!;
  return nsdFromDistances(
    surfaceDistances({ voxels: gt, label: null }, { voxels: pred, label: null }, dims, spacing, box),
    tau,
  );
}

test('EDT-based surfels and distances equal the all-pairs reference on random shapes', () => {
  const rng = createRng(2024);
  let compared = 0;
  for (let trial = 0; trial < 30; trial++) {
    const dims: Dims = [rng.int(3, 12), rng.int(3, 12), rng.int(2, 9)];
    const spacing: Dims = [rng.uniform(0.2, 1.6), rng.uniform(0.2, 1.6), rng.uniform(0.2, 2.5)];
    const gt = randomBlobs(3 * trial + 1, dims);
    const pred = randomBlobs(3 * trial + 2, dims);
    if (!gt.some((x) => x > 0) || !pred.some((x) => x > 0)) continue;
    compared++;
    const d = surfaceDistances(
      { voxels: gt, label: null },
      { voxels: pred, label: null },
      dims,
      spacing,
      unionBox(gt, pred, dims)!,
    );
    const bg = bruteSurfels(gt, dims, spacing);
    const bp = bruteSurfels(pred, dims, spacing);
    assert.equal(d.gt.area.length, bg.areas.length, `trial ${trial}: number of GT surfels`);
    assert.equal(d.pred.area.length, bp.areas.length, `trial ${trial}: number of predicted surfels`);
    // both list surfels in lattice order (i fastest), so they pair up one to one
    const dg = bruteDistances(bg, bp, spacing);
    const dp = bruteDistances(bp, bg, spacing);
    bg.areas.forEach((a, n) => assert.ok(Math.abs(a - (d.gt.area[n] as number)) <= 1e-12));
    dg.forEach((x, n) =>
      assert.ok(Math.abs(x - (d.gt.distance[n] as number)) <= 1e-9, `trial ${trial} gt surfel ${n}`),
    );
    dp.forEach((x, n) =>
      assert.ok(Math.abs(x - (d.pred.distance[n] as number)) <= 1e-9, `trial ${trial} pred surfel ${n}`),
    );
    for (const tau of [0, 0.5, 1, 2, 3.3]) {
      const want = bruteNsd(gt, pred, dims, spacing, tau);
      assert.ok(Math.abs(fastNsd(gt, pred, dims, spacing, tau) - want) <= 1e-9, `trial ${trial} τ=${tau}`);
    }
  }
  assert.ok(compared >= 25, `${compared} non-empty pairs`);
});

test('hand-computed NSD with anisotropic spacing (3, 1, 2) mm', () => {
  // GT: voxels i = 0, 1 (row along i); prediction: voxel i = 0 only.
  // GT surfels: 8 one-corner cells of area A1 = √((1·2)² + (3·2)² + (3·1)²)/8 = 7/8 at lattice u = 0 and 2,
  // and 4 two-corner cells of area A2 = 3·√(1² + 2²)/2 at u = 1. Prediction: 8 × A1 at u = 0 and 1.
  // Within τ = 2: every prediction surfel coincides with a GT one; GT surfels at u = 2 are 3 mm away.
  const dims: Dims = [3, 2, 2];
  const spacing: Dims = [3, 1, 2];
  const gt = labelMap(dims, spacing);
  paintBox(gt, [0, 0, 0], [1, 0, 0]);
  const pred = labelMap(dims, spacing);
  paintBox(pred, [0, 0, 0], [0, 0, 0]);
  const a1 = 7 / 8;
  const a2 = (3 * Math.sqrt(5)) / 2;
  const expected = (4 * a1 + 4 * a2 + 8 * a1) / (8 * a1 + 4 * a2 + 8 * a1);
  assert.ok(Math.abs(fastNsd(gt.voxels, pred.voxels, dims, spacing, 2) - expected) < 1e-12);
  assert.ok(Math.abs(fastNsd(gt.voxels, pred.voxels, dims, spacing, 2.999) - expected) < 1e-12);
  assert.equal(fastNsd(gt.voxels, pred.voxels, dims, spacing, 3), 1); // distance ≤ τ counts
});

test('ball shifted by one voxel: NSD 1 when the shift is within τ, brute-force value when it is not', () => {
  const dims: Dims = [16, 15, 14];
  const gt = labelMap(dims, [1, 1, 1]);
  paintBall(gt, [7.3, 7, 6.6], 5.2);
  for (const by of [
    [1, 0, 0],
    [0, -1, 0],
    [0, 0, 1],
  ] as Dims[]) {
    const pred = shifted(gt.voxels, dims, by);
    assert.equal(fastNsd(gt.voxels, pred, dims, [1, 1, 1], 2), 1);
    assert.equal(fastNsd(gt.voxels, pred, dims, [0.3, 0.3, 0.3], 2), 1);
    // 3 mm voxels, τ = 2 mm: only surfels that coincide count
    const spacing: Dims = [3, 3, 3];
    const want = bruteNsd(gt.voxels, pred, dims, spacing, 2);
    assert.ok(want > 0.3 && want < 0.95, `${want}`);
    assert.ok(Math.abs(fastNsd(gt.voxels, pred, dims, spacing, 2) - want) <= 1e-9);
    // anisotropic: shift along a 2.5 mm axis exceeds τ, along a 0.5 mm axis does not
    const aniso: Dims = [2.5, 0.5, 1.5];
    const got = fastNsd(gt.voxels, pred, dims, aniso, 2);
    assert.ok(Math.abs(got - bruteNsd(gt.voxels, pred, dims, aniso, 2)) <= 1e-9);
    if (by[0] === 0) assert.equal(got, 1);
    else assert.ok(got < 1);
  }
});

test('identical masks give NSD 1 and zero distances; an empty side gives +Infinity distances', () => {
  const dims: Dims = [5, 5, 5];
  const m = labelMap(dims, [1, 1, 1]);
  paintBox(m, [1, 1, 1], [3, 2, 3]);
  const d = surfaceDistances(
    { voxels: m.voxels, label: null },
    { voxels: m.voxels, label: null },
    dims,
    [1, 2, 3],
    {
      min: [1, 1, 1],
      max: [3, 2, 3],
    },
  );
  assert.ok(d.gt.distance.every((x) => x === 0));
  assert.equal(nsdFromDistances(d, 0), 1);
  const empty = new Uint8Array(m.voxels.length);
  const e = surfaceDistances(
    { voxels: m.voxels, label: null },
    { voxels: empty, label: null },
    dims,
    [1, 1, 1],
    {
      min: [1, 1, 1],
      max: [3, 2, 3],
    },
  );
  assert.equal(e.pred.area.length, 0);
  assert.ok(e.gt.distance.every((x) => x === Infinity));
  assert.equal(nsdFromDistances(e, 100), 0);
});

test('label selector picks one label value', () => {
  const dims: Dims = [6, 4, 4];
  const m = labelMap(dims, [1, 1, 1]);
  paintBox(m, [0, 0, 0], [1, 3, 3], 1);
  paintBox(m, [3, 0, 0], [5, 3, 3], 2);
  const d = surfaceDistances(
    { voxels: m.voxels, label: 2 },
    { voxels: m.voxels, label: 1 },
    dims,
    [1, 1, 1],
    {
      min: [0, 0, 0],
      max: [5, 3, 3],
    },
  );
  const two = new Uint8Array(m.voxels.map((x) => (x === 2 ? 1 : 0)));
  assert.equal(d.gt.area.length, bruteSurfels(two, dims, [1, 1, 1]).areas.length);
  assert.equal(Math.min(...d.gt.distance), 1); // facing sides of the two boxes: lattice planes u = 2 and u = 3
});
