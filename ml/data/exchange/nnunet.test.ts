import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeDicomSeries } from '../io/dicom/index.js';
import { writeVolumeFile } from '../io/write-volume.js';
import { exportNnUNetDataset, type NnUNetExportCase } from './nnunet-export.js';
import { importNnUNetDataset, scanNnUNetDataset } from './nnunet-import.js';
import { NIFTI_TOLERANCE, STSR_SCHEMA, assertSameVolume, smallPhantom, withTempDir } from './test-support.js';

function cases(): NnUNetExportCase[] {
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(smallPhantom);
  return [
    { id: 'case_001', image: a!.image, label: a!.label, split: 'train' },
    { id: 'case_002', image: b!.image, label: b!.label, split: 'train' },
    { id: 'case_003', image: c!.image, label: c!.label, split: 'val' },
    { id: 'scan-004', image: d!.image, split: 'unlabeled' },
    { id: 'test_005', image: e!.image, label: e!.label, split: 'test' },
  ];
}

test('nnU-Net export writes the v2 layout, dataset.json and a U-Mamba2 splits_final.json', async () => {
  await withTempDir(async (root) => {
    const result = await exportNnUNetDataset(cases(), root, {
      datasetId: 320,
      name: 'CBCTWB',
      labelSchema: STSR_SCHEMA,
    });
    const dir = join(root, 'Dataset320_CBCTWB');
    assert.equal(result.datasetDir, dir);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual((await readdir(root)).sort(), ['Dataset320_CBCTWB'], 'no temporary folder left');
    const list = async (sub: string) => (await readdir(join(dir, sub))).sort();
    assert.deepEqual(await list('.'), [
      'dataset.json',
      'imagesTr',
      'imagesTs',
      'labelsTr',
      'labelsTs',
      'splits_final.json',
      'unlabeledTr',
    ]);
    assert.deepEqual(await list('imagesTr'), [
      'case_001_0000.nii.gz',
      'case_002_0000.nii.gz',
      'case_003_0000.nii.gz',
    ]);
    assert.deepEqual(await list('labelsTr'), ['case_001.nii.gz', 'case_002.nii.gz', 'case_003.nii.gz']);
    assert.deepEqual(await list('unlabeledTr'), ['scan-004_0000.nii.gz']);
    assert.deepEqual(await list('imagesTs'), ['test_005_0000.nii.gz']);
    assert.deepEqual(await list('labelsTs'), ['test_005.nii.gz']);

    const datasetJson = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8'));
    assert.deepEqual(datasetJson.channel_names, { '0': 'CBCT' });
    // Phantoms use 0, 1, 2 only: 'used' labels stop at 2, and 0 is nnU-Net's "background".
    assert.deepEqual(datasetJson.labels, { background: 0, Tooth: 1, Pulp: 2 });
    assert.equal(datasetJson.numTraining, 3);
    assert.equal(datasetJson.file_ending, '.nii.gz');
    assert.equal(datasetJson.name, 'CBCTWB');

    const splits = JSON.parse(await readFile(join(dir, 'splits_final.json'), 'utf8'));
    assert.deepEqual(splits, [
      { train: ['case_001', 'case_002'], val: ['case_003'], unlabeled: ['scan-004'] },
    ]);
  });
});

test('nnU-Net export → import gives back every case, split, image and label unchanged', async () => {
  await withTempDir(async (root) => {
    const input = cases();
    const { datasetDir } = await exportNnUNetDataset(input, root, {
      datasetId: 7,
      name: 'RoundTrip',
      labelSchema: STSR_SCHEMA,
      labels: 'schema',
    });
    const back = await importNnUNetDataset(datasetDir);
    assert.deepEqual(back.warnings, []);
    assert.equal(Object.keys(back.datasetJson.labels).length, 13, "'schema' lists all 13 STSR labels");
    assert.deepEqual(back.cases.map((c) => [c.id, c.split]).sort(), input.map((c) => [c.id, c.split]).sort());
    for (const c of input) {
      const got = back.cases.find((x) => x.id === c.id)!;
      assertSameVolume(got.image, c.image as never, NIFTI_TOLERANCE);
      if (c.split === 'unlabeled') assert.equal(got.label, undefined);
      else assertSameVolume(got.label!, c.label as never, NIFTI_TOLERANCE);
    }
  });
});

test('nnU-Net export copies gzipped NIfTI image files byte for byte and converts other formats and DICOM folders', async () => {
  await withTempDir(async (root) => {
    const p = smallPhantom(1);
    const nii = join(root, 'scan.nii.gz');
    const mha = join(root, 'scan.mha');
    const labelPath = join(root, 'label.nrrd');
    await writeVolumeFile(p.image, nii);
    await writeVolumeFile(p.image, mha);
    await writeVolumeFile(p.label, labelPath);
    const dicom = join(root, 'dicom');
    await writeDicomSeries(p.image, dicom);
    const { datasetDir } = await exportNnUNetDataset(
      [
        { id: 'a', image: nii, label: labelPath, split: 'train' },
        { id: 'b', image: mha, label: labelPath, split: 'val' },
        { id: 'c', image: dicom, label: p.label, split: 'train' },
      ],
      join(root, 'out'),
      { datasetId: 1, name: 'Files', labelSchema: STSR_SCHEMA },
    );
    assert.ok((await readFile(nii)).equals(await readFile(join(datasetDir, 'imagesTr', 'a_0000.nii.gz'))));
    const back = await importNnUNetDataset(datasetDir);
    assert.equal(back.cases.length, 3);
    for (const c of back.cases) {
      assertSameVolume(c.image, p.image, NIFTI_TOLERANCE);
      assertSameVolume(c.label!, p.label, NIFTI_TOLERANCE);
    }
  });
});

test('nnU-Net scan reads splits from splits_final.json and falls back to folders without it', async () => {
  await withTempDir(async (root) => {
    const { datasetDir } = await exportNnUNetDataset(cases(), root, {
      datasetId: 2,
      name: 'Scan',
      labelSchema: STSR_SCHEMA,
    });
    const scan = await scanNnUNetDataset(datasetDir);
    assert.deepEqual(scan.splits, {
      train: ['case_001', 'case_002'],
      val: ['case_003'],
      unlabeled: ['scan-004'],
    });
    const { rm } = await import('node:fs/promises');
    await rm(join(datasetDir, 'splits_final.json'));
    const plain = await scanNnUNetDataset(datasetDir);
    assert.equal(plain.splits, null);
    assert.deepEqual(
      plain.cases.map((c) => `${c.id}:${c.split}`),
      ['case_001:train', 'case_002:train', 'case_003:train', 'scan-004:unlabeled', 'test_005:test'],
    );
  });
});
