import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { TargetExistsError } from './atomic-folder.js';
import { exportNnUNetDataset, type NnUNetExportCase } from './nnunet-export.js';
import { importNnUNetDataset, scanNnUNetDataset } from './nnunet-import.js';
import { STSR_SCHEMA, rejectsWith, smallPhantom, withTempDir, withVoxel } from './test-support.js';

const options = { datasetId: 11, name: 'Bad', labelSchema: STSR_SCHEMA };
const folder = 'Dataset011_Bad';

function two(): NnUNetExportCase[] {
  const [a, b] = [smallPhantom(1), smallPhantom(2)];
  return [
    { id: 'a', image: a.image, label: a.label, split: 'train' },
    { id: 'b', image: b.image, label: b.label, split: 'val' },
  ];
}

test('nnU-Net export refuses a non-empty target folder and leaves it untouched; an empty one is fine', async () => {
  await withTempDir(async (root) => {
    const target = join(root, folder);
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'mine');
    await assert.rejects(exportNnUNetDataset(two(), root, options), TargetExistsError);
    await assert.rejects(
      exportNnUNetDataset(two(), root, options),
      /Dataset011_Bad: already exists and is not empty/,
    );
    assert.deepEqual(await readdir(target), ['keep.txt']);
    assert.equal(await readFile(join(target, 'keep.txt'), 'utf8'), 'mine');
    await rm(join(target, 'keep.txt'));
    const result = await exportNnUNetDataset(two(), root, options);
    assert.equal(result.datasetDir, target);
    assert.deepEqual(await readdir(root), [folder]);
  });
});

test('nnU-Net export checks the cases before writing anything', async () => {
  await withTempDir(async (root) => {
    const [a, b] = two() as [NnUNetExportCase, NnUNetExportCase];
    const run = (cases: NnUNetExportCase[], extra = {}) =>
      exportNnUNetDataset(cases, root, { ...options, ...extra });
    await assert.rejects(
      run([a, { ...b, label: undefined }]),
      /case "b" is in split "val" but has no label; use "unlabeled"/,
    );
    await assert.rejects(run([a, { ...b, id: 'A' }]), /case id "A" is used twice/);
    await assert.rejects(
      run([{ ...a, id: 'has space' }]),
      /case id "has space" is not usable as an nnU-Net identifier/,
    );
    await assert.rejects(run([a], { datasetId: 1000 }), /dataset id must be an integer 1…999/);
    await assert.rejects(run([a], { name: 'x/y' }), /dataset name "x\/y"/);
    assert.deepEqual(await readdir(root), []);
  });
});

test('nnU-Net export fails cleanly (no folder, no leftovers) on a bad label', async () => {
  await withTempDir(async (root) => {
    const [a, b] = two() as [NnUNetExportCase, NnUNetExportCase];
    const label = smallPhantom(2).label;
    await rejectsWith(
      () => exportNnUNetDataset([a, { ...b, label: { ...label, spacing: [0.4, 0.4, 0.41] } }], root, options),
      /label of case "b": geometry does not match: spacing \(mm\) \(0\.4, 0\.4, 0\.41\) in the label vs \(0\.4, 0\.4, 0\.4\) in the image/,
    );
    await rejectsWith(
      () => exportNnUNetDataset([a, { ...b, label: withVoxel(label, 48, 20) }], root, options),
      /label value 20 \(first found at voxel \(0, 1, 0\)\) is not in the label schema/,
    );
    await rejectsWith(
      () => exportNnUNetDataset([a, { ...b, image: join(root, 'nope.nii.gz') }], root, options),
      /nope\.nii\.gz: not found/,
    );
    assert.deepEqual(await readdir(root), [], 'no dataset folder and no temporary folder');
    // nnU-Net needs consecutive label values: a label using 5 needs 3 and 4 in the schema.
    const gappy = { ...STSR_SCHEMA, labels: STSR_SCHEMA.labels.filter((l) => l.value !== 4) };
    await assert.rejects(
      exportNnUNetDataset([a, { ...b, label: withVoxel(label, 0, 5) }], root, {
        ...options,
        labelSchema: gappy,
      }),
      /consecutive label values 0…5, but the label schema has no value 4/,
    );
    assert.deepEqual(await readdir(root), []);
  });
});

