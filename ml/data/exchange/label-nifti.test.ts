import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readVolumeFile } from '../io/read-volume.js';
import { TargetExistsError } from './atomic-folder.js';
import { exportLabelNifti } from './label-nifti.js';
import {
  NIFTI_TOLERANCE,
  STSR_SCHEMA,
  assertSameVolume,
  rejectsWith,
  smallPhantom,
  withTempDir,
  withVoxel,
} from './test-support.js';

test('exportLabelNifti → readVolumeFile gives identical voxels and geometry (float32 precision)', async () => {
  await withTempDir(async (dir) => {
    const label = smallPhantom(1).label;
    for (const name of ['label.nii.gz', 'label.nii']) {
      const written = await exportLabelNifti(label, join(dir, name), { schema: STSR_SCHEMA });
      assert.equal(written.path, join(dir, name));
      assertSameVolume(await readVolumeFile(written.path), label, NIFTI_TOLERANCE);
    }
    assert.deepEqual((await readdir(dir)).sort(), ['label.nii', 'label.nii.gz'], 'no temporary files left');
  });
});

test('exportLabelNifti refuses existing files, other extensions and non-label values', async () => {
  await withTempDir(async (dir) => {
    const label = smallPhantom(2).label;
    const path = join(dir, 'label.nii.gz');
    await exportLabelNifti(label, path);
    await assert.rejects(exportLabelNifti(label, path), TargetExistsError);
    const changed = withVoxel(label, 0, 2);
    await exportLabelNifti(changed, path, { overwrite: true });
    assert.equal((await readVolumeFile(path)).voxels[0], 2);
    await rejectsWith(
      () => exportLabelNifti(label, join(dir, 'label.mha')),
      /must end in \.nii\.gz or \.nii/,
    );
    await rejectsWith(
      () => exportLabelNifti(withVoxel(label, 3, 13), join(dir, 'b.nii.gz'), { schema: STSR_SCHEMA }),
      /label value 13/,
    );
    const negative = { ...label, dataType: 'int16' as const, voxels: Int16Array.from(label.voxels) };
    negative.voxels[1] = -1;
    await rejectsWith(
      () => exportLabelNifti(negative, join(dir, 'c.nii.gz')),
      /label value -1 at voxel \(1, 0, 0\) is not a label/,
    );
    assert.deepEqual(await readdir(dir), ['label.nii.gz']);
  });
});
