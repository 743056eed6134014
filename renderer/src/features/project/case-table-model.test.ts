import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseSummary } from '../../../../electron/contract/types.js';
import { CASE_STATUSES } from '../../../../electron/contract/types.js';
import { allowedNext } from '../../../../electron/contract/status.js';
import { parseRoute, formatRoute } from '../../app/route.js';
import { DEFAULT_FILTER, formatScore, statusActions, toggleSort, visibleCases } from './case-table-model.js';

function c(id: number, name: string, extra: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    name,
    split: 'train',
    status: 'new',
    comment: null,
    sourceFormat: 'nifti',
    geometry: {
      dims: [10, 10, 10],
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    },
    dataType: 'int16',
    valueRange: { min: 0, max: 1 },
    importedAt: '2025-01-01',
    updatedAt: '2025-01-01',
    latestLabelVersionId: null,
    lastEditor: null,
    labelVersionCount: 0,
    effort: { seconds: 0, voxelsChanged: 0 },
    modelDice: null,
    uncertainty: null,
    ...extra,
  };
}

const cases = [
  c(1, 'case-10', { status: 'approved', labelVersionCount: 3, lastEditor: 'bob' }),
  c(2, 'case-2', { status: 'new', split: 'test' }),
  c(3, 'case-1', {
    status: 'flagged',
    comment: 'metal artefact',
    geometry: { ...c(0, '').geometry, dims: [20, 20, 20] },
  }),
];

test('sorting by name is numeric-aware and toggles direction', () => {
  const byName = visibleCases(cases, DEFAULT_FILTER, { key: 'name', ascending: true }).map((x) => x.name);
  assert.deepEqual(byName, ['case-1', 'case-2', 'case-10']);
  const s = toggleSort({ key: 'name', ascending: true }, 'name');
  assert.deepEqual(
    visibleCases(cases, DEFAULT_FILTER, s).map((x) => x.id),
    [1, 2, 3],
  );
  assert.deepEqual(toggleSort(s, 'voxels'), { key: 'voxels', ascending: true });
  assert.equal(visibleCases(cases, DEFAULT_FILTER, { key: 'voxels', ascending: false })[0]?.id, 3);
  assert.deepEqual(
    visibleCases(cases, DEFAULT_FILTER, { key: 'status', ascending: true }).map((x) => x.status),
    ['new', 'approved', 'flagged'],
  );
});

test('model Dice and uncertainty sort either way, cases without a value last', () => {
  const scored = [
    c(1, 'a', { uncertainty: 0.2, modelDice: 0.9 }),
    c(2, 'b'),
    c(3, 'c', { uncertainty: 0.7, modelDice: 0.5 }),
    c(4, 'd', { uncertainty: 0.4 }),
  ];
  const ids = (key: 'uncertainty' | 'modelDice', ascending: boolean) =>
    visibleCases(scored, DEFAULT_FILTER, { key, ascending }).map((x) => x.id);
  assert.deepEqual(ids('uncertainty', true), [1, 4, 3, 2]);
  assert.deepEqual(ids('uncertainty', false), [3, 4, 1, 2]);
  assert.deepEqual(ids('modelDice', true), [3, 1, 2, 4]);
  assert.deepEqual(ids('modelDice', false), [1, 3, 2, 4]);
  assert.equal(formatScore(null), '—');
  assert.equal(formatScore(0.8349), '0.83');
});

test('filters by status, split and free text (name, comment, editor)', () => {
  const sort = { key: 'name' as const, ascending: true };
  assert.deepEqual(
    visibleCases(cases, { ...DEFAULT_FILTER, status: 'flagged' }, sort).map((x) => x.id),
    [3],
  );
  assert.deepEqual(
    visibleCases(cases, { ...DEFAULT_FILTER, split: 'test' }, sort).map((x) => x.id),
    [2],
  );
  assert.deepEqual(
    visibleCases(cases, { ...DEFAULT_FILTER, text: 'METAL' }, sort).map((x) => x.id),
    [3],
  );
  assert.deepEqual(
    visibleCases(cases, { ...DEFAULT_FILTER, text: 'bob' }, sort).map((x) => x.id),
    [1],
  );
});

test('status actions offered are the allowed edges a person may take (no machine statuses)', () => {
  assert.deepEqual(statusActions('new'), ['in-review', 'corrected', 'flagged']);
  assert.deepEqual(statusActions('corrected'), ['in-review', 'approved', 'flagged']);
  assert.deepEqual(statusActions('flagged'), ['in-review', 'corrected']);
  for (const s of CASE_STATUSES) {
    for (const next of statusActions(s)) {
      assert.ok(allowedNext(s).includes(next), `${s} → ${next}`);
      assert.ok(next !== 'new' && next !== 'proposed');
    }
  }
});

test('routes', () => {
  assert.deepEqual(parseRoute('#/cases/12'), { view: 'case', caseId: 12 });
  assert.deepEqual(parseRoute(''), { view: 'project' });
  assert.deepEqual(parseRoute('#/cases/abc'), { view: 'project' });
  assert.equal(formatRoute({ view: 'case', caseId: 3 }), '#/cases/3');
  assert.deepEqual(parseRoute('#/training'), { view: 'training' });
  assert.equal(formatRoute({ view: 'training' }), '#/training');
  assert.equal(formatRoute({ view: 'project' }), '#/');
});
