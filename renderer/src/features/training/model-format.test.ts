import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelVersion } from '../../../../electron/contract/types.js';
import { metricList, rollbackTarget, sortModels, trainedOnText } from './model-format.js';

function model(id: string, extra: Partial<ModelVersion> = {}): ModelVersion {
  return {
    id,
    parentId: null,
    stage: 'supervised',
    config: {},
    trainedOn: { labelVersionIds: [1, 2], unlabeledCaseIds: [3], validationCaseIds: [] },
    metrics: {},
    active: false,
    createdAt: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

test('metrics read in a fixed order, unknown ones after', () => {
  assert.deepEqual(
    metricList({ zeta: 1, dice: 0.81234, score: 0.7, nsd: 0.9 }).map((m) => m.text),
    ['score 0.700', 'Dice 0.812', 'NSD 0.900', 'zeta 1.000'],
  );
  assert.deepEqual(
    metricList({ IA: 0.5, emaPseudoDice: 0.4, Dice_Image: 0.6, All_Average: 0.55 }).map((m) => m.text),
    ['average 0.550', 'Dice 0.600', 'IA 0.500', 'EMA pseudo Dice 0.400'],
  );
  assert.deepEqual(metricList({}), []);
});

test('trained-on counts, newest first, and the roll-back target is the active model’s parent', () => {
  assert.equal(trainedOnText(model('m1')), '2 labelled · 1 unlabelled · 0 validation');
  assert.deepEqual(
    sortModels([model('m2'), model('m10'), model('m1')]).map((m) => m.id),
    ['m10', 'm2', 'm1'],
  );
  assert.equal(rollbackTarget([model('m1'), model('m2', { parentId: 'm1', active: true })]), 'm1');
  assert.equal(rollbackTarget([model('m1', { active: true })]), null);
  assert.equal(rollbackTarget([]), null);
});
