import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '../../../electron/contract/types.js';
import {
  formatDuration,
  isRunning,
  isUnfinished,
  jobCaseId,
  jobModelId,
  newerJob,
  resultVersionId,
} from './jobs.js';
import { fakeJob } from './job-fixture.js';

const job = (id: number, state: Job['state'], extra: Partial<Job> = {}): Job =>
  fakeJob({ id, kind: 'segment', lane: 'infer', state, params: { caseId: 4, modelId: 'm2' }, ...extra });

test('params and results are read defensively', () => {
  assert.equal(jobCaseId(job(1, 'queued')), 4);
  assert.equal(jobCaseId(job(1, 'queued', { params: null })), null);
  assert.equal(resultVersionId(job(1, 'done', { result: { labelVersionId: 12 } })), 12);
  assert.equal(resultVersionId(job(1, 'done', { result: 'x' })), null);
  assert.equal(jobModelId(job(1, 'done', { result: { modelId: 'm3' } })), 'm3');
  assert.equal(jobModelId(job(1, 'queued')), 'm2');
});

test('life cycle: a late running copy never undoes a finish', () => {
  assert.equal(isRunning(job(1, 'running')), true);
  assert.equal(isRunning(job(1, 'paused')), false);
  assert.equal(isUnfinished(job(1, 'paused')), true);
  assert.equal(isUnfinished(null), false);
  assert.equal(newerJob(job(1, 'done'), job(1, 'running')).state, 'done');
  assert.equal(newerJob(job(1, 'running'), job(1, 'done')).state, 'done');
  assert.equal(newerJob(job(1, 'done'), job(2, 'queued')).id, 2);
  assert.equal(newerJob(null, job(3, 'queued')).id, 3);
});

test('durations read as seconds, minutes or hours', () => {
  assert.equal(formatDuration(12.4), '12 s');
  assert.equal(formatDuration(200), '3 min 20 s');
  assert.equal(formatDuration(3900), '1 h 05 min');
  assert.equal(formatDuration(NaN), '—');
});
