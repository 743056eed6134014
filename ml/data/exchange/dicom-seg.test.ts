import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  getNumber,
  getString,
  parseDicom,
  readDicomSeries,
  Tag,
  writeDicomSeries,
} from '../io/dicom/index.js';
import type { Mat3, Volume } from '../io/volume.js';
import { firstItem, items, parseDicomTree } from './dicom-tree.js';
import { readDicomSeg } from './seg-read.js';
import { referenceFromDicomSeries } from './seg-reference.js';
import { SEG_SEQUENCE_TAGS, SEGMENTATION_STORAGE, SegTag } from './seg-tags.js';
import { writeDicomSeg, type DicomSegReference } from './seg-write.js';
import { STSR_SCHEMA, assertSameVolume, smallPhantom, withTempDir } from './test-support.js';

const uids = (n: number) => Array.from({ length: n }, (_, k) => `1.2.826.0.1.3680043.2.1125.9.${k + 1}`);
const reference = (slices: number): DicomSegReference => ({
  studyInstanceUid: '1.2.826.0.1.3680043.2.1125.1',
  seriesInstanceUid: '1.2.826.0.1.3680043.2.1125.2',
  sopInstanceUids: uids(slices),
  frameOfReferenceUid: '1.2.826.0.1.3680043.2.1125.3',
});

/** A rotated (right-handed), anisotropic copy of a label map's grid. */
function oblique(label: Volume): Volume {
  const [c, s] = [Math.cos(0.4), Math.sin(0.4)];
  const direction: Mat3 = [c, s, 0, -s * 0.8, c * 0.8, 0.6, s * 0.6, -c * 0.6, 0.8];
  return { ...label, spacing: [0.31, 0.27, 0.45], origin: [-12.345678, 40.5, -7.125], direction };
}

test('DICOM SEG round trip: label → SEG → label gives identical voxels and geometry, empty segments listed', async () => {
  await withTempDir(async (dir) => {
    const label = smallPhantom(1).label;
    const path = join(dir, 'seg.dcm');
    const written = await writeDicomSeg(label, reference(32), STSR_SCHEMA, path, { keepEmpty: [5, 12] });
    assert.deepEqual(
      written.segments.map((s) => [s.number, s.value, s.name]),
      [
        [1, 1, 'Tooth'],
        [2, 2, 'Pulp'],
        [3, 5, 'Lower Molar Root 1'],
        [4, 12, 'Wisdom tooth'],
      ],
    );
    // Empty segments keep their first and last slice, so they have frames and the grid's extent is known.
    assert.equal(written.segments[2]!.frames, 2);
    const back = await readDicomSeg(path);
    assertSameVolume(back.label, label);
    assert.deepEqual(
      back.segments.map((s) => [s.number, s.value, s.label, s.voxels === 0]),
      [
        [1, 1, 'Tooth', false],
        [2, 2, 'Pulp', false],
        [3, 5, 'Lower Molar Root 1', true],
        [4, 12, 'Wisdom tooth', true],
      ],
    );
    assert.deepEqual(
      back.segments[0]!.color,
      [241, 214, 145],
      'CIELab colour converts back to the schema colour',
    );
    assert.deepEqual(back.segments[0]!.type, { value: '38199008', scheme: 'SCT', meaning: 'Tooth' });
    assert.equal(back.overlappingVoxels, 0);
    assert.equal(back.studyInstanceUid, reference(1).studyInstanceUid);
    assert.equal(back.referencedSeriesInstanceUid, reference(1).seriesInstanceUid);
    assert.equal(back.frameOfReferenceUid, reference(1).frameOfReferenceUid);
    assert.equal(back.sopInstanceUid, written.sopInstanceUid);
  });
});

test('DICOM SEG round trip keeps an oblique, anisotropic grid (within DICOM decimal-string precision)', async () => {
  await withTempDir(async (dir) => {
    const label = oblique(smallPhantom(2).label);
    const path = join(dir, 'seg.dcm');
    await writeDicomSeg(label, reference(32), STSR_SCHEMA, path, { keepEmptyFrames: true });
    const back = await readDicomSeg(path);
    assertSameVolume(back.label, label, 1e-9);
    const onGrid = await readDicomSeg(path, { grid: label });
    assertSameVolume(onGrid.label, label);
  });
});

