// A project survives a killed import and refuses a second process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import { CoreError } from '../../electron/contract/errors.js';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';
import { cbct, cbctAsync } from './run-cli.js';

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

test('an import killed with SIGKILL leaves a consistent project that a re-import completes', async (t) => {
  const dir = tempDir(t);
  const project = join(dir, 'project');
  assert.equal(cbct(['init', project]).status, 0);
  const files = await writePhantomFiles(
    tempDir(t),
    Array.from({ length: 20 }, (_, i) => 100 + i),
    [64, 64, 40],
  );
  const sourceHashes = files.map((f) => sha256(f.path));

  const child = cbctAsync(['import', project, ...files.map((f) => f.path)]);
  let stderr = '';
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/\[5\/20\]/.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
  assert.equal(child.signalCode, 'SIGKILL', `import was killed (stderr: ${stderr.slice(-300)})`);

  const core = createCore(project);
  t.after(() => core.dispose());
  const cases = await core.api.cases.list({});
  assert.ok(cases.length >= 4 && cases.length < 20, `${cases.length} cases survived`);
  const volumes = readdirSync(join(project, 'volumes'));
  assert.equal(volumes.length, cases.length, 'no orphan or temp files');
  for (const name of volumes)
    assert.equal(sha256(join(project, 'volumes', name)), name.replace('.nii.gz', ''));
  const jobs = await core.api.jobs.list({});
  assert.equal(jobs[0]?.state, 'failed');
  assert.match(jobs[0]?.error ?? '', /interrupted/);

  const again = await core.api.cases.import({ paths: files.map((f) => f.path) });
  assert.equal(again.imported.length + again.skipped.length, 20);
  assert.equal(again.skipped.length, cases.length);
  assert.equal((await core.api.cases.list({})).length, 20);
  assert.deepEqual(
    files.map((f) => sha256(f.path)),
    sourceHashes,
    'sources untouched',
  );
});

test('a project open in another process cannot be opened; a dead owner’s lock is taken over', async (t) => {
  const project = join(tempDir(t), 'project');
  createCore(project, { create: true }).dispose();
  const holder = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./electron/core/create-core.ts').then(m => { m.createCore(${JSON.stringify(project)}); console.log('open'); setInterval(() => {}, 1000); })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  t.after(() => holder.kill('SIGKILL'));
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  assert.throws(
    () => createCore(project),
    (e: unknown) =>
      e instanceof CoreError && e.kind === 'conflict' && e.message.includes(`pid ${holder.pid}`),
  );
  holder.kill('SIGKILL');
  await new Promise((r) => holder.once('exit', r));
  assert.ok(existsSync(join(project, 'project.lock')), 'stale lock left by the killed process');
  const core = createCore(project);
  core.dispose();
  assert.throws(() => createCore(join(tempDir(t), 'nothing-here')), /not a CBCT Workbench project/);
});
