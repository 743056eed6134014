import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VolumeFormatError } from '../errors.js';
import { getNumbers, getString, getUint } from './dataset-values.js';
import { readDicomSeries } from './index.js';
import { IncompleteDicomError, parseDicom, UNDEFINED_LENGTH } from './parse.js';
import { decodeStoredSlice } from './pixel-data.js';
import { readSliceHeader } from './slice-header.js';
import { Tag } from './tags.js';
import { TransferSyntax } from './transfer-syntax.js';
import { concatBytes, explicitBE, implicitLE, part10, text, u16le, withTempDir } from './test-helpers.js';

const UID = (s: string) => text(s, '\0');

/** A 3×2 implicit VR LE CT slice at height z, written element by element without our encoder. */
function implicitSlice(z: number, pixels: number[]): Uint8Array {
  return concatBytes(
    implicitLE(Tag.SopInstanceUid, UID(`1.2.3.${z}`)),
    implicitLE(Tag.Modality, text('CT')),
    implicitLE(Tag.SeriesInstanceUid, UID('1.2.3')),
    implicitLE(Tag.ImagePositionPatient, text(`0\\0\\${z}`)),
    implicitLE(Tag.ImageOrientationPatient, text('1\\0\\0\\0\\1\\0')),
    implicitLE(Tag.SamplesPerPixel, u16le(1)),
    implicitLE(Tag.Rows, u16le(2)),
    implicitLE(Tag.Columns, u16le(3)),
    implicitLE(Tag.PixelSpacing, text('0.5\\0.25')),
    implicitLE(Tag.BitsAllocated, u16le(16)),
    implicitLE(Tag.BitsStored, u16le(16)),
    implicitLE(Tag.HighBit, u16le(15)),
    implicitLE(Tag.PixelRepresentation, u16le(0)),
    implicitLE(Tag.PixelData, u16le(...pixels)),
  );
}

test('implicit VR little endian, with and without preamble, reads into a volume', async () => {
  await withTempDir(async (dir) => {
    const withPreamble = part10(TransferSyntax.ImplicitVrLittleEndian, implicitSlice(2, [1, 2, 3, 4, 5, 6]));
    await writeFile(join(dir, 'a'), withPreamble);
    // A bare data set: no preamble, no meta group, as some old exporters write.
    await writeFile(join(dir, 'b'), implicitSlice(1, [7, 8, 9, 10, 11, 12]));
    const ds = parseDicom(withPreamble, 'a');
    assert.ok(ds);
    assert.equal(ds.transferSyntax, TransferSyntax.ImplicitVrLittleEndian);
    assert.equal(getString(ds, Tag.SeriesInstanceUid), '1.2.3');
    assert.deepEqual(getNumbers(ds, Tag.PixelSpacing), [0.5, 0.25]);

    const read = await readDicomSeries(dir);
    assert.deepEqual(read.volume.dims, [3, 2, 2]);
    // PixelSpacing is [rows, columns]: 0.25 mm along a row (axis 0), 0.5 mm down a column (axis 1).
    assert.deepEqual(read.volume.spacing, [0.25, 0.5, 1]);
    assert.deepEqual(read.volume.origin, [0, 0, 1]);
    assert.deepEqual(Array.from(read.volume.voxels), [7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6]);
    assert.equal(read.volume.dataType, 'uint16');
  });
});

test('explicit VR big endian: binary values and pixels are byte-swapped', () => {
  const be16 = (...v: number[]) => {
    const d = new DataView(new ArrayBuffer(v.length * 2));
    v.forEach((x, n) => d.setInt16(n * 2, x, false));
    return new Uint8Array(d.buffer);
  };
  const dataset = concatBytes(
    explicitBE(Tag.Rows, 'US', be16(1)),
    explicitBE(Tag.Columns, 'US', be16(3)),
    explicitBE(Tag.BitsAllocated, 'US', be16(16)),
    explicitBE(Tag.PixelRepresentation, 'US', be16(1)),
    explicitBE(Tag.PixelData, 'OW', be16(-2, 300, -32768)),
  );
  const ds = parseDicom(part10(TransferSyntax.ExplicitVrBigEndian, dataset), 'be');
  assert.ok(ds);
  assert.equal(ds.littleEndian, false);
  assert.equal(getUint(ds, Tag.Columns), 3);
  const values = decodeStoredSlice(ds, readSliceHeader(ds));
  assert.ok(values instanceof Int16Array);
  assert.deepEqual(Array.from(values), [-2, 300, -32768]);
});

