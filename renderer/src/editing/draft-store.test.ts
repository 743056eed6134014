import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySparse, decodeSparse, encodeSparse, sparseDifference } from './draft-codec.js';
import { DraftStore } from './draft-store.js';

function memoryStorage(limit = Infinity) {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > limit) throw new Error('QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
}

test('sparse differences round-trip through the text encoding', () => {
  const base = new Uint8Array(100_000);
  const working = base.slice();
  for (let q = 5000; q < 9000; q++) working[q] = 1;
  working[70_000] = 2;
  working[99_999] = 255;
  const sparse = sparseDifference(base, working);
  assert.equal(sparse.indices.length, 4002);
  const text = encodeSparse(sparse);
  assert.ok(text.length < 6000, `encoded ${text.length} chars`);
  const back = decodeSparse(text);
  const restored = base.slice();
  applySparse(restored, back);
  assert.deepEqual(restored, working);
  assert.deepEqual(
    decodeSparse(encodeSparse({ indices: new Uint32Array(0), values: new Uint8Array(0) })).indices.length,
    0,
  );
});

test('corrupt drafts are rejected, not half-applied', () => {
  assert.throws(() => decodeSparse(btoa('\u0002')), /format/);
  assert.throws(() => decodeSparse(btoa('\u0001\u0005')), /truncated/);
});

test('DraftStore saves, loads and discards per project and case, and reports a full storage', () => {
  const storage = memoryStorage();
  const store = new DraftStore(storage, 'p1');
  const changes = { indices: Uint32Array.from([3, 4]), values: Uint8Array.from([1, 1]) };
  const saved = store.save({
    caseId: 7,
    baseVersionId: 2,
    parentVersionId: 3,
    reviewedSlices: [5],
    savedAt: 'now',
    changes,
  });
  assert.equal(saved.ok, true);
  assert.equal(new DraftStore(storage, 'p2').load(7), null);
  const loaded = store.load(7);
  assert.equal(loaded?.baseVersionId, 2);
  assert.deepEqual(loaded?.reviewedSlices, [5]);
  assert.equal(loaded?.parentVersionId, 3);
  assert.deepEqual(Array.from(loaded?.changes.indices ?? []), [3, 4]);
  store.discard(7);
  assert.equal(store.load(7), null);
  const tiny = new DraftStore(memoryStorage(10), 'p1');
  const full = tiny.save({
    caseId: 1,
    baseVersionId: null,
    parentVersionId: null,
    reviewedSlices: [],
    savedAt: 'now',
    changes,
  });
  assert.equal(full.ok, false);
  storage.setItem('cbct-workbench:draft:p1:9', '{not json');
  assert.equal(store.load(9), null);
});
