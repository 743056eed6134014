import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeVolumeFile } from '../io/write-volume.js';
import type { Volume } from '../io/volume.js';
import { readPrediction } from './prediction.js';
import { writeDicomSeg } from './seg-write.js';
import {
  STSR_SCHEMA,
  assertSameVolume,
  rejectsWith,
  smallPhantom,
  withTempDir,
  withVoxel,
} from './test-support.js';

const reference = {
  studyInstanceUid: '1.2.3.1',
  seriesInstanceUid: '1.2.3.2',
  sopInstanceUids: Array.from({ length: 32 }, (_, k) => `1.2.3.9.${k + 1}`),
  frameOfReferenceUid: '1.2.3.3',
};

test('readPrediction accepts a NIfTI label on the case grid and returns it on exactly that grid', async () => {
  await withTempDir(async (dir) => {
    const { image, label } = smallPhantom(1);
    const path = join(dir, 'pred.nii.gz');
    // A prediction saved as int16 with float32 geometry: values kept, type narrowed, grid snapped.
    const int16: Volume = { ...label, dataType: 'int16', voxels: Int16Array.from(label.voxels) };
    await writeVolumeFile(int16, path);
    const got = await readPrediction(path, image, STSR_SCHEMA);
    assert.equal(got.format, 'nifti');
    assertSameVolume(got.label, label);
    assert.deepEqual([...got.counts.keys()], [0, 1, 2]);
    assert.deepEqual(got.warnings, []);
  });
});

test('readPrediction accepts a DICOM SEG of the case and warns when it references another series', async () => {
  await withTempDir(async (dir) => {
    const { image, label } = smallPhantom(2);
    const path = join(dir, 'pred.dcm');
    await writeDicomSeg(label, reference, STSR_SCHEMA, path, { algorithmType: 'AUTOMATIC' });
    const got = await readPrediction(path, image, STSR_SCHEMA, {
      seriesInstanceUid: reference.seriesInstanceUid,
    });
    assert.equal(got.format, 'dicom-seg');
    assertSameVolume(got.label, label);
    assert.deepEqual(got.warnings, []);
    const other = await readPrediction(path, image, STSR_SCHEMA, { seriesInstanceUid: '1.2.3.99' });
    assert.match(other.warnings.join('\n'), /references series 1\.2\.3\.2, not the case's 1\.2\.3\.99/);
  });
});

test('readPrediction names both grids when the geometry does not match', async () => {
  await withTempDir(async (dir) => {
    const { image, label } = smallPhantom(3);
    const path = join(dir, 'pred.nii.gz');
    await writeVolumeFile(label, path);
    const shifted = {
      ...image,
      origin: [image.origin[0], image.origin[1] + 0.01, image.origin[2]] as typeof image.origin,
    };
    await rejectsWith(
      () => readPrediction(path, shifted, STSR_SCHEMA),
      /geometry does not match: origin \(LPS mm\) \(-9\.4, -9\.4, -6\.2\) in the prediction vs \(-9\.4, -9\.39, -6\.2\) in the case/,
    );
    await rejectsWith(
      () => readPrediction(path, { ...image, dims: [48, 48, 30] }, STSR_SCHEMA),
      /dimensions 48×48×32 in the prediction vs 48×48×30 in the case/,
    );
    await rejectsWith(
      () => readPrediction(path, { ...image, spacing: [0.4, 0.4, 0.5] }, STSR_SCHEMA),
      /spacing \(mm\) \(0\.4, 0\.4, 0\.4\) in the prediction vs \(0\.4, 0\.4, 0\.5\) in the case/,
    );
    await rejectsWith(
      () => readPrediction(path, { ...image, direction: [0, 1, 0, 1, 0, 0, 0, 0, -1] }, STSR_SCHEMA),
      /direction \(1, 0, 0, 0, 1, 0, 0, 0, 1\) in the prediction vs \(0, 1, 0, 1, 0, 0, 0, 0, -1\) in the case/,
    );
    // Within the tolerance (1e-3 mm) is accepted.
    const close = {
      ...image,
      origin: [image.origin[0] + 5e-4, image.origin[1], image.origin[2]] as typeof image.origin,
    };
    assert.deepEqual((await readPrediction(path, close, STSR_SCHEMA)).label.origin, close.origin);
    const seg = join(dir, 'pred.dcm');
    await writeDicomSeg(label, reference, STSR_SCHEMA, seg);
    await rejectsWith(
      () => readPrediction(seg, { ...image, dims: [48, 47, 32] }, STSR_SCHEMA),
      /slice size \(columns×rows\) 48×48 in the SEG vs 48×47 in the case/,
    );
  });
});

test('readPrediction names the first label value outside the schema, and non-integer values', async () => {
  await withTempDir(async (dir) => {
    const { image, label } = smallPhantom(4);
    const path = join(dir, 'pred.nii.gz');
    await writeVolumeFile(withVoxel(withVoxel(label, 5000, 99), 7000, 14), path);
    await rejectsWith(
      () => readPrediction(path, image, STSR_SCHEMA),
      /label value 99 \(first found at voxel \(8, 8, 2\)\) is not in the label schema "stsr-2025-task1", which defines 0, 1, 2, .*12; other undefined values: 14/,
    );
    const floats: Volume = { ...label, dataType: 'float32', voxels: Float32Array.from(label.voxels) };
    floats.voxels[10] = 0.5;
    await writeVolumeFile(floats, path);
    await rejectsWith(
      () => readPrediction(path, image, STSR_SCHEMA),
      /label value 0\.5 at voxel \(10, 0, 0\) is not a label/,
    );
    await rejectsWith(
      () => readPrediction(join(dir, 'missing.nii.gz'), image, STSR_SCHEMA),
      /missing\.nii\.gz/,
    );
  });
});
