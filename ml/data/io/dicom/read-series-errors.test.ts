import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VolumeFormatError, type VolumeErrorReason } from '../errors.js';
import type { Volume } from '../volume.js';
import { encodeDataset, setElement, type DicomElementSpec } from './encode.js';
import { readDicomSeries } from './index.js';
import { Tag } from './tags.js';
import { concatBytes, part10, randomVolume, withTempDir } from './test-helpers.js';
import { buildCtSeries, writeDicomSeries, writeSliceFiles } from './write-series.js';

const small = (geometry: Partial<Volume> = {}): Volume =>
  randomVolume('int16', -100, 100, { dims: [8, 6, 10], spacing: [0.3, 0.3, 0.5], ...geometry });

/** Writes `volume` as a series after letting `edit` change the elements of each slice k. */
async function writeEdited(
  dir: string,
  volume: Volume,
  edit: (k: number, elements: DicomElementSpec[]) => DicomElementSpec[],
): Promise<void> {
  const series = buildCtSeries(volume);
  await writeSliceFiles(
    dir,
    series.slices.map((s, k) => ({ ...s, elements: edit(k, s.elements) })),
  );
}

async function assertFails(
  dir: string,
  reason: VolumeErrorReason,
  message: RegExp,
  opts: { seriesUid?: string } = {},
): Promise<void> {
  await assert.rejects(readDicomSeries(dir, opts), (e: unknown) => {
    assert.ok(e instanceof VolumeFormatError, `expected a VolumeFormatError, got ${String(e)}`);
    assert.match(e.message, message);
    assert.equal(e.reason, reason);
    assert.ok(e.message.includes(dir), `message names the folder: ${e.message}`);
    return true;
  });
}

const position = (z: number): DicomElementSpec => ({
  tag: Tag.ImagePositionPatient,
  vr: 'DS',
  value: [0, 0, z],
});

test('a folder without DICOM images, and a folder that does not exist', async () => {
  await withTempDir(async (dir) => {
    await assertFails(dir, 'invalid', /no DICOM images in this folder/);
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await assertFails(dir, 'invalid', /no DICOM images in this folder/);
    await assertFails(join(dir, 'nope'), 'io', /folder not found/);
    await assertFails(join(dir, 'notes.txt'), 'io', /not a folder/);
  });
});

test('missing slices are reported with the positions around the gap', async () => {
  await withTempDir(async (dir) => {
    const volume = small({ spacing: [0.3, 0.3, 1.25], origin: [0, 0, 5] });
    const { files } = await writeDicomSeries(volume, dir);
    await unlink(files[7] as string); // z = 5 + 7 × 1.25 = 13.75
    await assertFails(dir, 'invalid', /missing slice\(s\) between z = 12\.5 mm and z = 15\.0 mm/);
  });
});

test('uneven spacing is reported with the smallest and largest step', async () => {
  await withTempDir(async (dir) => {
    await writeEdited(dir, small({ origin: [0, 0, 0] }), (k, els) =>
      setElement(els, position(k * 0.5 + (k >= 5 ? 0.1 : 0))),
    );
    await assertFails(
      dir,
      'invalid',
      /uneven slice spacing: steps between slices range from 0\.5 mm to 0\.6 mm/,
    );
  });
});

test('small differences in spacing (decimal rounding) are tolerated', async () => {
  await withTempDir(async (dir) => {
    await writeEdited(dir, small({ origin: [0, 0, 0] }), (k, els) =>
      setElement(els, position(k * 0.5 + (k % 2) * 0.004)),
    );
    const read = await readDicomSeries(dir);
    assert.ok(Math.abs(read.volume.spacing[2] - 0.5) < 1e-3);
  });
});

test('duplicate positions name both files', async () => {
  await withTempDir(async (dir) => {
    await writeEdited(dir, small({ origin: [0, 0, 0] }), (k, els) =>
      setElement(els, position(k === 3 ? 1 : k * 0.5)),
    );
    await assertFails(dir, 'invalid', /duplicate slice position z = 1\.0 mm in \S+\.dcm and \S+\.dcm/);
  });
});

test('slices of one series with different orientation, size or pixel spacing', async () => {
  const cases: [string, DicomElementSpec, RegExp][] = [
    [
      'orientation',
      { tag: Tag.ImageOrientationPatient, vr: 'DS', value: [1, 0, 0, 0, 0.8, 0.6] },
      /different orientations \(ImageOrientationPatient\)/,
    ],
    [
      'size',
      { tag: Tag.Rows, vr: 'US', value: 5 },
      /differ in size: \S+ is 8×6, \S+ is 8×5 \(columns×rows\)/,
    ],
    ['spacing', { tag: Tag.PixelSpacing, vr: 'DS', value: [0.3, 0.35] }, /different PixelSpacing/],
    [
      'zero spacing',
      { tag: Tag.PixelSpacing, vr: 'DS', value: [0, 0.3] },
      /PixelSpacing 0\\0\.3; both values must be positive/,
    ],
  ];
  for (const [what, spec, message] of cases) {
    await withTempDir(async (dir) => {
      // The zero spacing goes on the first slice in file order, the others on a later one.
      const at = what === 'zero spacing' ? 0 : 4;
      await writeEdited(dir, small(), (k, els) => (k === at ? setElement(els, spec) : els));
      await assertFails(dir, 'invalid', message);
    });
  }
});

