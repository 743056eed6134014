// Packaging: electron-builder really packages the app (with a placeholder for the Electron binary that
// cannot be downloaded here), and the bundled ML worker runs a job in plain Node as it will under Electron.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import { nodeWorkerSpawner } from '../../electron/core/jobs/worker-process.js';
import type { Job } from '../../electron/contract/types.js';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';

test('electron-builder packages the app: bundles, renderer, native modules unpacked, resources', (t) => {
  const out = tempDir(t, 'cbct-package-');
  const r = spawnSync(process.execPath, ['scripts/package-check.mjs', out], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /package check passed/);
});

test('the bundled worker (dist/electron/worker.mjs) runs a job without tsx', async (t) => {
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const [scan] = await writePhantomFiles(tempDir(t), [5], [48, 48, 32]);
  const core = createCore(join(tempDir(t), 'p'), {
    create: true,
    spawnWorker: nodeWorkerSpawner(join(process.cwd(), 'dist', 'electron', 'worker.mjs'), []),
  });
  t.after(() => core.dispose());
  const caseId = (await core.api.cases.import({ paths: [scan!.path] })).imported[0]!.id;
  const queued = await core.api.cases.propose({ caseId });
  const job = await new Promise<Job>((resolve) =>
    core.events.subscribe('job.finished', ({ job }) => job.id === queued.id && resolve(job)),
  );
  assert.equal(job.state, 'done', job.error ?? '');
  assert.equal((await core.api.labels.list({ caseId }))[0]?.source, 'bootstrap');
});
