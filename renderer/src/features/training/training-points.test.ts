import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrainingPoint } from '../../../../electron/contract/types.js';
import {
  chartsOf,
  globalSteps,
  mergePoints,
  pointFromProgress,
  stageOfProgress,
  stagesOf,
  withValidation,
} from './training-points.js';

const metrics = (extra: Record<string, number> = {}) => ({
  iteration: 12,
  iterations: 40,
  etaSeconds: 30,
  lr: 0.01,
  samplesPerSecond: 2,
  stageIndex: 1,
  stages: 3,
  'loss.total': 0.83,
  'loss.ce': 0.5,
  'loss.consistency': 0.33,
  ...extra,
});

function pt(
  stage: TrainingPoint['stage'],
  iteration: number,
  extra: Partial<TrainingPoint> = {},
): TrainingPoint {
  return {
    stage,
    iteration,
    iterations: 10,
    loss: { total: 1 / iteration },
    lr: 0.01,
    omega: null,
    etaSeconds: 5,
    samplesPerSecond: 1,
    ...extra,
  };
}

test('a progress event becomes a point: stage from the message, loss terms from the loss.* keys', () => {
  const p = pointFromProgress(metrics({ omega: 0.4 }), 'consistency 12/40 · loss 0.83', 'pipeline');
  assert.ok(p);
  assert.equal(p.stage, 'consistency');
  assert.equal(p.iteration, 12);
  assert.deepEqual(p.loss, { total: 0.83, ce: 0.5, consistency: 0.33 });
  assert.equal(p.omega, 0.4);
  assert.equal(p.valPseudoDice, undefined);
});

test('without a stage in the message the target and stage index decide; no iteration, no point', () => {
  assert.equal(pointFromProgress(metrics(), 'step 12', 'pipeline')?.stage, 'consistency');
  assert.equal(pointFromProgress(metrics({ stageIndex: 0 }), '', 'supervised')?.stage, 'supervised');
  assert.equal(pointFromProgress({ etaSeconds: 3 }, 'loading data', 'pipeline'), null);
  assert.equal(pointFromProgress(undefined, 'loading data', 'pipeline'), null);
  assert.equal(pointFromProgress(metrics({ valPseudoDice: 0.7 }), 'x', 'dae')?.valPseudoDice, 0.7);
  assert.deepEqual(stagesOf('pipeline'), ['dae', 'consistency', 'pseudolabel']);
  assert.deepEqual(stagesOf('dae'), ['dae']);
});

test('merging history and live points keeps one per step, later copies winning, and keeps val Dice', () => {
  const history = [pt('dae', 1), pt('dae', 2, { valPseudoDice: 0.5 })];
  const live = [pt('dae', 2, { loss: { total: 9 } }), pt('dae', 3)];
  const merged = mergePoints(history, live);
  assert.deepEqual(
    merged.map((p) => p.iteration),
    [1, 2, 3],
  );
  assert.equal(merged[1]?.valPseudoDice, 0.5, 'the validation Dice of the epoch end is kept');
});

test('steps count on across stages; charts split loss terms, ω and validation', () => {
  const points = [
    pt('dae', 9),
    pt('dae', 10, { loss: { total: 0.5, l1: 0.5 } }),
    pt('consistency', 1, { omega: 0.1, loss: { total: 0.4, consistency: 0.1, omega: 0.1, unlabeled: 1 } }),
    pt('consistency', 2, { omega: 0.2, valPseudoDice: 0.6, loss: { total: 0.3, consistency: 0.05 } }),
  ];
  assert.deepEqual(globalSteps(points), [9, 10, 11, 12]);
  const c = chartsOf(points);
  assert.deepEqual(
    c.losses.map((s) => s.name),
    ['total', 'consistency', 'l1'],
  );
  assert.deepEqual(
    c.losses[0]?.points.map((p) => p.x),
    [9, 10, 11, 12],
  );
  assert.deepEqual(c.omega[0]?.points, [
    { x: 11, y: 0.1 },
    { x: 12, y: 0.2 },
  ]);
  assert.deepEqual(c.validation[0]?.points, [{ x: 12, y: 0.6 }]);
  assert.deepEqual(c.stageStarts, [
    { stage: 'dae', x: 9 },
    { stage: 'consistency', x: 11 },
  ]);
  assert.deepEqual(chartsOf([]).omega, []);
});

test('an epoch-end validation event attaches to the last step of its stage', () => {
  const points = [pt('dae', 1), pt('consistency', 1), pt('consistency', 2), pt('pseudolabel', 1)];
  const stage = stageOfProgress(
    { epoch: 0, valPseudoDice: 0.4, stageIndex: 1 },
    'consistency epoch 1: x',
    'pipeline',
  );
  assert.equal(stage, 'consistency');
  assert.equal(stageOfProgress({ stageIndex: 2 }, 'scoring', 'pipeline'), 'pseudolabel');
  assert.equal(stageOfProgress({}, 'supervised: scoring the validation cases', 'supervised'), 'supervised');
  const out = withValidation(points, stage, 0.4);
  assert.equal(out[2]?.valPseudoDice, 0.4);
  assert.equal(points[2]?.valPseudoDice, undefined, 'the input is not changed');
  assert.equal(out.filter((p) => p.valPseudoDice !== undefined).length, 1);
  assert.deepEqual(withValidation([], 'dae', 0.1), []);
});
