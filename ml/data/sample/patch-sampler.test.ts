import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng.js';
import type { Shape3 } from '../preprocess/layout.js';
import { flatIndex, shapeSize } from '../preprocess/layout.js';
import { computeClassLocations } from './class-locations.js';
import {
  cropWithPadding,
  lowerCornerRange,
  nnunetForcesForeground,
  resolvePatchSamplerConfig,
  samplePatch,
  samplePatchBox,
} from './patch-sampler.js';

test('lower-corner range follows nnU-Net, including odd extra padding and images smaller than the patch', () => {
  const r = (shape: number, patch: number, final: number) => {
    const c = resolvePatchSamplerConfig({ patchSize: [patch, 8, 8], finalPatchSize: [final, 8, 8] });
    const { lo, hi } = lowerCornerRange([shape, 8, 8], c);
    return [lo[0], hi[0]];
  };
  assert.deepEqual(r(10, 6, 6), [0, 4]);
  assert.deepEqual(r(10, 6, 4), [-1, 5]);
  assert.deepEqual(r(10, 6, 3), [-2, 6]); // Python: (−3) // 2 = −2, upper 10 + 1 + 1 − 6
  assert.deepEqual(r(4, 6, 6), [-1, -1]); // image smaller than the patch: pad 1 before, 1 after
  assert.deepEqual(r(3, 6, 6), [-2, -1]);
});

test('nnU-Net positional oversampling rule', () => {
  assert.equal(nnunetForcesForeground(0, 1, 0.33), false); // round(0.67) = 1: batch size 1 never forces
  assert.equal(nnunetForcesForeground(0, 2, 0.33), false);
  assert.equal(nnunetForcesForeground(1, 2, 0.33), true);
});

const shape: Shape3 = [9, 12, 7];
const data = Float32Array.from({ length: shapeSize(shape) }, (_, n) => n + 1);
const label = new Uint8Array(shapeSize(shape));
label[flatIndex(shape, 1, 10, 5)] = 2; // a single voxel of class 2 near a corner
for (let a = 4; a < 8; a++) for (let b = 2; b < 6; b++) label[flatIndex(shape, a, b, 3)] = 1;

test('patches lie inside the padded image and copy the right voxels (padding 0)', () => {
  const config = resolvePatchSamplerConfig({
    patchSize: [6, 16, 5],
    finalPatchSize: [4, 16, 3],
    foregroundProbability: 0.5,
  });
  const { lo, hi } = lowerCornerRange(shape, config);
  const rng = createRng(7);
  const locs = computeClassLocations(label, createRng(1));
  for (let t = 0; t < 300; t++) {
    const p = samplePatch({ data, label, shape }, config, rng, locs);
    for (let d = 0; d < 3; d++)
      assert.ok(p.box.lower[d]! >= lo[d]! && p.box.lower[d]! <= hi[d]!, `axis ${d}`);
    assert.deepEqual(p.shape, [6, 16, 5]);
    for (let a = 0; a < 6; a++)
      for (let b = 0; b < 16; b++)
        for (let c = 0; c < 5; c++) {
          const [x, y, z] = [p.box.lower[0] + a, p.box.lower[1] + b, p.box.lower[2] + c];
          const inside = x >= 0 && x < shape[0] && y >= 0 && y < shape[1] && z >= 0 && z < shape[2];
          const n = flatIndex(p.shape, a, b, c);
          assert.equal(p.data[n], inside ? data[flatIndex(shape, x, y, z)] : 0);
          assert.equal(p.label![n], inside ? label[flatIndex(shape, x, y, z)] : 0);
        }
    if (p.box.centredOnClass !== null) assert.ok(p.label!.includes(p.box.centredOnClass));
  }
});

test('foreground oversampling rate and class choice are within statistical tolerance; seeds reproduce', () => {
  const config = resolvePatchSamplerConfig({ patchSize: [4, 4, 4], foregroundProbability: 0.33 });
  const locs = computeClassLocations(label, createRng(1));
  const rng = createRng(11);
  const draws = 4000;
  let fg = 0;
  let class2 = 0;
  for (let t = 0; t < draws; t++) {
    const box = samplePatchBox(shape, config, rng, locs);
    if (box.centredOnClass !== null) fg++;
    if (box.centredOnClass === 2) class2++;
  }
  // σ of the rate ≈ 0.0074; allow 4σ
  assert.ok(Math.abs(fg / draws - 0.33) < 0.03, `rate ${fg / draws}`);
  // classes are chosen uniformly, whatever their size (16 voxels vs 1)
  assert.ok(Math.abs(class2 / fg - 0.5) < 0.06, `class 2 share ${class2 / fg}`);
  const a = samplePatchBox(shape, config, createRng(3), locs);
  assert.deepEqual(samplePatchBox(shape, config, createRng(3), locs), a);
  // forced foreground without any foreground falls back to a random patch
  assert.equal(samplePatchBox(shape, config, createRng(3), new Map(), true).centredOnClass, null);
});

test('class locations: all voxels up to the cap, at least 1 % of them, without repeats', () => {
  const big = new Uint8Array(50000);
  for (let n = 0; n < 30000; n++) big[n] = 1;
  big[40000] = 3;
  const locs = computeClassLocations(big, createRng(5), { maxPerClass: 100 });
  assert.equal(locs.get(1)!.length, 300); // max(min(100, 30000), ⌈300⌉)
  assert.equal(new Set(locs.get(1)).size, 300);
  assert.ok([...locs.get(1)!].every((v) => big[v] === 1));
  assert.deepEqual([...locs.get(3)!], [40000]);
  assert.equal(computeClassLocations(big, createRng(5), { classes: [2] }).get(2)!.length, 0);
});

test('cropWithPadding with a custom pad value and a box fully outside', () => {
  const out = cropWithPadding(data, shape, { lower: [20, 0, 0], size: [2, 2, 2], centredOnClass: null }, -1);
  assert.deepEqual([...out], [-1, -1, -1, -1, -1, -1, -1, -1]);
});
