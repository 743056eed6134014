import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Volume } from '../volume.js';
import { encodePart10 } from './encode.js';
import { listDicomSeries, readDicomSeries } from './index.js';
import { assertClose, randomVolume, rotatedDirection, withTempDir } from './test-helpers.js';
import { buildCtSeries, writeDicomSeries, writeSliceFiles } from './write-series.js';

function assertSameGeometry(actual: Volume, expected: Volume): void {
  assert.deepEqual(actual.dims, expected.dims);
  assertClose(actual.spacing, expected.spacing, 1e-6, 'spacing');
  assertClose(actual.origin, expected.origin, 1e-6, 'origin');
  assertClose(actual.direction, expected.direction, 1e-9, 'direction');
}

test('round trip of an axis-aligned int16 volume keeps voxels, type and geometry', async () => {
  await withTempDir(async (dir) => {
    const volume = randomVolume('int16', -1000, 3000);
    const written = await writeDicomSeries(volume, dir, {
      seriesDescription: 'CBCT ö',
      patientId: 'P-7',
      seed: 3,
    });
    const read = await readDicomSeries(dir);
    assert.equal(read.volume.dataType, 'int16');
    assert.deepEqual(read.volume.voxels, volume.voxels);
    assertSameGeometry(read.volume, volume);
    assert.equal(read.seriesInstanceUid, written.seriesUid);
    assert.equal(read.studyInstanceUid, written.studyUid);
    assert.equal(read.seriesDescription, 'CBCT ö');
    assert.equal(read.patientId, 'P-7');
    assert.equal(read.modality, 'CT');
    assert.deepEqual(read.sopInstanceUids, written.sopInstanceUids);
    assert.deepEqual(read.otherSeries, []);
  });
});

test('oblique orientation with shuffled instance numbers: sorted by position, geometry kept', async () => {
  await withTempDir(async (dir) => {
    const direction = rotatedDirection([1, 2, 3], 0.7);
    const volume = randomVolume('uint16', 0, 4095, { direction, spacing: [0.25, 0.35, 0.45] }, 5);
    const written = await writeDicomSeries(volume, dir, { instanceOrder: 'shuffled', seed: 11 });
    const read = await readDicomSeries(dir);
    assert.equal(read.volume.dataType, 'uint16');
    assert.deepEqual(read.volume.voxels, volume.voxels);
    assertSameGeometry(read.volume, volume);
    assert.deepEqual(read.sopInstanceUids, written.sopInstanceUids);
    // The shuffle really changed the numbering, so sorting by InstanceNumber would have failed.
    const numbers = written.sopInstanceUids.map((uid) => Number(uid.split('.').pop()));
    assert.notDeepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
  });
});

test('slices stacked downwards (negative z) and uint8 / int8 / int32 data keep their raw type', async () => {
  for (const [dataType, lo, hi] of [
    ['uint8', 0, 255],
    ['int8', -128, 127],
    ['int32', -100000, 100000],
    ['uint32', 0, 3000000],
  ] as const) {
    await withTempDir(async (dir) => {
      // Axis 2 along −z: axis0 = x, axis1 = −y keeps the axes right-handed.
      const volume = randomVolume(dataType, lo, hi, { direction: [1, 0, 0, 0, -1, 0, 0, 0, -1] });
      await writeDicomSeries(volume, dir);
      const read = await readDicomSeries(dir);
      assert.equal(read.volume.dataType, dataType);
      assert.deepEqual(read.volume.voxels, volume.voxels);
      assertSameGeometry(read.volume, volume);
    });
  }
});

test('rescale: stored uint16 with intercept −1024 reads back as int16 HU', async () => {
  await withTempDir(async (dir) => {
    const volume = randomVolume('int16', -1024, 3000);
    await writeDicomSeries(volume, dir, { rescale: { slope: 1, intercept: -1024 } });
    const read = await readDicomSeries(dir);
    assert.equal(read.volume.dataType, 'int16');
    assert.deepEqual(read.volume.voxels, volume.voxels);
  });
});

test('rescale: a fractional slope gives float32; per-slice rescales are applied slice by slice', async () => {
  await withTempDir(async (dir) => {
    const volume = randomVolume('float32', 0, 2000);
    for (let n = 0; n < volume.voxels.length; n++)
      volume.voxels[n] = (volume.voxels[n] as number) * 0.5 - 100;
    await writeDicomSeries(volume, dir, { rescale: { slope: 0.5, intercept: -100 } });
    const read = await readDicomSeries(dir);
    assert.equal(read.volume.dataType, 'float32');
    assert.deepEqual(read.volume.voxels, volume.voxels);
  });
  await withTempDir(async (dir) => {
    const volume = randomVolume('int16', -1000, 1000);
    const rescale = Array.from({ length: 10 }, (_, k) => ({
      slope: 1 + (k % 2),
      intercept: k % 3 === 0 ? -1000 : 0,
    }));
    // Values must be representable: on slope-2 slices keep (v − intercept) even.
    for (let n = 0; n < volume.voxels.length; n++) {
      const k = Math.floor(n / (32 * 24));
      if ((rescale[k] as { slope: number }).slope === 2)
        volume.voxels[n] = 2 * Math.floor((volume.voxels[n] as number) / 2);
    }
    await writeDicomSeries(volume, dir, { rescale });
    const read = await readDicomSeries(dir);
    assert.equal(read.volume.dataType, 'int16');
    assert.deepEqual(read.volume.voxels, volume.voxels);
  });
});

