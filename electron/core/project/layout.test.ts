import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { contentPath, resolveInside } from './layout.js';
import { CoreError } from '../../contract/errors.js';

test('resolveInside keeps paths inside the project', () => {
  const root = resolve('/tmp/project');
  assert.equal(resolveInside(root, 'labels/a.nii.gz'), join(root, 'labels', 'a.nii.gz'));
  assert.equal(resolveInside(root, 'labels/../volumes/b'), join(root, 'volumes', 'b'));
  for (const bad of ['../outside', 'labels/../../etc/passwd', '/etc/passwd', '', '.', 'a\0b']) {
    assert.throws(
      () => resolveInside(root, bad),
      (e: unknown) =>
        e instanceof CoreError && e.kind === 'invalid-input' && /outside the project/.test(e.message),
      bad,
    );
  }
});

test('contentPath only accepts sha256 digests', () => {
  assert.equal(contentPath('labels', 'f'.repeat(64)), `labels/${'f'.repeat(64)}.nii.gz`);
  assert.throws(() => contentPath('labels', '../x'));
});
