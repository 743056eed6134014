import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyChange, changeCounts, changedSlices, changeOfFill, diffVoxels } from './voxel-diff.js';
import { UndoStack } from './undo-stack.js';

test('diffVoxels finds every changed voxel, aligned or not, and applyChange reverts and replays it', () => {
  for (const length of [0, 3, 4, 17, 1000]) {
    const before = new Uint8Array(length);
    for (let q = 0; q < length; q++) before[q] = q % 3;
    const after = before.slice();
    const touched = [1, 5, 6, 16, 999].filter((q) => q < length);
    for (const q of touched) after[q] = 7;
    const change = diffVoxels(before, after);
    assert.deepEqual(Array.from(change.indices), touched);
    const work = after.slice();
    applyChange(work, change, false);
    assert.deepEqual(work, before);
    applyChange(work, change, true);
    assert.deepEqual(work, after);
  }
});

test('diffVoxels on a sub-range and on unaligned views', () => {
  const buf = new Uint8Array(40);
  const before = buf.subarray(1, 33);
  const after = before.slice();
  after[2] = 9;
  after[30] = 9;
  assert.deepEqual(Array.from(diffVoxels(before, after).indices), [2, 30]);
  assert.deepEqual(Array.from(diffVoxels(before, after, 10, 32).indices), [30]);
});

test('changeOfFill skips voxels that already hold the value; slices and counts', () => {
  const vol = new Uint8Array([0, 1, 2, 0, 0, 2]);
  const change = changeOfFill(vol, [0, 1, 2, 5], 2);
  assert.deepEqual(Array.from(change.indices), [0, 1]);
  assert.deepEqual(changedSlices(change, 2), [0]);
  const counts = changeCounts(change);
  assert.equal(counts.added.get(2), 2);
  assert.equal(counts.removed.get(1), 1);
});

test('UndoStack undoes and redoes in order and drops the redo branch on a new step', () => {
  const s = new UndoStack<number>();
  assert.equal(s.undo(), undefined);
  s.push('a', 1);
  s.push('b', 2);
  assert.equal(s.undo()?.label, 'b');
  assert.equal(s.canRedo, true);
  assert.equal(s.redo()?.data, 2);
  assert.equal(s.undo()?.label, 'b');
  s.push('c', 3);
  assert.equal(s.canRedo, false);
  assert.deepEqual(s.history, ['a', 'c']);
  assert.equal(s.nextUndoLabel, 'c');
});
