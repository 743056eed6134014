import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosine, rankCases } from './rank.js';

const A = [1, 0, 0];
const A2 = [0.99, 0.05, 0];
const B = [0, 1, 0];

test('rankCases: most uncertain first, unscored last in their order', () => {
  const r = rankCases([
    { id: 1, score: 0.2, descriptor: A },
    { id: 2, score: null, descriptor: [] },
    { id: 3, score: 0.7, descriptor: B },
    { id: 4, score: 0.5, descriptor: A },
    { id: 5, score: null, descriptor: [] },
  ]);
  assert.deepEqual(
    r.map((c) => c.id),
    [3, 4, 1, 2, 5],
  );
});

test('rankCases with diversity: a near-duplicate of the first pick gives way to a different case', () => {
  const cands = [
    { id: 1, score: 0.9, descriptor: A },
    { id: 2, score: 0.88, descriptor: A2 },
    { id: 3, score: 0.7, descriptor: B },
  ];
  assert.deepEqual(
    rankCases(cands).map((c) => c.id),
    [1, 2, 3],
  );
  assert.deepEqual(
    rankCases(cands, { diversity: true }).map((c) => c.id),
    [1, 3, 2],
  );
  // lambda 0: scores only
  assert.deepEqual(
    rankCases(cands, { diversity: true, lambda: 0 }).map((c) => c.id),
    [1, 2, 3],
  );
});

test('cosine: 1 for parallel, 0 for orthogonal or unknown', () => {
  assert.equal(cosine(A, [2, 0, 0]), 1);
  assert.equal(cosine(A, B), 0);
  assert.equal(cosine([], A), 0);
});