test('DICOM SEG file structure: BINARY, shared orientation and pixel measures, per-frame position and segment', async () => {
  await withTempDir(async (dir) => {
    const label = smallPhantom(3).label;
    const path = join(dir, 'seg.dcm');
    const written = await writeDicomSeg(label, reference(32), STSR_SCHEMA, path, {
      keepEmpty: 'schema',
      algorithmType: 'AUTOMATIC',
      algorithmName: 'U-Mamba2',
    });
    assert.equal(written.segments.length, 12, "'schema' keeps every non-zero schema label");
    const bytes = new Uint8Array(await readFile(path));
    // The shared top-level parser (which knows nothing of SEG) reads it too.
    const flat = parseDicom(bytes, path)!;
    assert.equal(getString(flat, Tag.SopClassUid), SEGMENTATION_STORAGE);
    assert.equal(getString(flat, Tag.Modality), 'SEG');
    assert.equal(getString(flat, SegTag.SegmentationType), 'BINARY');
    assert.equal(getNumber(flat, Tag.NumberOfFrames), written.frames);
    const root = parseDicomTree(bytes, path, SEG_SEQUENCE_TAGS);
    const shared = firstItem(root, SegTag.SharedFunctionalGroupsSequence)!;
    assert.equal(
      getString(firstItem(shared, SegTag.PlaneOrientationSequence)!.ds, Tag.ImageOrientationPatient),
      '1\\0\\0\\0\\1\\0',
    );
    assert.equal(
      getString(firstItem(shared, SegTag.PixelMeasuresSequence)!.ds, Tag.PixelSpacing),
      '0.4\\0.4',
    );
    const frames = items(root, SegTag.PerFrameFunctionalGroupsSequence);
    assert.equal(frames.length, written.frames);
    for (const f of frames) {
      assert.ok(firstItem(f, SegTag.PlanePositionSequence), 'per-frame ImagePositionPatient');
      assert.ok(firstItem(f, SegTag.SegmentIdentificationSequence), 'per-frame segment');
      const source = firstItem(firstItem(f, SegTag.DerivationImageSequence), SegTag.SourceImageSequence)!;
      assert.match(
        getString(source.ds, SegTag.ReferencedSopInstanceUid)!,
        /^1\.2\.826\.0\.1\.3680043\.2\.1125\.9\.\d+$/,
      );
    }
    const segment = items(root, SegTag.SegmentSequence)[1]!;
    assert.equal(getString(segment.ds, SegTag.SegmentAlgorithmType), 'AUTOMATIC');
    assert.equal(getString(segment.ds, SegTag.SegmentAlgorithmName), 'U-Mamba2');
    // Dimension Index Sequence: AT pointers to ReferencedSegmentNumber and ImagePositionPatient.
    const index = items(root, SegTag.DimensionIndexSequence);
    const pointer = (n: number) => {
      const el = index[n]!.ds.elements.get(SegTag.DimensionIndexPointer)!;
      const view = new DataView(bytes.buffer, bytes.byteOffset + el.offset, 4);
      return ((view.getUint16(0, true) << 16) | view.getUint16(2, true)) >>> 0;
    };
    assert.deepEqual([pointer(0), pointer(1)], [SegTag.ReferencedSegmentNumber, Tag.ImagePositionPatient]);
    // 1 bit per pixel, frames back to back, padded to an even length.
    const need = Math.ceil((written.frames * 48 * 48) / 8);
    assert.equal(flat.pixelData!.length, need + (need % 2));
  });
});

test('DICOM SEG from a real CT series: reference read from the folder, frames placed on the series grid', async () => {
  await withTempDir(async (dir) => {
    const { image, label } = smallPhantom(4);
    const ct = join(dir, 'ct');
    await writeDicomSeries(image, ct, { seed: 7, instanceOrder: 'shuffled', patientId: 'P-17' });
    const ref = await referenceFromDicomSeries(ct);
    const series = await readDicomSeries(ct);
    assert.deepEqual(ref.sopInstanceUids, series.sopInstanceUids);
    assert.equal(ref.patientId, 'P-17');
    assert.ok(ref.frameOfReferenceUid);
    const path = join(dir, 'seg.dcm');
    await writeDicomSeg(label, ref, STSR_SCHEMA, path);
    const back = await readDicomSeg(path, { grid: series.volume, schema: STSR_SCHEMA });
    assertSameVolume(back.label, label);
    assert.equal(back.frameOfReferenceUid, ref.frameOfReferenceUid);
    assert.equal(back.referencedSeriesInstanceUid, series.seriesInstanceUid);
  });
});