test('a slice without ImagePositionPatient cannot be placed', async () => {
  await withTempDir(async (dir) => {
    await writeEdited(dir, small(), (k, els) =>
      k === 2 ? els.filter((e) => e.tag !== Tag.ImagePositionPatient) : els,
    );
    await assertFails(dir, 'invalid', /has no ImagePositionPatient \(0020,0032\)/);
  });
});

test('slices shifted within their plane (gantry tilt) are unsupported', async () => {
  await withTempDir(async (dir) => {
    const tilt = (k: number): DicomElementSpec => ({
      tag: Tag.ImagePositionPatient,
      vr: 'DS',
      value: [0, k * 0.1, k * 0.5],
    });
    await writeEdited(dir, small(), (k, els) => setElement(els, tilt(k)));
    await assertFails(dir, 'unsupported', /not stacked along the slice normal/);
  });
});

test('a single slice is a 2-D image, which is unsupported', async () => {
  await withTempDir(async (dir) => {
    await writeDicomSeries(small({ dims: [8, 6, 1] }), dir);
    await assertFails(dir, 'unsupported', /2-D image \(single slice\) is not supported/);
  });
});

test('colour and multi-frame images are unsupported', async () => {
  const cases: [DicomElementSpec, RegExp][] = [
    [{ tag: Tag.SamplesPerPixel, vr: 'US', value: 3 }, /3 samples per pixel/],
    [{ tag: Tag.NumberOfFrames, vr: 'IS', value: [4] }, /multi-frame images \(4 frames\)/],
  ];
  for (const [spec, message] of cases) {
    await withTempDir(async (dir) => {
      await writeEdited(dir, small(), (_k, els) => setElement(els, spec));
      await assertFails(dir, 'unsupported', message);
    });
  }
});

test('a compressed transfer syntax is unsupported and named', async () => {
  await withTempDir(async (dir) => {
    const series = buildCtSeries(small());
    for (const s of series.slices) {
      const header = encodeDataset(s.elements.filter((e) => e.tag !== Tag.PixelData));
      // Encapsulated pixel data: undefined length, an empty offset table item, one fragment, delimiter.
      // prettier-ignore
      const pixels = new Uint8Array([
        0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff,
        0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0,
        0xfe, 0xff, 0x00, 0xe0, 4, 0, 0, 0, 1, 2, 3, 4,
        0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0,
      ]);
      const bytes = part10('1.2.840.10008.1.2.4.70', concatBytes(header, pixels), s.sopInstanceUid);
      await writeFile(join(dir, s.fileName), bytes);
    }
    await assertFails(
      dir,
      'unsupported',
      /compressed pixel data \(JPEG Lossless SV1 \(1\.2\.840\.10008\.1\.2\.4\.70\)\)/,
    );
  });
});

test('truncated files: pixel data cut short by the file end, or shorter than Rows × Columns', async () => {
  await withTempDir(async (dir) => {
    const { files } = await writeDicomSeries(small(), dir);
    const victim = files[3] as string;
    const size = (await readFile(victim)).length;
    await truncate(victim, size - 10);
    await assert.rejects(readDicomSeries(dir), (e: unknown) => {
      assert.ok(e instanceof VolumeFormatError);
      assert.equal(e.file, victim);
      assert.match(
        e.message,
        /file is truncated: pixel data needs 96 bytes but the file ends 86 bytes after its start/,
      );
      return true;
    });
  });
  await withTempDir(async (dir) => {
    await writeEdited(dir, small(), (_k, els) => setElement(els, { tag: Tag.Rows, vr: 'US', value: 7 }));
    await assert.rejects(
      readDicomSeries(dir),
      /pixel data is too short: 8×7 pixels of 16 bits need 112 bytes, PixelData holds 96/,
    );
  });
});

test('asking for a series that is not there lists the ones that are', async () => {
  await withTempDir(async (dir) => {
    await writeDicomSeries(small(), dir, { seriesUid: '1.2.3', seriesDescription: 'axial' });
    await assertFails(
      dir,
      'invalid',
      /no series with SeriesInstanceUID 9\.9; the folder holds 1\.2\.3 "axial" \(10 files\)/,
      {
        seriesUid: '9.9',
      },
    );
  });
});
