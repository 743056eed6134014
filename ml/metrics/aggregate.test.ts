import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCases, failedCase, MetricsAccumulator, robustMean } from './aggregate.js';
import { caseIdFromFileName } from './case-id.js';
import { evaluateCase } from './evaluate-case.js';
import { labelMap, paintBox, type Dims } from './testing/shapes.js';

const dims: Dims = [12, 8, 8];
const spacing: Dims = [1, 1, 1];

/** Case A: labels 1 (perfect) and 2 (missed). Case B: label 1 (half overlap). */
function twoCases() {
  const gtA = labelMap(dims, spacing);
  const predA = labelMap(dims, spacing);
  paintBox(gtA, [0, 0, 0], [1, 1, 1], 1);
  paintBox(predA, [0, 0, 0], [1, 1, 1], 1);
  paintBox(gtA, [6, 0, 0], [7, 1, 1], 2);
  const gtB = labelMap(dims, spacing);
  const predB = labelMap(dims, spacing);
  paintBox(gtB, [0, 0, 0], [3, 1, 1], 1);
  paintBox(predB, [2, 0, 0], [5, 1, 1], 1);
  return { gtA, predA, gtB, predB };
}

test('instance metrics are pooled over (case, label) pairs, image metrics and IA averaged over cases', () => {
  const { gtA, predA, gtB, predB } = twoCases();
  const agg = evaluateCases([
    { id: 'A', gt: gtA, pred: predA },
    { id: 'B', gt: gtB, pred: predB },
  ]);
  const a = evaluateCase(gtA, predA);
  const b = evaluateCase(gtB, predB);
  // pooled: (1 + 0 + 0.5) / 3, not ((1 + 0) / 2 + 0.5) / 2
  assert.equal(agg.scores.Dice_Instance, (1 + 0 + 0.5) / 3);
  assert.equal(agg.scores.IoU_Instance, (1 + 0 + 1 / 3) / 3);
  assert.equal(
    agg.scores.NSD_Instance,
    (a.instances[0]!.nsd + a.instances[1]!.nsd + b.instances[0]!.nsd) / 3,
  );
  assert.equal(agg.scores.Dice_Image, (a.image!.dice! + b.image!.dice!) / 2);
  assert.equal(agg.scores.IA, (0.5 + 0) / 2); // A: {1} of {1, 2}; B: IoU 1/3 < 0.5
  const seven = Object.entries(agg.scores).filter(([k]) => k !== 'All_Average');
  assert.equal(seven.length, 7);
  assert.equal(agg.scores.All_Average, seven.reduce((s, [, v]) => s + v, 0) / 7);
  assert.equal(agg.instancePairs, 3);
  assert.deepEqual(
    agg.perLabel.map((x) => [x.label, x.cases, x.dice]),
    [
      [1, 2, 0.75],
      [2, 1, 0],
    ],
  );
  assert.deepEqual(
    agg.perCase.map((c) => c.id),
    ['A', 'B'],
  );
});

test('missing and failing predictions score 0 on image metrics and IA only', () => {
  const { gtA, predA } = twoCases();
  const agg = evaluateCases([
    { id: 'A', gt: gtA, pred: predA },
    { id: 'gone', gt: gtA },
    { id: 'bad', gt: gtA, pred: { dims: [2, 2, 2], spacing: [1, 1, 1], voxels: [1] } },
  ]);
  assert.equal(agg.missing, 1);
  assert.equal(agg.failed, 1);
  assert.match(agg.perCase[2]!.error!, /voxels do not match/);
  assert.equal(agg.scores.Dice_Image, 2 / 3 / 3); // case A: 2·8 / (16 + 8)
  assert.equal(agg.scores.IoU_Image, 0.5 / 3);
  assert.equal(agg.scores.IA, 0.5 / 3);
  assert.equal(agg.scores.Dice_Instance, 0.5); // only case A's two labels
  assert.equal(agg.instancePairs, 2);
});

test('NaN (both-empty) image Dice is skipped; empty lists average to 0', () => {
  const empty = labelMap(dims, spacing);
  const agg = evaluateCases([{ gt: empty, pred: labelMap(dims, spacing) }]);
  assert.deepEqual(agg.scores, {
    Dice_Image: 0, // only value is NaN → robust_mean gives 0
    IoU_Image: 1,
    NSD_Image: 1,
    Dice_Instance: 0, // no (case, label) pair at all
    IoU_Instance: 0,
    NSD_Instance: 0,
    IA: 1,
    All_Average: 3 / 7,
  });
  assert.equal(robustMean([null, 1, NaN, 0]), 0.5);
  assert.equal(robustMean([]), 0);
  const acc = new MetricsAccumulator();
  acc.add(failedCase('x', 'missing', 'not found'));
  assert.equal(acc.result().scores.All_Average, 0);
  assert.equal(evaluateCases([]).scores.All_Average, 0);
});

test('case ids from file names follow the official rule', () => {
  assert.equal(caseIdFromFileName('STS_case_01_gt.nii.gz'), '01');
  assert.equal(caseIdFromFileName('STS_case_01_prediction.nii.gz'), '01');
  assert.equal(caseIdFromFileName('a_b.nii.gz'), 'a');
  assert.equal(caseIdFromFileName('single.nii.gz'), null);
  assert.equal(caseIdFromFileName('STS_case_01_gt.nii'), null);
});