test('nnU-Net export warns about missing train/val cases but still writes the dataset', async () => {
  await withTempDir(async (root) => {
    const only = smallPhantom(3);
    const result = await exportNnUNetDataset(
      [{ id: 't', image: only.image, label: only.label, split: 'test' }],
      root,
      options,
    );
    assert.deepEqual(result.warnings, [
      'no training cases: nnU-Net cannot train on this dataset',
      'no validation cases: fold 0 of splits_final.json has an empty "val"',
    ]);
    assert.deepEqual(result.datasetJson.labels, { background: 0, Tooth: 1, Pulp: 2 });
    assert.equal(result.datasetJson.numTraining, 0);
  });
});

test('nnU-Net import rejects missing labels, unknown split cases, extra channels and region labels', async () => {
  await withTempDir(async (root) => {
    const { datasetDir } = await exportNnUNetDataset(two(), root, options);
    const json = join(datasetDir, 'dataset.json');
    const original = await readFile(json, 'utf8');
    await rename(join(datasetDir, 'labelsTr', 'b.nii.gz'), join(root, 'b.nii.gz'));
    await rejectsWith(
      () => scanNnUNetDataset(datasetDir),
      /labelsTr: has no label for case "b" \(expected b\.nii\.gz\)/,
    );
    await rename(join(root, 'b.nii.gz'), join(datasetDir, 'labelsTr', 'b.nii.gz'));

    await writeFile(
      join(datasetDir, 'splits_final.json'),
      JSON.stringify([{ train: ['a', 'zz'], val: ['b'] }]),
    );
    await rejectsWith(
      () => scanNnUNetDataset(datasetDir),
      /lists case "zz" under "train", but there is no image for it/,
    );
    await writeFile(join(datasetDir, 'splits_final.json'), JSON.stringify({ train: [] }));
    await rejectsWith(
      () => scanNnUNetDataset(datasetDir),
      /splits_final\.json: is not a non-empty list of folds/,
    );
    await writeFile(join(datasetDir, 'splits_final.json'), JSON.stringify([{ train: ['a'], val: ['b'] }]));
    assert.deepEqual(
      (await scanNnUNetDataset(datasetDir)).splits?.unlabeled,
      [],
      'a missing "unlabeled" reads as empty',
    );

    const regions = { ...JSON.parse(original), labels: { background: 0, whole: [1, 2], Pulp: 2 } };
    await writeFile(json, JSON.stringify(regions));
    const err = await rejectsWith(
      () => scanNnUNetDataset(datasetDir),
      /label "whole" maps to \[1,2\]; only plain integer labels/,
    );
    assert.equal(err.reason, 'unsupported');
    await writeFile(json, JSON.stringify({ ...JSON.parse(original), channel_names: { 0: 'CBCT', 1: 'MR' } }));
    await rejectsWith(() => scanNnUNetDataset(datasetDir), /has 2 input channels/);
    await writeFile(json, '{ not json');
    await rejectsWith(() => scanNnUNetDataset(datasetDir), /dataset\.json: is not valid JSON/);
    await rm(json);
    await rejectsWith(
      () => scanNnUNetDataset(datasetDir),
      /not found: this is not an nnU-Net dataset folder/,
    );

    await writeFile(json, original);
    await writeFile(join(datasetDir, 'imagesTr', 'a_0001.nii.gz'), '');
    await rejectsWith(() => scanNnUNetDataset(datasetDir), /a_0001\.nii\.gz: is a second input channel/);
    await rm(join(datasetDir, 'imagesTr', 'a_0001.nii.gz'));
    // A label whose values are not among dataset.json's labels.
    await writeFile(json, JSON.stringify({ ...JSON.parse(original), labels: { background: 0, Tooth: 1 } }));
    await rejectsWith(
      () => importNnUNetDataset(datasetDir),
      /label value 2 \(first found at voxel .*\) is not in the label schema, which defines 0, 1/,
    );
  });
});
