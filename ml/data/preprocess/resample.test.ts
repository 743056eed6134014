import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Shape3 } from './layout.js';
import { flatIndex, shapeSize } from './layout.js';
import { computeNewShape, resampleImage, resizeLabels, resizeLinear } from './resample.js';

function fill<T extends Float32Array | Uint8Array>(
  Ctor: new (n: number) => T,
  shape: Shape3,
  f: (a: number, b: number, c: number) => number,
): T {
  const v = new Ctor(shapeSize(shape));
  for (let a = 0; a < shape[0]; a++)
    for (let b = 0; b < shape[1]; b++)
      for (let c = 0; c < shape[2]; c++) v[flatIndex(shape, a, b, c)] = f(a, b, c);
  return v;
}

const ramp = (a: number, b: number, c: number) => 2 * a + 3 * b - c + 5;
/** PyTorch's source coordinate for align_corners=False, clamped to the valid range. */
const src = (d: number, n: number, m: number) => Math.min(Math.max((d + 0.5) * (n / m) - 0.5, 0), n - 1);

test('trilinear resizing reproduces a linear ramp exactly at the (clamped) source coordinates', () => {
  const inShape: Shape3 = [4, 6, 5];
  const data = fill(Float32Array, inShape, ramp);
  for (const outShape of [
    [7, 3, 10],
    [2, 12, 5],
    [4, 6, 5],
    [1, 1, 1],
  ] as Shape3[]) {
    const out = resizeLinear(data, inShape, outShape);
    for (let a = 0; a < outShape[0]; a++)
      for (let b = 0; b < outShape[1]; b++)
        for (let c = 0; c < outShape[2]; c++) {
          const want = ramp(src(a, 4, outShape[0]), src(b, 6, outShape[1]), src(c, 5, outShape[2]));
          const got = out[flatIndex(outShape, a, b, c)]!;
          assert.ok(Math.abs(got - want) < 1e-5, `${outShape} @${a},${b},${c}: ${got} vs ${want}`);
        }
  }
  // halving an even extent samples between voxel pairs, which is inside the ramp: no clamping at all
  const half = resizeLinear(data, inShape, [2, 3, 5]);
  assert.equal(half[flatIndex([2, 3, 5], 1, 2, 4)], ramp(2.5, 4.5, 4));
});

test('new shape rounds like Python (ties to even)', () => {
  assert.deepEqual(computeNewShape([5, 10, 7], [1, 0.5, 0.3], [2, 0.25, 0.3]), [2, 20, 7]);
  assert.deepEqual(computeNewShape([7, 1, 3], [1, 1, 1], [2, 4, 1]), [4, 1, 3]);
  const r = resampleImage(new Float32Array(5 * 10 * 7), [5, 10, 7], [1, 0.5, 0.3], [2, 0.25, 0.3]);
  assert.deepEqual(r.shape, [2, 20, 7]);
  assert.equal(r.data.length, 2 * 20 * 7);
});

test('label cube: ×2 upsampling keeps faces and edges but drops the 8 corners; ÷2 keeps the cube', () => {
  const s: Shape3 = [8, 8, 8];
  const inCube = (a: number, b: number, c: number, lo: number, hi: number) =>
    a >= lo && a < hi && b >= lo && b < hi && c >= lo && c < hi;
  const cube = fill(Uint8Array, s, (a, b, c) => (inCube(a, b, c, 2, 6) ? 3 : 0));
  const up = resizeLabels(cube, s, [16, 16, 16]);
  // At an output corner voxel the cube's indicator interpolates to 0.75³ ≈ 0.42 < 0.58 for background (edges:
  // 0.75² = 0.5625, faces 0.75), exactly as nnU-Net's trilinear-indicator rule behaves.
  const corner = (a: number, b: number, c: number) => [a, b, c].every((x) => x === 4 || x === 11);
  assert.deepEqual(
    up,
    fill(Uint8Array, [16, 16, 16], (a, b, c) => (inCube(a, b, c, 4, 12) && !corner(a, b, c) ? 3 : 0)),
  );
  const down = resizeLabels(cube, s, [4, 4, 4]);
  assert.deepEqual(
    down,
    fill(Uint8Array, [4, 4, 4], (a, b, c) => (inCube(a, b, c, 1, 3) ? 3 : 0)),
  );
});

test('per-label rule: largest interpolated indicator wins, ties go to the lowest label', () => {
  // along D2: [0, 2, 1] → 5 voxels; sources 0, 0.4, 1.0, 1.6, 2(clamped)
  const out = resizeLabels(Uint8Array.from([0, 2, 1]), [1, 1, 3], [1, 1, 5]);
  assert.deepEqual([...out], [0, 0, 2, 1, 1]);
  // halving [0,0,0,1,1,1]: the middle output sits exactly between a 0 and a 1 → 0
  assert.deepEqual([...resizeLabels(Uint8Array.from([0, 0, 0, 1, 1, 1]), [1, 1, 6], [1, 1, 3])], [0, 0, 1]);
  assert.deepEqual([...resizeLabels(Uint8Array.from([5, 5, 5, 1, 1, 1]), [1, 1, 6], [1, 1, 3])], [5, 1, 1]);
  // values stay in the input's set
  const many = fill(Uint8Array, [5, 6, 7], (a, b, c) => [0, 1, 2, 7][(a * 3 + b * 5 + c) % 4]!);
  for (const v of resizeLabels(many, [5, 6, 7], [9, 4, 11])) assert.ok([0, 1, 2, 7].includes(v));
});
