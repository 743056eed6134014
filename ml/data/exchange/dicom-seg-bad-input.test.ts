import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeDicomSeries } from '../io/dicom/index.js';
import { TargetExistsError } from './atomic-folder.js';
import { readDicomSeg } from './seg-read.js';
import { writeDicomSeg, type DicomSegReference } from './seg-write.js';
import { STSR_SCHEMA, rejectsWith, smallPhantom, withTempDir, withVoxel } from './test-support.js';

const reference = (slices: number): DicomSegReference => ({
  studyInstanceUid: '1.2.3.1',
  seriesInstanceUid: '1.2.3.2',
  sopInstanceUids: Array.from({ length: slices }, (_, k) => `1.2.3.9.${k + 1}`),
});

/** Replaces the first occurrence of an ASCII string in the file (same length), for corrupting tests. */
async function patch(path: string, from: string, to: string): Promise<void> {
  assert.equal(from.length, to.length);
  const bytes = await readFile(path);
  const at = bytes.indexOf(Buffer.from(from, 'latin1'));
  assert.ok(at >= 0, `"${from}" not found`);
  bytes.write(to, at, 'latin1');
  await writeFile(path, bytes);
}

test('writeDicomSeg refuses bad references, empty output, values outside the schema and existing files', async () => {
  await withTempDir(async (dir) => {
    const label = smallPhantom(1).label;
    const path = join(dir, 'seg.dcm');
    await assert.rejects(
      writeDicomSeg(label, reference(31), STSR_SCHEMA, path),
      /31 SOPInstanceUIDs but the label map has 32 slices/,
    );
    await assert.rejects(
      writeDicomSeg(label, { ...reference(32), seriesInstanceUid: '1.2.03' }, STSR_SCHEMA, path),
      /SeriesInstanceUID "1.2.03" is not a valid DICOM UID/,
    );
    await assert.rejects(
      writeDicomSeg(label, reference(32), STSR_SCHEMA, path, { keepEmpty: [13] }),
      /label value 13 is not in the label schema/,
    );
    const empty = { ...label, voxels: new Uint8Array(label.voxels.length) };
    await rejectsWith(() => writeDicomSeg(empty, reference(32), STSR_SCHEMA, path), /label map is empty/);
    await rejectsWith(
      () => writeDicomSeg(withVoxel(label, 100, 40), reference(32), STSR_SCHEMA, path),
      /label value 40 \(first found at voxel \(4, 2, 0\)\) is not in the label schema/,
    );
    // An empty label map with empty segments asked for is fine.
    await writeDicomSeg(empty, reference(32), STSR_SCHEMA, path, { keepEmpty: [1] });
    await assert.rejects(writeDicomSeg(label, reference(32), STSR_SCHEMA, path), TargetExistsError);
    await writeDicomSeg(label, reference(32), STSR_SCHEMA, path, { overwrite: true });
    assert.equal((await readDicomSeg(path)).segments.length, 2);
  });
});

test('readDicomSeg rejects other DICOM objects, FRACTIONAL segmentations and broken files', async () => {
  await withTempDir(async (dir) => {
    const { image, label } = smallPhantom(2);
    const ct = await writeDicomSeries(image, join(dir, 'ct'));
    await rejectsWith(
      () => readDicomSeg(ct.files[0]!),
      /is not a DICOM Segmentation \(SOP class 1\.2\.840\.10008\.5\.1\.4\.1\.1\.2\)/,
    );
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'hello');
    await rejectsWith(() => readDicomSeg(text), /not a DICOM Part 10 file/);

    const path = join(dir, 'seg.dcm');
    await writeDicomSeg(label, reference(32), STSR_SCHEMA, path);
    const good = await readFile(path);
    await writeFile(path, good.subarray(0, good.length - 100));
    await rejectsWith(() => readDicomSeg(path), /pixel data is too short/);
    await writeFile(path, good.subarray(0, 1000));
    await rejectsWith(() => readDicomSeg(path), /not a valid DICOM file/);

    await writeFile(path, good);
    await patch(path, 'BINARY', 'FRACTI');
    const err = await rejectsWith(
      () => readDicomSeg(path),
      /SegmentationType FRACTI is not supported; only BINARY/,
    );
    assert.equal(err.reason, 'unsupported');
  });
});

test('readDicomSeg on a case grid names the mismatch', async () => {
  await withTempDir(async (dir) => {
    const label = smallPhantom(3).label;
    const path = join(dir, 'seg.dcm');
    await writeDicomSeg(label, reference(32), STSR_SCHEMA, path);
    await rejectsWith(
      () => readDicomSeg(path, { grid: { ...label, dims: [48, 40, 32] } }),
      /slice size \(columns×rows\) 48×48 in the SEG vs 48×40 in the case/,
    );
    await rejectsWith(
      () => readDicomSeg(path, { grid: { ...label, spacing: [0.4, 0.5, 0.4] } }),
      /pixel spacing \(mm\) \(0\.4, 0\.4\) in the SEG vs \(0\.4, 0\.5\) in the case/,
    );
    await rejectsWith(
      () =>
        readDicomSeg(path, {
          grid: { ...label, origin: [label.origin[0], label.origin[1], label.origin[2] + 0.2] },
        }),
      /frame \d+ at \(.*\) is not on a slice of the case/,
    );
    await rejectsWith(
      () => readDicomSeg(path, { grid: { ...label, dims: [48, 48, 20] } }),
      /is not on a slice of the case \(origin .*, 20 slices/,
    );
  });
});
