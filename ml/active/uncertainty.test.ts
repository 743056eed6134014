import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanDescriptor, summariseUncertainty } from './uncertainty.js';

const LN3 = Math.log(3);

test('summariseUncertainty: map, score over the region of interest, disagreement and worst slices', () => {
  const dims: [number, number, number] = [4, 4, 3];
  const n = 48;
  const label = new Uint8Array(n);
  const hMean = new Float32Array(n);
  const hMembers = new Float32Array(n);
  // slice k = 1: four tooth voxels with entropy of the mean 0.5·ln3, members agree on half of it
  for (let v = 16; v < 20; v++) {
    label[v] = 1;
    hMean[v] = 0.5 * LN3;
    hMembers[v] = 0.25 * LN3;
  }
  // slice k = 2: one background voxel, very uncertain (counts in the region), one barely (does not)
  hMean[40] = 0.9 * LN3;
  hMembers[40] = 0.9 * LN3;
  hMean[41] = 0.05 * LN3;
  const s = summariseUncertainty({
    dims,
    numClasses: 3,
    label,
    entropyOfMean: hMean,
    memberEntropy: hMembers,
  });
  assert.ok(Math.abs(s.map[16]! - 0.5 * 255) <= 1);
  assert.ok(Math.abs(s.map[40]! - 0.9 * 255) <= 1);
  assert.ok(Math.abs(s.disagreementMap[16]! - 0.25 * 255) <= 1);
  assert.equal(s.disagreementMap[40], 0, 'members agree: no disagreement');
  assert.equal(s.map[0], 0);
  // region: 4 tooth voxels + voxel 40
  assert.ok(Math.abs(s.score - (4 * 0.5 + 0.9) / 5) < 1e-6, `score ${s.score}`);
  assert.ok(Math.abs(s.disagreement - (4 * 0.25) / 5) < 1e-6, `disagreement ${s.disagreement}`);
  assert.deepEqual(
    s.worstSlices.map((w) => w.index),
    [1, 2],
  );
  assert.ok(Math.abs(s.worstSlices[0]!.score - 2) < 1e-5);
});

test('summariseUncertainty: a certain prediction scores 0 and has no worst slices; bad sizes are refused', () => {
  const dims: [number, number, number] = [2, 2, 2];
  const s = summariseUncertainty({
    dims,
    numClasses: 3,
    label: new Uint8Array(8),
    entropyOfMean: new Float32Array(8),
    memberEntropy: new Float32Array(8),
  });
  assert.equal(s.score, 0);
  assert.deepEqual(s.worstSlices, []);
  assert.throws(
    () =>
      summariseUncertainty({
        dims,
        numClasses: 3,
        label: new Uint8Array(7),
        entropyOfMean: new Float32Array(8),
        memberEntropy: new Float32Array(8),
      }),
    /match/,
  );
});

test('scanDescriptor: z-scored 4×4×4 cell means, invariant to grey-scale offset and gain', () => {
  const dims: [number, number, number] = [8, 8, 8];
  const a = new Float32Array(512).map((_, v) => (v % 8 < 4 ? 100 : 0));
  const b = a.map((x) => 3 * x + 1000);
  const da = scanDescriptor(dims, a);
  const db = scanDescriptor(dims, b);
  assert.equal(da.length, 64);
  da.forEach((x, i) => assert.ok(Math.abs(x - db[i]!) < 1e-9));
  assert.ok(da[0]! > 0 && da[3]! < 0, 'left cells bright, right cells dark');
});
