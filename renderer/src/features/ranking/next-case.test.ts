import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RankedCase } from '../../../../electron/contract/types.js';
import { nextCase, reasonOf } from './next-case.js';

const r = (caseId: number, rank: number, score: number | null): RankedCase => ({
  caseId,
  name: `case-${caseId}`,
  split: 'unlabeled',
  score,
  modelId: score === null ? null : 'm2',
  rank,
});

test('the next case is the best-ranked one that is not open', () => {
  const queue = [r(5, 2, 0.3), r(7, 1, 0.6), r(9, 3, null)];
  assert.equal(nextCase(queue)?.caseId, 7);
  assert.equal(nextCase(queue, 7)?.caseId, 5);
  assert.equal(nextCase([r(7, 1, 0.6)], 7), null);
  assert.equal(nextCase([]), null);
});

test('the reason says the score and model, or that the case is not scored', () => {
  assert.equal(reasonOf(r(1, 1, 0.61234)), 'uncertainty 0.612 under m2');
  assert.match(reasonOf(r(1, 1, null)), /not scored/);
});
