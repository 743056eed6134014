// `cbct train`, `cbct models`, `cbct propose`, `cbct rank` end to end through the real binary (tiny network).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ModelVersion, RankedCase } from '../../electron/contract/types.js';
import { writeVolumeFile } from '../../ml/data/io/write-volume.js';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';
import { cbct } from './run-cli.js';

test('cbct train → models → propose → rank: the active-learning loop from a shell', async (t) => {
  const dir = tempDir(t);
  const project = join(dir, 'project');
  const scans = await writePhantomFiles(dir, [21, 22, 23], [40, 36, 24]);
  assert.equal(cbct(['init', project]).status, 0);
  for (const [i, s] of scans.entries()) {
    const r = cbct(['import', project, s.path, '--split', i < 2 ? 'train' : 'unlabeled']);
    assert.equal(r.status, 0, r.stderr);
  }
  for (const id of [1, 2]) {
    const labelFile = join(dir, `label-${id}.nii.gz`);
    await writeVolumeFile(scans[id - 1]!.label, labelFile);
    const r = cbct(['import-label', project, String(id), labelFile]);
    assert.equal(r.status, 0, r.stderr);
  }
  const bad = cbct(['train', project, '--stage', 'everything']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /--stage must be one of supervised, dae, consistency, pseudolabel, pipeline/);

  const train = cbct([
    'train',
    project,
    '--stage',
    'supervised',
    '--preset',
    'test',
    '--config',
    'tiny',
    '--patch',
    '16,16,16',
    '--iterations',
    '3',
    '--seed',
    '2',
  ]);
  assert.equal(train.status, 0, train.stderr);
  assert.match(train.stderr, /supervised 3\/3/);
  assert.match(train.stdout, /\* m1\tsupervised/);

  const models = JSON.parse(cbct(['models', project, '--json']).stdout) as ModelVersion[];
  assert.equal(models.length, 1);
  assert.equal(models[0]!.active, true);
  assert.deepEqual(models[0]!.trainedOn.labelVersionIds.length, 2);
  assert.equal(
    (models[0]!.config['trainer'] as { epochs: number; iterationsPerEpoch: number }).iterationsPerEpoch,
    3,
  );

  const before = JSON.parse(cbct(['rank', project, '--json']).stdout) as RankedCase[];
  assert.deepEqual(
    before.map((r) => [r.caseId, r.score]),
    [[3, null]],
  );
  const propose = cbct(['propose', project, '--all']);
  assert.equal(propose.status, 0, propose.stderr);
  assert.match(propose.stdout, /case 3: label version \d+, uncertainty 0\.\d+/);
  const after = JSON.parse(cbct(['rank', project, '--json']).stdout) as RankedCase[];
  assert.equal(after[0]!.caseId, 3);
  assert.equal(after[0]!.modelId, 'm1');
  assert.ok(after[0]!.score! > 0);
  assert.match(cbct(['models', project, '--rollback']).stderr, /no earlier segmentation model/);
});
