import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mat3, Vec3, Volume } from '../io/volume.js';
import { createRng } from '../../util/rng.js';
import { toChannelsLast } from './layout.js';
import type { PreprocessPlan } from './plan.js';
import { preprocessCase } from './preprocess-case.js';
import { resampleArgmax, restoreLabelMap, restorePrediction } from './restore.js';
import { resizeLinear } from './interpolate.js';
import { fillVolume, oneHot } from './test-support.js';

const intensity = {
  mean: 500,
  std: 200,
  percentile_00_5: 50,
  percentile_99_5: 1500,
  median: 480,
  min: 0,
  max: 3000,
};
const direction: Mat3 = [0, 1, 0, -1, 0, 0, 0, 0, 1];
const origin: Vec3 = [3, -2, 7];

/** A scan that is non-zero only inside a box, with labels 0..3 inside; `block` makes labels constant on block² in i, j. */
function makeCase(dims: Vec3, spacing: Vec3, box: [Vec3, Vec3], block: number, seed: number) {
  const rng = createRng(seed);
  const [lo, hi] = box;
  const inBox = (i: number, j: number, k: number) =>
    i >= lo[0] && i < hi[0] && j >= lo[1] && j < hi[1] && k >= lo[2] && k < hi[2];
  const blockLabel = new Map<string, number>();
  const labelAt = (i: number, j: number, k: number) => {
    const key = `${Math.floor((i - lo[0]) / block)},${Math.floor((j - lo[1]) / block)},${k}`;
    if (!blockLabel.has(key)) blockLabel.set(key, rng.int(0, 3));
    return blockLabel.get(key)!;
  };
  const image = fillVolume(
    dims,
    Int16Array,
    (i, j, k) => (inBox(i, j, k) ? 100 + ((i * 31 + j * 17 + k * 7) % 900) : 0),
    spacing,
  );
  image.origin = origin;
  image.direction = direction;
  const label = fillVolume(dims, Uint8Array, (i, j, k) => (inBox(i, j, k) ? labelAt(i, j, k) : 0), spacing);
  return { image, label };
}

function assertSameGeometry(a: Volume, b: Volume) {
  assert.deepEqual(a.dims, b.dims);
  assert.deepEqual(a.spacing, b.spacing);
  assert.deepEqual(a.origin, b.origin);
  assert.deepEqual(a.direction, b.direction);
}

test('preprocessCase crops, normalises and resamples; properties describe each step (network order)', () => {
  const { image, label } = makeCase(
    [12, 10, 9],
    [0.5, 0.5, 1],
    [
      [2, 1, 2],
      [11, 8, 8],
    ],
    1,
    1,
  );
  const plan: PreprocessPlan = { version: 1, targetSpacing: [0.5, 0.5, 0.5], intensity };
  const pre = preprocessCase(image, label, plan);
  const p = pre.properties;
  assert.deepEqual(p.shapeBeforeCropping, [9, 10, 12]);
  assert.deepEqual(p.bbox, [
    [2, 8],
    [1, 8],
    [2, 11],
  ]);
  assert.deepEqual(p.shapeAfterCropping, [6, 7, 9]);
  assert.deepEqual(p.spacing, [1, 0.5, 0.5]);
  assert.deepEqual(p.shapeAfterResampling, [12, 7, 9]);
  assert.deepEqual(pre.shape, [12, 7, 9]);
  assert.equal(pre.data.length, 12 * 7 * 9);
  assert.equal(pre.label!.length, 12 * 7 * 9);
  // D0 doubled: output rows 2m and 2m+1 both interpolate 3:1 between source slices; in-plane is untouched.
  // voxel (i=2, j=1, k=2) is the crop origin; its normalised value is (clip(x) − 500) / 200
  const x = image.voxels[2 + 12 * (1 + 10 * 2)]!;
  assert.ok(Math.abs(pre.data[0]! - (Math.min(Math.max(x, 50), 1500) - 500) / 200) < 1e-6);
  assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
  assert.throws(
    () => preprocessCase(image, label, { ...plan, targetSpacing: [0.5, 0, 0.5] }),
    /plan\.targetSpacing/,
  );
});

test('preprocess → one-hot of the preprocessed label → restore gives back the label map (upsampled D0)', () => {
  const { image, label } = makeCase(
    [12, 10, 9],
    [0.5, 0.5, 1],
    [
      [2, 1, 2],
      [11, 8, 8],
    ],
    1,
    2,
  );
  const plan: PreprocessPlan = { version: 1, targetSpacing: [0.5, 0.5, 0.5], intensity };
  const pre = preprocessCase(image, label, plan);
  const restored = restorePrediction(oneHot(pre.label!, 4), pre.properties);
  assertSameGeometry(restored, image);
  assert.equal(restored.dataType, 'uint8');
  assert.deepEqual(restored.voxels, label.voxels);
  // channels-last input and logits (any monotonic scores) give the same
  const logits = oneHot(pre.label!, 4).map((v) => 5 * v - 2);
  assert.deepEqual(
    restorePrediction(toChannelsLast(logits, 4), pre.properties, { layout: 'channels-last' }).voxels,
    label.voxels,
  );
  assert.deepEqual(restoreLabelMap(pre.label!, pre.properties).voxels, label.voxels);
});

test('round trip with in-plane downsampling (labels constant on aligned 2×2 blocks)', () => {
  const { image, label } = makeCase(
    [16, 14, 6],
    [0.25, 0.25, 0.5],
    [
      [3, 2, 1],
      [15, 12, 5],
    ],
    2,
    3,
  );
  const plan: PreprocessPlan = { version: 1, targetSpacing: [0.5, 0.5, 0.5], intensity };
  const pre = preprocessCase(image, label, plan);
  assert.deepEqual(pre.shape, [4, 5, 6]);
  const restored = restorePrediction(oneHot(pre.label!, 4), pre.properties);
  assertSameGeometry(restored, image);
  assert.deepEqual(restored.voxels, label.voxels);
});

test('restore rejects predictions of the wrong size', () => {
  const { image } = makeCase(
    [8, 8, 8],
    [1, 1, 1],
    [
      [1, 1, 1],
      [7, 7, 7],
    ],
    1,
    4,
  );
  const pre = preprocessCase(image, null, { version: 1, targetSpacing: [1, 1, 1], intensity });
  assert.equal(pre.label, undefined);
  assert.throws(
    () => restorePrediction(new Float32Array(pre.data.length * 2 + 1), pre.properties),
    /not a multiple/,
  );
});

test('fused restore = trilinear resize of each channel, then argmax (random logits)', () => {
  const rng = createRng(8);
  const inShape: [number, number, number] = [3, 4, 5];
  const outShape: [number, number, number] = [5, 7, 4];
  const n = 3 * 4 * 5;
  const logits = Float32Array.from({ length: 3 * n }, () => rng.normal());
  const got = resampleArgmax(logits, inShape, outShape);
  const channels = [0, 1, 2].map((c) => resizeLinear(logits.subarray(c * n, (c + 1) * n), inShape, outShape));
  for (let v = 0; v < got.length; v++) {
    const scores = channels.map((ch) => ch[v]!);
    assert.equal(got[v], scores.indexOf(Math.max(...scores)));
  }
  assert.deepEqual(resampleArgmax(toChannelsLast(logits, 3), inShape, outShape, 'channels-last'), got);
});
