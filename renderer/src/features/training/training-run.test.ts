import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventMap, EventName } from '../../../../electron/contract/events.js';
import type { Job, TrainingHistory } from '../../../../electron/contract/types.js';
import type { Connection } from '../../api/connect.js';
import { fakeJob } from '../../api/job-fixture.js';
import { TrainingRun } from './training-run.js';

function job(id: number, extra: Partial<Job> = {}): Job {
  return fakeJob({
    id,
    kind: 'train',
    lane: 'train',
    state: 'running',
    params: { target: 'supervised' },
    ...extra,
  });
}

/** A connection whose events the test emits and whose calls it answers. */
function fakeConnection(jobs: Job[], history: Record<number, TrainingHistory>) {
  const handlers = new Map<string, Set<(p: unknown) => void>>();
  const calls: string[] = [];
  let current = jobs;
  const conn = {
    events: {
      subscribe<E extends EventName>(name: E, fn: (p: EventMap[E]) => void) {
        const set = handlers.get(name) ?? new Set();
        set.add(fn as (p: unknown) => void);
        handlers.set(name, set);
        return () => set.delete(fn as (p: unknown) => void);
      },
    },
    api: {
      jobs: {
        list: async () => current,
        pause: async ({ jobId }: { jobId: number }) => {
          calls.push(`pause ${jobId}`);
          current = current.map((j) => (j.id === jobId ? { ...j, state: 'paused' as const } : j));
          return current.find((j) => j.id === jobId)!;
        },
        get: async ({ jobId }: { jobId: number }) => current.find((j) => j.id === jobId)!,
      },
      training: {
        history: async ({ jobId }: { jobId: number }) =>
          history[jobId] ?? { jobId, points: [], backend: null },
        start: async () => {
          calls.push('start');
          throw Object.assign(new Error('a training job is already running'), { kind: 'conflict' });
        },
      },
    },
  } as unknown as Connection;
  const emit = <E extends EventName>(name: E, payload: EventMap[E]) => {
    for (const fn of handlers.get(name) ?? []) fn(payload);
  };
  return { conn, emit, calls };
}

const step = (iteration: number) => ({
  iteration,
  iterations: 10,
  etaSeconds: 10 - iteration,
  lr: 0.01,
  samplesPerSecond: 1,
  stageIndex: 0,
  stages: 1,
  'loss.total': 1 / iteration,
  'loss.dice': 0.5 / iteration,
});

test('follows the newest training job: history first, then live progress points and the finish', async () => {
  const history: TrainingHistory = {
    jobId: 7,
    backend: 'wasm (tensorflow: not installed)',
    points: [
      {
        stage: 'supervised',
        iteration: 1,
        iterations: 10,
        loss: { total: 1 },
        lr: 0.01,
        omega: null,
        etaSeconds: 9,
        samplesPerSecond: 1,
      },
    ],
  };
  const { conn, emit } = fakeConnection(
    [job(3, { state: 'done' }), job(7), job(5, { kind: 'segment', lane: 'infer' })],
    {
      7: history,
    },
  );
  const run = new TrainingRun(conn);
  const off = run.listen();
  await run.init();
  assert.equal(run.job?.id, 7);
  assert.equal(run.backendUsed, 'wasm (tensorflow: not installed)');
  assert.equal(run.points.length, 1);
  let renders = 0;
  run.subscribe(() => renders++);
  emit('job.progress', {
    job: job(7, { progress: 0.2 }),
    done: 2,
    total: 10,
    message: 'supervised 2/10 · loss 0.5',
    metrics: step(2),
  });
  emit('job.progress', {
    job: job(5, { kind: 'segment', lane: 'infer' }),
    done: 1,
    total: 2,
    message: 'x',
    metrics: step(9),
  });
  assert.equal(run.points.length, 2, 'an inference job does not add training points');
  assert.deepEqual(run.points[1]?.loss, { total: 0.5, dice: 0.25 });
  assert.equal(run.etaSeconds, 8);
  assert.equal(run.message, 'supervised 2/10 · loss 0.5');
  assert.ok(renders > 0);
  emit('job.finished', { job: job(7, { state: 'done', progress: 1 }) });
  assert.equal(run.job?.state, 'done');
  assert.equal(run.active, false);
  off();
});

test('a newer training job replaces the old one; older events are ignored', async () => {
  const { conn, emit } = fakeConnection([job(2, { state: 'done' })], {});
  const run = new TrainingRun(conn);
  const off = run.listen();
  await run.init();
  emit('job.progress', { job: job(4), done: 1, total: 10, message: 'supervised 1/10', metrics: step(1) });
  assert.equal(run.job?.id, 4);
  assert.equal(run.points.length, 1);
  emit('job.progress', { job: job(2), done: 5, total: 10, message: 'old', metrics: step(5) });
  assert.equal(run.job?.id, 4);
  assert.equal(run.points.length, 1);
  off();
});

test('pause waits for the paused state; a refused start is shown as a readable error', async () => {
  const { conn, calls } = fakeConnection([job(9)], {});
  const run = new TrainingRun(conn);
  await run.init();
  await run.pause();
  assert.deepEqual(calls, ['pause 9']);
  assert.equal(run.job?.state, 'paused');
  assert.equal(run.active, true, 'a paused job can still be resumed');
  await run.start({ target: 'supervised', preset: 'test', architecture: 'tiny' });
  assert.match(run.error ?? '', /Starting the training: .*already running/);
  assert.equal(run.busy, false);
});
