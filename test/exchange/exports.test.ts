// Exports and imports through the contract: NIfTI, STL, DICOM SEG and nnU-Net dataset round trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import { CoreError } from '../../electron/contract/errors.js';
import { readVolumeFile } from '../../ml/data/io/read-volume.js';
import { writeDicomSeries } from '../../ml/data/io/dicom/index.js';
import { voxelBytes } from '../../ml/data/io/volume.js';
import { importNnUNetDataset } from '../../ml/data/exchange/index.js';
import { generatePhantom } from '../../ml/data/phantom/index.js';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';

const near = (a: readonly number[], b: readonly number[], tol = 1e-4) =>
  a.every((x, i) => Math.abs(x - b[i]!) <= tol);

test('label export (NIfTI, STL), prediction import and refusals', async (t) => {
  const out = tempDir(t);
  const [scan] = await writePhantomFiles(tempDir(t), [41], [48, 48, 32]);
  const core = createCore(join(tempDir(t), 'p'), { create: true });
  t.after(() => core.dispose());
  const api = core.api;
  const caseId = (await api.cases.import({ paths: [scan!.path] })).imported[0]!.id;
  const v1 = await api.labels.save({ caseId, parentId: null, data: voxelBytes(scan!.label.voxels) });

  const nii = join(out, 'label.nii.gz');
  assert.deepEqual((await api.labels.export({ versionId: v1.id, format: 'nifti', outPath: nii })).files, [
    nii,
  ]);
  const back = await readVolumeFile(nii);
  assert.deepEqual(Buffer.from(voxelBytes(back.voxels)), Buffer.from(voxelBytes(scan!.label.voxels)));
  await assert.rejects(
    api.labels.export({ versionId: v1.id, format: 'nifti', outPath: nii }),
    (e: unknown) => e instanceof CoreError && e.kind === 'conflict',
  );

  const stl = await api.labels.export({ versionId: v1.id, format: 'stl', outPath: join(out, 'meshes') });
  assert.deepEqual(
    stl.files.map((f) => f.split('/').pop()),
    ['01_Tooth.stl', '02_Pulp.stl'],
  );
  await assert.rejects(
    api.labels.export({ versionId: v1.id, format: 'dicom-seg', outPath: join(out, 'x.dcm') }),
    (e: unknown) => e instanceof CoreError && e.kind === 'unsupported' && /DICOM-sourced/.test(e.message),
  );

  const imported = await api.labels.importPrediction({ caseId, path: nii, author: 'lab' });
  assert.deepEqual([imported.source, imported.parentId, imported.sha256], ['import', v1.id, v1.sha256]);

  const other = generatePhantom({ seed: 2, size: [40, 40, 32] });
  const wrongGrid = join(out, 'wrong.nii.gz');
  const { writeVolumeFile } = await import('../../ml/data/io/write-volume.js');
  await writeVolumeFile(other.label, wrongGrid);
  await assert.rejects(
    api.labels.importPrediction({ caseId, path: wrongGrid }),
    (e: unknown) => e instanceof CoreError && e.kind === 'invalid-input' && /40/.test(e.message),
  );
  assert.equal((await api.labels.list({ caseId })).length, 2);
});

test('a DICOM-sourced case exports its label as DICOM SEG and the SEG re-imports identically', async (t) => {
  const ph = generatePhantom({ seed: 43, size: [40, 36, 24], spacing: [0.4, 0.4, 0.5] });
  const dicomDir = tempDir(t);
  await writeDicomSeries(ph.image, dicomDir, { seed: 1 });
  const core = createCore(join(tempDir(t), 'p'), { create: true });
  t.after(() => core.dispose());
  const c = (await core.api.cases.import({ paths: [dicomDir] })).imported[0]!;
  assert.equal(c.sourceFormat, 'dicom');
  const v1 = await core.api.labels.save({ caseId: c.id, parentId: null, data: voxelBytes(ph.label.voxels) });
  const seg = join(tempDir(t), 'label.seg.dcm');
  await core.api.labels.export({ versionId: v1.id, format: 'dicom-seg', outPath: seg });
  const v2 = await core.api.labels.importPrediction({ caseId: c.id, path: seg });
  const [a, b] = await Promise.all([
    core.api.labels.read({ versionId: v1.id }),
    core.api.labels.read({ versionId: v2.id }),
  ]);
  assert.deepEqual(Buffer.from(b.data), Buffer.from(a.data));
  assert.deepEqual(b.header.dims, a.header.dims);
  assert.ok(near(b.header.origin, a.header.origin) && near(b.header.spacing, a.header.spacing));
});