test('DICOM SEG of a left-handed grid: same voxels in space; exact on the case grid', async () => {
  await withTempDir(async (dir) => {
    const label = { ...smallPhantom(5).label, direction: [1, 0, 0, 0, 1, 0, 0, 0, -1] as Mat3 };
    const path = join(dir, 'seg.dcm');
    await writeDicomSeg(label, reference(32), STSR_SCHEMA, path);
    assertSameVolume((await readDicomSeg(path, { grid: label })).label, label);
    const rebuilt = (await readDicomSeg(path)).label;
    assert.deepEqual(rebuilt.direction, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(rebuilt.origin, [label.origin[0], label.origin[1], label.origin[2] - 31 * 0.4]);
    const plane = 48 * 48;
    for (let k = 0; k < 32; k++) {
      const a = Buffer.from(rebuilt.voxels.subarray(k * plane, (k + 1) * plane) as Uint8Array);
      const b = Buffer.from(label.voxels.subarray((31 - k) * plane, (32 - k) * plane) as Uint8Array);
      assert.ok(a.equals(b), `slice ${k}`);
    }
  });
});

test('DICOM SEG reader accepts implicit VR with undefined-length sequences (pydicom/highdicom style)', async () => {
  await withTempDir(async (dir) => {
    const { segElements } = await import('./seg-dataset.js');
    const { planFrames, packFrames } = await import('./seg-frames.js');
    const { encodeImplicitUndefined, implicitPart10 } = await import('./seg-test-support.js');
    const label = oblique(smallPhantom(6).label);
    // Segment 1 = Pulp, 2 = Tooth, named but without our private codes: the schema maps names to values.
    const segments = [
      { number: 1, value: 2, name: 'Pulp' },
      { number: 2, value: 1, name: 'Tooth' },
    ];
    const frames = planFrames(label, segments, true);
    const desc = {
      seriesInstanceUid: '1.2.3.4',
      sopInstanceUid: '1.2.3.5',
      frameOfReferenceUid: '1.2.3.6',
      dimensionOrganizationUid: '1.2.3.7',
      seriesNumber: 9,
      seriesDescription: 'x',
      contentLabel: 'SEG',
      contentCreatorName: '',
      algorithmType: 'MANUAL' as const,
      algorithmName: '',
      contentDate: '20250101',
      contentTime: '120000',
    };
    const elements = segElements(label, segments, frames, reference(32), desc).map((e) => {
      if (e.tag !== SegTag.SegmentSequence || e.vr !== 'SQ') return e;
      // Strip the private type codes and value hints, as another tool's SEG would not have them.
      return {
        ...e,
        items: e.items.map((item) =>
          item.filter(
            (x) => x.tag !== SegTag.SegmentedPropertyTypeCodeSequence && x.tag !== SegTag.SegmentDescription,
          ),
        ),
      };
    });
    elements.push({ tag: Tag.PixelData, vr: 'OB', value: packFrames(label, frames) });
    const path = join(dir, 'other.dcm');
    await writeFile(path, implicitPart10(encodeImplicitUndefined(elements), SEGMENTATION_STORAGE, '1.2.3.5'));
    const back = await readDicomSeg(path, { schema: STSR_SCHEMA });
    assertSameVolume(back.label, label, 1e-9);
    assert.deepEqual(
      back.segments.map((s) => [s.number, s.label, s.value]),
      [
        [1, 'Pulp', 2],
        [2, 'Tooth', 1],
      ],
    );
    // Without a schema, segment numbers stand for the values.
    const bare = await readDicomSeg(path);
    assert.deepEqual(
      bare.segments.map((s) => s.value),
      [1, 2],
    );
  });
});
