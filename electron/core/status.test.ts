import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canTransition, statusAfterSave } from './status.js';
import { CASE_STATUSES } from '../contract/types.js';

test('the review life cycle allows the documented path and refuses skipping review', () => {
  const path = ['new', 'proposed', 'in-review', 'corrected', 'approved'] as const;
  for (let i = 1; i < path.length; i++)
    assert.ok(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`);
  assert.ok(!canTransition('new', 'approved'));
  assert.ok(!canTransition('proposed', 'approved'));
  for (const s of CASE_STATUSES) assert.ok(canTransition(s, 'flagged') || s === 'flagged');
});

test('saves move the status: manual → corrected, model proposals → proposed only from new', () => {
  assert.equal(statusAfterSave('new', 'manual'), 'corrected');
  assert.equal(statusAfterSave('approved', 'manual'), 'corrected');
  assert.equal(statusAfterSave('flagged', 'manual'), 'flagged');
  assert.equal(statusAfterSave('new', 'model'), 'proposed');
  assert.equal(statusAfterSave('new', 'bootstrap'), 'proposed');
  assert.equal(statusAfterSave('corrected', 'model'), 'corrected');
});
