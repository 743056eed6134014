// The job runner with real worker processes: a proposal job end to end, a worker killed mid-job, a
// cancelled job, and jobs left running by a dead process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../electron/core/create-core.js';
import { spawnNodeWorker } from '../../electron/core/jobs/worker-process.js';
import type { SpawnWorker, WorkerHandle } from '../../electron/core/jobs/worker-process.js';
import { finished } from '../helpers/jobs.js';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';

async function projectWithCase(t: Parameters<typeof tempDir>[0], spawnWorker?: SpawnWorker) {
  const dir = join(tempDir(t), 'project');
  const [scan] = await writePhantomFiles(tempDir(t), [7], [64, 64, 40]);
  const core = createCore(dir, { create: true, spawnWorker });
  t.after(() => core.dispose());
  const caseId = (await core.api.cases.import({ paths: [scan!.path] })).imported[0]!.id;
  return { core, dir, caseId };
}

test('a bootstrap proposal runs in a worker and becomes a label version', async (t) => {
  const { core, dir, caseId } = await projectWithCase(t);
  const progress: number[] = [];
  core.events.subscribe('job.progress', (p) => progress.push(p.done));
  const queued = await core.api.cases.propose({ caseId, method: 'bootstrap', author: 'dr-c' });
  assert.equal(queued.state, 'queued');
  assert.equal(queued.lane, 'infer');
  const job = await finished(core, queued.id);
  assert.equal(job.state, 'done', job.error ?? '');
  const versions = await core.api.labels.list({ caseId });
  assert.equal(versions.length, 1);
  assert.equal(versions[0]!.source, 'bootstrap');
  assert.equal(versions[0]!.author, 'dr-c');
  assert.deepEqual(job.result && (job.result as { labelVersionId: number }).labelVersionId, versions[0]!.id);
  assert.ok((versions[0]!.labelCounts['1'] ?? 0) > 0, 'some tooth voxels proposed');
  assert.equal((await core.api.cases.get({ caseId })).status, 'proposed');
  assert.ok(
    progress.some((f) => f > 0 && f < 1),
    'intermediate progress reported',
  );
  assert.ok(!existsSync(join(dir, 'runs', `job-${job.id}`)), 'scratch folder removed');
});

test('a worker killed mid-job is replaced and the job is retried', async (t) => {
  const workers: WorkerHandle[] = [];
  let killed = false;
  const spawn: SpawnWorker = () => {
    const w = spawnNodeWorker();
    workers.push(w);
    w.onMessage((m) => {
      if (m.type === 'progress' && !killed) {
        killed = true;
        w.kill('SIGKILL');
      }
    });
    return w;
  };
  const { core, caseId } = await projectWithCase(t, spawn);
  const queued = await core.api.cases.propose({ caseId });
  const job = await finished(core, queued.id);
  assert.equal(job.state, 'done', job.error ?? '');
  assert.equal(job.attempts, 2);
  assert.equal(workers.length, 2, 'a second worker was started');
  assert.equal((await core.api.labels.list({ caseId })).length, 1);
});

test('cancelling a running job stops it and records nothing', async (t) => {
  const { core, dir, caseId } = await projectWithCase(t);
  const queued = await core.api.cases.propose({ caseId });
  const stop = core.events.subscribe('job.progress', (p) => {
    if (p.job.id === queued.id && p.job.state === 'running') {
      stop();
      void core.api.jobs.cancel({ jobId: queued.id });
    }
  });
  const job = await finished(core, queued.id);
  assert.equal(job.state, 'cancelled');
  assert.equal((await core.api.labels.list({ caseId })).length, 0);
  assert.deepEqual(readdirSync(join(dir, 'labels')), []);
  assert.ok(!existsSync(join(dir, 'runs', `job-${job.id}`)));
});

test('jobs a dead process left running resume at the next open; unknown kinds fail', async (t) => {
  const { core, dir, caseId } = await projectWithCase(t);
  core.dispose();
  const db = new Database(join(dir, 'project.sqlite'));
  const insert = db.prepare(
    "INSERT INTO jobs (kind, lane, state, params, attempts, created_at) VALUES (?, 'infer', 'running', ?, 1, 'then')",
  );
  const bootstrapId = Number(
    insert.run('bootstrap', JSON.stringify({ caseId, author: 'x' })).lastInsertRowid,
  );
  const unknownId = Number(insert.run('teleport', '{}').lastInsertRowid);
  db.close();

  const reopened = createCore(dir);
  t.after(() => reopened.dispose());
  const done = await Promise.race([
    finished(reopened, bootstrapId),
    new Promise<null>((r) => setTimeout(() => r(null), 60_000)),
  ]);
  assert.equal(done?.state, 'done', 'interrupted job resumed and finished');
  assert.equal((await reopened.api.jobs.get({ jobId: unknownId })).state, 'failed');
  assert.equal((await reopened.api.labels.list({ caseId })).length, 1);
});
