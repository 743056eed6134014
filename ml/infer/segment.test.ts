// Streaming restore and the whole segmentation path: the label map equals `restorePrediction` of the full
// score volume exactly (cropping, resampling, pasting), carries the input's exact geometry, and the summaries
// come back on the same grid. Fake predictors on the cpu backend.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { Mat3, Vec3, Volume } from '../data/io/volume.js';
import type { PreprocessPlan } from '../data/preprocess/plan.js';
import { preprocessCase } from '../data/preprocess/preprocess-case.js';
import { restorePrediction } from '../data/preprocess/restore.js';
import { resolveInferenceConfig } from './config.js';
import { RestoreSink } from './restore-sink.js';
import { segmentVolume } from './segment.js';
import { slidingWindow } from './sliding-window.js';
import { resolveSummaries } from './summaries.js';
import { CollectSink, TeeSink, fakePredictor } from './testing/helpers.js';

before(async () => {
  await tf.setBackend('cpu');
});

const plan: PreprocessPlan = {
  version: 1,
  targetSpacing: [0.7, 1.3, 0.9],
  intensity: {
    mean: 400,
    std: 80,
    percentile_00_5: 0,
    percentile_99_5: 1000,
    median: 400,
    min: 0,
    max: 1000,
  },
};
const direction: Mat3 = [0, 1, 0, -1, 0, 0, 0, 0, 1];

/** A scan that is zero outside a box (so the crop matters), at a spacing that needs resampling. */
function scan(): Volume {
  const dims: Vec3 = [30, 22, 17];
  const voxels = new Int16Array(dims[0] * dims[1] * dims[2]);
  let n = 0;
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, n++) {
        const inside = i >= 3 && i < 27 && j >= 2 && j < 21 && k >= 1 && k < 16;
        voxels[n] = inside ? 50 + Math.round(800 * (0.5 + 0.5 * Math.sin(0.4 * i + 0.3 * j - 0.5 * k))) : 0;
      }
  return { dims, spacing: [1.1, 0.8, 1.0], origin: [5, -3, 12.5], direction, dataType: 'int16', voxels };
}

test('streamed restore = restorePrediction of the full score volume, bit for bit', async () => {
  const image = scan();
  const pre = preprocessCase(image, null, plan);
  assert.notDeepEqual(
    pre.properties.shapeAfterResampling,
    pre.properties.shapeAfterCropping,
    'resampling happens',
  );
  const predictor = fakePredictor([8, 8, 8], true);
  const collect = new CollectSink(pre.shape, 3);
  const restore = new RestoreSink(pre.properties, 3, []);
  await slidingWindow({ data: pre.data, shape: pre.shape }, predictor, new TeeSink([collect, restore]), {
    config: resolveInferenceConfig({ mirrorAxes: [1, 2], accumulator: 'float32' }),
    summaries: [],
  });
  const expected = restorePrediction(collect.values, pre.properties, { layout: 'channels-last' });
  const got = restore.finish().label;
  assert.deepEqual(got.voxels, expected.voxels);
  const counts = [0, 0, 0];
  for (const v of got.voxels as Uint8Array) counts[v]!++;
  assert.ok(counts[0]! > 0 && counts[1]! > 0 && counts[2]! > 0, `all classes occur: ${counts}`);
});

test('segmentVolume: uint8 labels with the source geometry; summaries on the same grid', async () => {
  const image = scan();
  const predictor = fakePredictor([8, 8, 8], false);
  const seg = await segmentVolume(image, predictor, plan, { config: { summaries: ['maxProb', 'entropy'] } });
  for (const v of [seg.label, seg.summaries['maxProb']!, seg.summaries['entropy']!]) {
    assert.deepEqual(v.dims, image.dims);
    assert.deepEqual(v.spacing, image.spacing);
    assert.deepEqual(v.origin, image.origin);
    assert.deepEqual(v.direction, image.direction);
  }
  assert.equal(seg.label.dataType, 'uint8');
  assert.equal(seg.summaries['maxProb']!.dataType, 'float32');
  // Pointwise predictor: logits [x, −x, 0.3x² − 1] of the normalised intensity x; outside the crop: background.
  const mp = seg.summaries['maxProb']!.voxels as Float32Array;
  const en = seg.summaries['entropy']!.voxels as Float32Array;
  const lab = seg.label.voxels as Uint8Array;
  assert.equal(lab[0], 0);
  assert.equal(mp[0], 1);
  assert.equal(en[0], 0);
  let inside = 0;
  for (let n = 0; n < lab.length; n++) {
    if ((image.voxels as Int16Array)[n] === 0) continue;
    inside++;
    assert.ok(mp[n]! > 1 / 3 - 1e-6 && mp[n]! <= 1 + 1e-6);
    assert.ok(en[n]! >= -1e-6 && en[n]! <= Math.log(3) + 1e-6);
  }
  assert.ok(inside > 0);
  assert.ok(seg.stats.tiles > 1);
  assert.equal(seg.stats.members, 4, 'default mirroring over axes 1 and 2');
});

test('a cancelled segmentation rejects', async () => {
  const ctrl = new AbortController();
  ctrl.abort();
  await assert.rejects(segmentVolume(scan(), fakePredictor([8, 8, 8], false), plan, { signal: ctrl.signal }));
});

test('summaries resolve by name; unknown names are errors', () => {
  assert.deepEqual(
    resolveSummaries(['maxProb', 'entropyOfMean']).map((s) => s.over),
    ['member', 'mean'],
  );
  assert.throws(() => resolveSummaries(['variance']), /unknown summary 'variance'/);
  assert.throws(() => resolveInferenceConfig({ tileStep: 0 }), /tileStep/);
  assert.throws(() => resolveInferenceConfig({ mirrorAxes: [3] }), /mirrorAxes/);
});
