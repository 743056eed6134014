import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditSession } from './edit-session.js';

test('external edits become undo steps; undo/redo restore voxels and report slices', () => {
  const labels = new Uint8Array(32); // 4 slices of 8
  const s = new EditSession(labels, 8, null);
  assert.equal(s.dirty, false);
  labels[9] = 1;
  labels[10] = 1;
  const c = s.commitExternal('Brush stroke');
  assert.deepEqual(c, { slices: [1], voxels: 2 });
  assert.equal(s.commitExternal('nothing'), null);
  assert.equal(s.dirty, true);
  const own = s.apply('Flood fill', [25, 26, 9], 2);
  assert.deepEqual(own?.slices, [1, 3]);
  assert.equal(labels[9], 2);
  assert.equal(s.undo()?.label, 'Flood fill');
  assert.equal(labels[9], 1);
  assert.equal(labels[25], 0);
  assert.equal(s.undo()?.label, 'Brush stroke');
  assert.equal(labels[9], 0);
  assert.equal(s.dirty, false, 'back at the loaded state');
  assert.equal(s.undo(), null);
  assert.equal(s.redo()?.label, 'Brush stroke');
  assert.equal(labels[10], 1);
  assert.equal(s.dirty, true);
});

test('a commit limited to the touched slices sees only those', () => {
  const labels = new Uint8Array(32);
  const s = new EditSession(labels, 8, null);
  labels[9] = 1;
  labels[25] = 1;
  assert.deepEqual(s.commitExternal('stroke', [1, 1]), { slices: [1], voxels: 1 });
  assert.deepEqual(s.commitExternal('rest'), { slices: [3], voxels: 1 });
  assert.equal(s.commitExternal('none', []), null);
});

test('pending external edits are committed before undo, so nothing is lost', () => {
  const labels = new Uint8Array(16);
  const s = new EditSession(labels, 8, 1);
  s.apply('a', [0], 1);
  labels[5] = 3; // a stroke not yet committed
  s.undo(); // commits the stroke first, then undoes it
  assert.equal(labels[5], 0);
  assert.equal(labels[0], 1);
  s.undo();
  assert.equal(labels[0], 0);
});

test('saving, reviewed slices, replace and the dirty flag', () => {
  const labels = new Uint8Array(16);
  const s = new EditSession(labels, 8, 4, [1]);
  let events = 0;
  s.subscribe(() => events++);
  s.setReviewed(0, true);
  assert.equal(s.dirty, true);
  s.setReviewed(0, false);
  assert.equal(s.dirty, false);
  s.apply('a', [3], 1);
  s.markSaved(5);
  assert.equal(s.dirty, false);
  assert.equal(s.baseVersionId, 5);
  assert.equal(s.baseLabels()[3], 1);
  s.undo();
  assert.equal(s.dirty, true);
  s.redo();
  assert.equal(s.dirty, false);
  const restored = new Uint8Array(16).fill(2);
  s.replace(restored, 5, [0], s.baseLabels());
  assert.equal(s.dirty, true, 'a restored draft is unsaved');
  assert.equal(s.undoStack.canUndo, false);
  assert.equal(labels[7], 2);
  s.replace(new Uint8Array(16), 6, []);
  assert.equal(s.dirty, false);
  assert.ok(events > 5);
  assert.throws(() => s.replace(new Uint8Array(3), 1, []));
});

test('a base version given by the caller is kept as is (no copy) and never written', () => {
  const base = new Uint8Array(16).fill(3);
  const labels = base.slice();
  const s = new EditSession(labels, 8, 7, [], base);
  assert.equal(s.baseLabels(), base, 'shared, not copied');
  s.apply('Flood fill', [0, 1, 2], 5);
  assert.equal(labels[0], 5);
  assert.equal(base[0], 3, 'edits go to the working labels only');
  assert.notEqual(
    new EditSession(labels, 8, 7, [], new Uint8Array(4)).baseLabels().length,
    4,
    'wrong size: copied',
  );
});
