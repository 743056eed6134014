import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCase } from './evaluate-case.js';
import { bruteNsd } from './testing/brute-force-nsd.js';
import { labelMap, paintBall, paintBox, shifted, type Dims } from './testing/shapes.js';

const dims: Dims = [20, 12, 12];

test('two cubes with known overlap: exact Dice and IoU', () => {
  const gt = labelMap(dims, [1, 1, 1]);
  const pred = labelMap(dims, [1, 1, 1]);
  paintBox(gt, [0, 0, 0], [9, 9, 9]); // 1000 voxels
  paintBox(pred, [5, 0, 0], [14, 9, 9]); // 1000 voxels, 500 shared
  const r = evaluateCase(gt, pred);
  assert.equal(r.image!.dice, 0.5);
  assert.equal(r.image!.iou, 1 / 3);
  assert.deepEqual([r.image!.gtVoxels, r.image!.predVoxels, r.image!.intersection], [1000, 1000, 500]);
  assert.equal(r.tolerance, 2);
  assert.equal(r.resampled, false);
});

test('ball shifted by one voxel: Dice/IoU from counts, NSD against the brute-force reference', () => {
  const spacing: Dims = [0.8, 2.5, 1.2];
  const gt = labelMap(dims, spacing);
  paintBall(gt, [9.5, 6, 5.7], 4.6);
  const pred = labelMap(dims, spacing, shifted(gt.voxels, dims, [0, 1, 0]));
  let g = 0;
  let both = 0;
  for (let n = 0; n < gt.voxels.length; n++) {
    g += gt.voxels[n]!;
    both += gt.voxels[n]! & pred.voxels[n]!;
  }
  const r = evaluateCase(gt, pred);
  assert.equal(r.image!.dice, (2 * both) / (2 * g));
  assert.equal(r.image!.iou, both / (2 * g - both));
  const want = bruteNsd(gt.voxels, pred.voxels, dims, spacing, 2);
  assert.ok(want < 1);
  assert.ok(Math.abs(r.image!.nsd - want) <= 1e-9);
  assert.equal(r.instances.length, 1);
  assert.equal(r.instances[0]!.nsd, r.image!.nsd);
  assert.equal(r.ia, 1);
});

test('empty-mask rules (spec §7)', () => {
  const empty = labelMap(dims, [1, 1, 1]);
  const some = labelMap(dims, [1, 1, 1]);
  paintBox(some, [2, 2, 2], [4, 4, 4], 3);

  const both = evaluateCase(empty, labelMap(dims, [1, 1, 1]));
  assert.deepEqual([both.image!.dice, both.image!.iou, both.image!.nsd], [null, 1, 1]);
  assert.deepEqual([both.instances, both.predictionOnlyLabels, both.ia], [[], [], 1]);

  const noPred = evaluateCase(some, empty);
  assert.deepEqual([noPred.image!.dice, noPred.image!.iou, noPred.image!.nsd], [0, 0, 0]);
  assert.deepEqual(
    noPred.instances.map((x) => [x.label, x.dice, x.iou, x.nsd, x.identified]),
    [[3, 0, 0, 0, false]],
  );
  assert.equal(noPred.ia, 0);

  const noGt = evaluateCase(empty, some);
  assert.deepEqual([noGt.image!.dice, noGt.image!.iou, noGt.image!.nsd], [0, 0, 0]);
  assert.deepEqual(noGt.instances, []); // ids only in the prediction add nothing to the instance lists
  assert.deepEqual(noGt.predictionOnlyLabels, [3]);
  assert.equal(noGt.ia, 0); // 0 identified / |{} ∪ {3}|
});

test('instance metrics and IA, hand-worked', () => {
  // GT: label 1 = box A, 2 = box B (27 voxels), 3 = box C. Prediction: 1 = A exactly, 2 = B shifted so that
  // 18 of 27 voxels overlap (IoU 18/36 = 0.5, identified), 5 = C (wrong id), plus label 4 somewhere empty in GT.
  const gt = labelMap(dims, [1, 1, 1]);
  const pred = labelMap(dims, [1, 1, 1]);
  paintBox(gt, [0, 0, 0], [1, 1, 1], 1);
  paintBox(pred, [0, 0, 0], [1, 1, 1], 1);
  paintBox(gt, [5, 5, 5], [7, 7, 7], 2);
  paintBox(pred, [6, 5, 5], [8, 7, 7], 2);
  paintBox(gt, [12, 0, 0], [13, 1, 1], 3);
  paintBox(pred, [12, 0, 0], [13, 1, 1], 5);
  paintBox(pred, [17, 9, 9], [17, 9, 9], 4);
  const r = evaluateCase(gt, pred);
  assert.deepEqual(
    r.instances.map((x) => [x.label, x.dice, x.iou, x.identified]),
    [
      [1, 1, 1, true],
      [2, 36 / 54, 0.5, true],
      [3, 0, 0, false],
    ],
  );
  assert.equal(r.instances[0]!.nsd, 1);
  assert.equal(r.instances[2]!.nsd, 0);
  assert.deepEqual(r.predictionOnlyLabels, [4, 5]);
  assert.equal(r.ia, 2 / 5); // 2 identified / |{1,2,3} ∪ {1,2,4,5}|
  // image level sees label > 0 only: C and the wrong-id prediction coincide
  assert.equal(r.image!.intersection, 8 + 18 + 8);

  // restricting the label set (our option, not official)
  const only = evaluateCase(gt, pred, { labels: [1, 2, 3] });
  assert.deepEqual(only.predictionOnlyLabels, []);
  assert.equal(only.ia, 2 / 3);
});

test('tolerance option and int16 / plain-array inputs', () => {
  const gt = labelMap(dims, [1, 1, 3]);
  paintBox(gt, [3, 3, 3], [8, 8, 8], 7);
  const moved = shifted(gt.voxels, dims, [0, 0, 1]);
  const asInt16 = { dims, spacing: [1, 1, 3] as Dims, voxels: Int16Array.from(moved) };
  const asArray = { dims, spacing: [1, 1, 3] as Dims, voxels: Array.from(moved) };
  const a = evaluateCase(gt, asInt16);
  const b = evaluateCase(gt, asArray, { tolerance: 3, id: 'x' });
  assert.ok(a.image!.nsd < 1);
  assert.equal(b.image!.nsd, 1);
  assert.equal(b.id, 'x');
  assert.equal(a.image!.dice, b.image!.dice);
  assert.equal(a.instances[0]!.label, 7);
  assert.throws(() => evaluateCase(gt, { ...asArray, voxels: [1, 2] }), /voxels do not match/);
});

test('result is JSON-friendly', () => {
  const r = evaluateCase(labelMap(dims, [1, 1, 1]), labelMap(dims, [1, 1, 1]));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});
