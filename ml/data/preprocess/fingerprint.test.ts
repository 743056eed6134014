import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Vec3 } from '../io/volume.js';
import { computeFingerprint, parseFingerprint, sampleCaseForeground, samplesPerCase } from './fingerprint.js';
import { fillVolume } from './test-support.js';

const dims: Vec3 = [8, 7, 6];
const inside = (i: number, j: number, k: number) => i >= 1 && i < 7 && j >= 2 && j < 6 && k >= 1 && k < 5;

/** Image non-zero on a box; foreground (label 1 or 2) is a smaller box with intensities `fg(i)`. */
function makeCase(fg: (i: number, j: number, k: number) => number, spacing: Vec3 = [0.5, 0.5, 1]) {
  const isFg = (i: number, j: number, k: number) => i >= 2 && i < 6 && j >= 3 && j < 5 && k >= 2 && k < 4;
  const image = fillVolume(
    dims,
    Int16Array,
    (i, j, k) => (isFg(i, j, k) ? fg(i, j, k) : inside(i, j, k) ? 10 : 0),
    spacing,
  );
  // a labelled voxel outside the non-zero box must never be sampled (its intensity is 0)
  const label = fillVolume(dims, Uint8Array, (i, j, k) =>
    isFg(i, j, k) ? 1 + (i % 2) : i === 0 && j === 0 && k === 0 ? 1 : 0,
  );
  return { image, label };
}

test('samples per case is int(total / nCases)', () => {
  assert.equal(samplesPerCase(1e8, 30), 3333333);
  assert.equal(samplesPerCase(10, 3), 3);
});

test('pooled statistics on a hand example', () => {
  const fp = computeFingerprint([makeCase(() => 7), makeCase(() => 9, [0.6, 0.5, 1.2])], {
    totalSamples: 2000,
  });
  assert.equal(fp.samplesPerCase, 1000);
  assert.deepEqual(fp.intensity, {
    mean: 8,
    std: 1,
    percentile_00_5: 7,
    median: 8,
    percentile_99_5: 9,
    min: 7,
    max: 9,
  });
  // network order: [s_k, s_j, s_i]; cropped shape of the non-zero box
  assert.deepEqual(fp.spacings, [
    [1, 0.5, 0.5],
    [1.2, 0.5, 0.6],
  ]);
  assert.deepEqual(fp.shapesAfterCrop, [
    [4, 4, 6],
    [4, 4, 6],
  ]);
  assert.deepEqual(parseFingerprint(JSON.parse(JSON.stringify(fp))), fp);
});

test('sampling draws only foreground voxels inside the crop, uniformly, reproducibly by seed', () => {
  const c = makeCase((i, j, k) => 100 + i + 10 * j + 100 * k);
  const a = sampleCaseForeground(c.image, c.label, 20000, 1234);
  const b = sampleCaseForeground(c.image, c.label, 20000, 1234);
  const other = sampleCaseForeground(c.image, c.label, 20000, 99);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.samples, other.samples);
  assert.equal(a.foregroundVoxels, 16);
  const allowed = new Set<number>();
  for (let k = 2; k < 4; k++)
    for (let j = 3; j < 5; j++) for (let i = 2; i < 6; i++) allowed.add(100 + i + 10 * j + 100 * k);
  let sum = 0;
  for (const s of a.samples) {
    assert.ok(allowed.has(s), `sampled ${s}`);
    sum += s;
  }
  const trueMean = [...allowed].reduce((x, y) => x + y, 0) / allowed.size;
  assert.ok(
    Math.abs(sum / a.samples.length - trueMean) < 1.5,
    `mean ${sum / a.samples.length} vs ${trueMean}`,
  );

  const f1 = computeFingerprint([c], { totalSamples: 500, seed: 5 });
  assert.deepEqual(computeFingerprint([c], { totalSamples: 500, seed: 5 }), f1);
  assert.notDeepEqual(computeFingerprint([c], { totalSamples: 500, seed: 6 }).intensity, f1.intensity);
});

test('bad input is rejected by name', () => {
  const c = makeCase(() => 7);
  assert.throws(() => computeFingerprint([c], { totalSamples: 0 }), /totalSamples/);
  assert.throws(
    () => computeFingerprint([{ image: c.image, label: fillVolume(dims, Uint8Array, () => 0) }]),
    /no foreground/,
  );
  const fp = computeFingerprint([c], { totalSamples: 10 });
  assert.throws(() => parseFingerprint({ ...fp, spacings: [[1, 0, 1]] }), /fingerprint\.spacings\[0\]/);
  assert.throws(
    () => parseFingerprint({ ...fp, intensity: { ...fp.intensity, mean: 'x' } }),
    /fingerprint\.intensity\.mean/,
  );
});
