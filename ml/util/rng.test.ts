import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from './rng.js';

test('same seed gives the same sequence, different seeds differ', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const sa = Array.from({ length: 8 }, () => a.next());
  assert.deepEqual(
    sa,
    Array.from({ length: 8 }, () => b.next()),
  );
  assert.notDeepEqual(
    sa,
    Array.from({ length: 8 }, () => c.next()),
  );
});

test('state() restores the exact continuation', () => {
  const a = createRng(7);
  for (let n = 0; n < 100; n++) a.next();
  const b = createRng(a.state());
  assert.deepEqual(
    Array.from({ length: 5 }, () => a.next()),
    Array.from({ length: 5 }, () => b.next()),
  );
});

test('state() keeps a pending Box–Muller value, so normals continue exactly too', () => {
  const a = createRng(11);
  a.normal(); // leaves the second value of the pair cached
  const b = createRng(a.state());
  assert.equal(a.state().length, 5);
  assert.deepEqual(
    Array.from({ length: 5 }, () => a.normal()),
    Array.from({ length: 5 }, () => b.normal()),
  );
});

test('uniform, int and normal have the right moments', () => {
  const r = createRng(1);
  const n = 20000;
  let sum = 0;
  let sq = 0;
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = r.normal(2, 3);
    sum += x;
    sq += x * x;
    counts[r.int(0, 2)]! += 1;
  }
  const mean = sum / n;
  const std = Math.sqrt(sq / n - mean * mean);
  assert.ok(Math.abs(mean - 2) < 0.1, `mean ${mean}`);
  assert.ok(Math.abs(std - 3) < 0.1, `std ${std}`);
  for (const c of counts) assert.ok(Math.abs(c / n - 1 / 3) < 0.02, `counts ${counts.join(',')}`);
});