test('rescale beyond int16: uint16 or int32 as the values need', async () => {
  await withTempDir(async (dir) => {
    const volume = randomVolume('int32', 0, 60000);
    await writeDicomSeries(volume, dir, { rescale: { slope: 1, intercept: 1 } });
    const read = await readDicomSeries(dir);
    assert.equal(read.volume.dataType, 'uint16');
    assert.deepEqual(Array.from(read.volume.voxels), Array.from(volume.voxels));
  });
  await withTempDir(async (dir) => {
    const volume = randomVolume('int32', -1024, 60000);
    await writeDicomSeries(volume, dir, { rescale: { slope: 1, intercept: -1024 } });
    const read = await readDicomSeries(dir);
    assert.equal(read.volume.dataType, 'int32');
    assert.deepEqual(read.volume.voxels, volume.voxels);
  });
});

test('two series in one folder: the larger is read, the other reported, seriesUid selects it', async () => {
  await withTempDir(async (dir) => {
    const big = randomVolume('int16', -500, 500, { dims: [32, 24, 10] }, 1);
    const small = randomVolume('int16', -500, 500, { dims: [16, 12, 4] }, 2);
    const a = await writeDicomSeries(big, dir, { seed: 1, seriesDescription: 'full' });
    const b = await writeDicomSeries(small, dir, { seed: 2, seriesDescription: 'scout' });

    const read = await readDicomSeries(dir);
    assert.equal(read.seriesInstanceUid, a.seriesUid);
    assert.deepEqual(read.volume.voxels, big.voxels);
    assert.deepEqual(read.otherSeries, [
      { uid: b.seriesUid, description: 'scout', modality: 'CT', files: 4 },
    ]);

    const other = await readDicomSeries(dir, { seriesUid: b.seriesUid });
    assert.deepEqual(other.volume.voxels, small.voxels);
    assert.deepEqual(other.volume.dims, [16, 12, 4]);
    assert.equal(other.otherSeries[0]?.uid, a.seriesUid);

    assert.deepEqual(await listDicomSeries(dir), [
      { uid: a.seriesUid, description: 'full', modality: 'CT', files: 10 },
      { uid: b.seriesUid, description: 'scout', modality: 'CT', files: 4 },
    ]);
  });
});

test('equal slice counts: the lowest series UID wins', async () => {
  await withTempDir(async (dir) => {
    const v = randomVolume('int16', 0, 9, { dims: [8, 8, 3] });
    await writeDicomSeries(v, dir, { seriesUid: '1.2.9', seed: 1 });
    await writeDicomSeries(v, dir, { seriesUid: '1.2.10', seed: 2 });
    assert.equal((await readDicomSeries(dir)).seriesInstanceUid, '1.2.10');
  });
});

test('non-DICOM files, non-image DICOM files and subfolders are ignored', async () => {
  await withTempDir(async (dir) => {
    const volume = randomVolume('int16', -10, 10, { dims: [8, 6, 3] });
    await writeDicomSeries(volume, dir);
    await writeFile(join(dir, 'README.txt'), 'exported by some viewer\n');
    await writeFile(join(dir, 'empty'), '');
    await writeFile(join(dir, 'noise.bin'), new Uint8Array(300).fill(0x08));
    // A DICOMDIR-like file: DICOM, but with a sequence of records instead of pixel data.
    const record = [{ tag: 0x00041430, vr: 'CS' as const, value: 'PATIENT' }];
    const dicomdir = encodePart10(
      [
        { tag: 0x00041200, vr: 'UL', value: 0 },
        { tag: 0x00041220, vr: 'SQ', items: [record, record] },
      ],
      { sopClassUid: '1.2.840.10008.1.3.10', sopInstanceUid: '1.2.3' },
    );
    await writeFile(join(dir, 'DICOMDIR'), dicomdir);
    await mkdir(join(dir, 'sub'));
    await writeDicomSeries(randomVolume('int16', 0, 1, { dims: [4, 4, 20] }), join(dir, 'sub'), { seed: 9 });
    const read = await readDicomSeries(dir);
    assert.deepEqual(read.volume.voxels, volume.voxels);
    assert.deepEqual(read.otherSeries, []);
  });
});

test('a header longer than the scanning prefix is still read', async () => {
  await withTempDir(async (dir) => {
    const volume = randomVolume('int16', -10, 10, { dims: [8, 6, 3] });
    const series = buildCtSeries(volume);
    // A 100 kB private text element ahead of the image attributes.
    const filler = { tag: 0x00091010, vr: 'UT' as const, value: 'x'.repeat(100_000) };
    await writeSliceFiles(
      dir,
      series.slices.map((s) => ({ ...s, elements: [...s.elements, filler] })),
    );
    const read = await readDicomSeries(dir);
    assert.deepEqual(read.volume.voxels, volume.voxels);
  });
});
