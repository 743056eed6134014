import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIFF_ADDED, DIFF_CHANGED, DIFF_REMOVED, diceOf, diffLabelMaps } from './label-diff.js';

test('diffLabelMaps marks added, removed and relabelled voxels', () => {
  const older = Uint8Array.from([0, 1, 1, 2, 0]);
  const newer = Uint8Array.from([1, 1, 0, 1, 0]);
  const d = diffLabelMaps(older, newer);
  assert.deepEqual(Array.from(d.map), [DIFF_ADDED, 0, DIFF_REMOVED, DIFF_CHANGED, 0]);
  assert.deepEqual([d.added, d.removed, d.changed], [1, 1, 1]);
  const only1 = diffLabelMaps(older, newer, 1);
  assert.deepEqual(Array.from(only1.map), [DIFF_ADDED, 0, DIFF_REMOVED, DIFF_ADDED, 0]);
  assert.throws(() => diffLabelMaps(older, new Uint8Array(2)));
});

test('diceOf', () => {
  assert.equal(diceOf(Uint8Array.from([1, 1, 0]), Uint8Array.from([1, 0, 0]), 1), 2 / 3);
  assert.equal(diceOf(new Uint8Array(3), new Uint8Array(3), 1), 1);
});