test('the project exports as an nnU-Net dataset whose labels are human-made only and re-import identically', async (t) => {
  const scans = await writePhantomFiles(tempDir(t), [51, 52, 53, 54], [40, 40, 24]);
  const core = createCore(join(tempDir(t), 'p'), { create: true });
  t.after(() => core.dispose());
  const api = core.api;
  const ids: number[] = [];
  for (const [i, split] of (['train', 'train', 'val', 'unlabeled'] as const).entries()) {
    ids.push((await api.cases.import({ paths: [scans[i]!.path], split })).imported[0]!.id);
  }
  await api.labels.save({ caseId: ids[0]!, parentId: null, data: voxelBytes(scans[0]!.label.voxels) });
  // Case 2 only has an uncorrected model proposal: it must not become training ground truth.
  await api.labels.save({
    caseId: ids[1]!,
    parentId: null,
    source: 'model',
    data: voxelBytes(scans[1]!.label.voxels),
  });
  await api.labels.save({
    caseId: ids[2]!,
    parentId: null,
    source: 'import',
    data: voxelBytes(scans[2]!.label.voxels),
  });

  const outDir = tempDir(t);
  const r = await api.projects.exportNnUNet({ outDir, datasetId: 321, name: 'CBCT' });
  const dir = r.files[0]!;
  assert.ok(dir.endsWith('Dataset321_CBCT'));
  const ds = await importNnUNetDataset(dir);
  const byId = new Map(ds.cases.map((c) => [c.id, c]));
  assert.equal(byId.get('case_0001')?.split, 'train');
  assert.equal(byId.get('case_0002')?.split, 'unlabeled', 'a model proposal is not ground truth');
  assert.equal(byId.get('case_0003')?.split, 'val');
  assert.equal(byId.get('case_0004')?.split, 'unlabeled');
  for (const [i, id] of [
    [0, 'case_0001'],
    [2, 'case_0003'],
  ] as const) {
    const c = byId.get(id)!;
    assert.deepEqual(
      Buffer.from(voxelBytes(c.label!.voxels)),
      Buffer.from(voxelBytes(scans[i]!.label.voxels)),
    );
    assert.deepEqual(c.label!.dims, scans[i]!.label.dims);
    assert.deepEqual(
      Buffer.from(voxelBytes(c.image.voxels)),
      Buffer.from(voxelBytes(scans[i]!.image.voxels)),
    );
  }
  assert.deepEqual(ds.splits?.train, ['case_0001']);
  assert.deepEqual(ds.splits?.val, ['case_0003']);
  const fold = JSON.parse(readFileSync(join(dir, 'splits_final.json'), 'utf8')) as Record<string, string[]>[];
  assert.deepEqual(fold[0]?.unlabeled?.sort(), ['case_0002', 'case_0004']);
  assert.ok(existsSync(join(dir, 'dataset.json')));
  assert.deepEqual(readdirSync(join(dir, 'unlabeledTr')).sort(), [
    'case_0002_0000.nii.gz',
    'case_0004_0000.nii.gz',
  ]);
  await assert.rejects(
    api.projects.exportNnUNet({ outDir, datasetId: 321, name: 'CBCT' }),
    (e: unknown) => e instanceof CoreError && e.kind === 'conflict',
  );
});
