import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandForKey, SHORTCUTS } from './shortcuts.js';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; shift: boolean; meta: boolean; alt: boolean }> = {},
) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

test('undo and redo follow Ctrl+Z / Ctrl+Shift+Z (and Cmd on macOS)', () => {
  assert.deepEqual(commandForKey(key('z', { ctrl: true })), { kind: 'undo' });
  assert.deepEqual(commandForKey(key('Z', { ctrl: true, shift: true })), { kind: 'redo' });
  assert.deepEqual(commandForKey(key('z', { meta: true })), { kind: 'undo' });
  assert.deepEqual(commandForKey(key('y', { ctrl: true })), { kind: 'redo' });
  assert.deepEqual(commandForKey(key('s', { ctrl: true })), { kind: 'save' });
});

test('tools, brush size, segments and slices', () => {
  assert.deepEqual(commandForKey(key('b')), { kind: 'tool', mode: 'brush' });
  assert.deepEqual(commandForKey(key('B', { shift: true })), { kind: 'tool', mode: 'sphere-brush' });
  assert.deepEqual(commandForKey(key('e')), { kind: 'tool', mode: 'eraser' });
  assert.equal(commandForKey(key('['))?.kind, 'brush-size');
  assert.ok((commandForKey(key(']')) as { factor: number }).factor > 1);
  assert.deepEqual(commandForKey(key('2')), { kind: 'segment', value: 2 });
  assert.deepEqual(commandForKey(key('PageDown')), { kind: 'slice', delta: 1 });
  assert.equal(commandForKey(key('q')), null);
  assert.equal(commandForKey(key('b', { ctrl: true })), null);
});

test('every shortcut has keys and a description for the help overlay', () => {
  for (const s of SHORTCUTS) assert.ok(s.keys && s.description);
});