test('sequences of undefined length (nested, implicit items, UN) are walked past', () => {
  const undefinedLength = 0xffffffff;
  const item = (...body: Uint8Array[]) => implicitLE(Tag.Item, concatBytes(...body), undefinedLength);
  const itemEnd = implicitLE(Tag.ItemDelimitation, new Uint8Array(0));
  const seqEnd = implicitLE(Tag.SequenceDelimitation, new Uint8Array(0));
  const nested = concatBytes(
    implicitLE(0x00081115, new Uint8Array(0), undefinedLength),
    item(implicitLE(0x00081150, UID('1.2')), itemEnd),
    seqEnd,
  );
  const dataset = concatBytes(
    implicitLE(0x00081140, new Uint8Array(0), undefinedLength),
    item(nested, itemEnd),
    implicitLE(Tag.Item, implicitLE(0x00081155, UID('9.9'))), // an item of defined length
    seqEnd,
    implicitLE(Tag.Rows, u16le(4)),
  );
  const ds = parseDicom(part10(TransferSyntax.ImplicitVrLittleEndian, dataset), 'seq');
  assert.ok(ds);
  assert.equal(getUint(ds, Tag.Rows), 4);
  assert.equal(ds.elements.has(0x00081150), false, 'nested elements are not top-level elements');

  // Explicit VR: an SQ and an UN of undefined length (the UN's content is implicit VR LE).
  const explicitHeader = (tag: number, vr: string) => {
    const d = new DataView(new ArrayBuffer(12));
    d.setUint16(0, tag >>> 16, true);
    d.setUint16(2, tag & 0xffff, true);
    d.setUint8(4, vr.charCodeAt(0));
    d.setUint8(5, vr.charCodeAt(1));
    d.setUint32(8, undefinedLength, true);
    return new Uint8Array(d.buffer);
  };
  const explicitDataset = concatBytes(
    explicitHeader(0x00081140, 'SQ'),
    item(explicitHeader(0x00081115, 'SQ'), seqEnd, itemEnd),
    seqEnd,
    explicitHeader(0x00091001, 'UN'),
    item(implicitLE(0x00091002, UID('x')), itemEnd),
    seqEnd,
    new Uint8Array([0x28, 0, 0x10, 0, 0x55, 0x53, 2, 0]),
    u16le(5),
  );
  const ds2 = parseDicom(part10(TransferSyntax.ExplicitVrLittleEndian, explicitDataset), 'seq2');
  assert.ok(ds2);
  assert.equal(getUint(ds2, Tag.Rows), 5);
});

test('encapsulated pixel data under a native transfer syntax is reported as unsupported', () => {
  const dataset = concatBytes(
    implicitLE(Tag.Rows, u16le(1)),
    implicitLE(Tag.PixelData, new Uint8Array(0), 0xffffffff),
  );
  const ds = parseDicom(part10(TransferSyntax.ImplicitVrLittleEndian, dataset), 'enc');
  assert.ok(ds);
  assert.equal(ds.pixelData?.length, UNDEFINED_LENGTH);
  assert.throws(
    () => decodeStoredSlice(ds, readSliceHeader(ds)),
    (e: unknown) =>
      e instanceof VolumeFormatError &&
      e.reason === 'unsupported' &&
      /Implicit VR Little Endian/.test(e.message),
  );
});

test('files that are not DICOM give null; broken DICOM files give clear errors', () => {
  assert.equal(
    parseDicom(new TextEncoder().encode('just some text, long enough to be looked at'), 'x.txt'),
    null,
  );
  assert.equal(parseDicom(new Uint8Array(0), 'empty'), null);
  // A bare data set that looks plausible at first but falls apart.
  assert.equal(parseDicom(new Uint8Array([8, 0, 5, 0, 0xff, 0xff, 0xff, 0x7f, 1, 2]), 'junk'), null);

  const whole = part10(TransferSyntax.ImplicitVrLittleEndian, implicitSlice(0, [1, 2, 3, 4, 5, 6]));
  const cut = whole.subarray(0, 200);
  assert.throws(
    () => parseDicom(cut, 'cut.dcm'),
    /cut\.dcm: file is truncated: it ends inside the DICOM header/,
  );
  assert.throws(() => parseDicom(cut, 'cut.dcm', { isPrefix: true }), IncompleteDicomError);

  const deflated = part10(TransferSyntax.DeflatedExplicitVrLittleEndian, new Uint8Array(8));
  assert.throws(
    () => parseDicom(deflated, 'z.dcm'),
    (e: unknown) =>
      e instanceof VolumeFormatError && e.reason === 'unsupported' && /Deflated/.test(e.message),
  );
  const badVr = part10(
    TransferSyntax.ExplicitVrLittleEndian,
    new Uint8Array([8, 0, 0x60, 0, 0x7a, 0x7a, 2, 0, 0x43, 0x54]),
  );
  assert.throws(
    () => parseDicom(badVr, 'vr.dcm'),
    /vr\.dcm: not a valid DICOM file: unknown value representation "zz"/,
  );
});
