import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../util/rng.js';
import { getNumbers, getString, getUint } from './dataset-values.js';
import { encodeElement, encodePart10, formatDecimalString, IMPLEMENTATION_CLASS_UID } from './encode.js';
import { parseDicom } from './parse.js';
import { Tag } from './tags.js';
import { TransferSyntax } from './transfer-syntax.js';
import { childUid, uidFromRng } from './uid.js';

test('decimal strings fit 16 characters and keep as many digits as fit', () => {
  const rng = createRng(4);
  for (let n = 0; n < 2000; n++) {
    const x = (rng.next() - 0.5) * 10 ** rng.int(-20, 12);
    const s = formatDecimalString(x);
    assert.ok(s.length <= 16, s);
    assert.match(s, /^[+-]?\d*\.?\d*(e[+-]?\d+)?$/);
    // Millimetre coordinates and direction cosines (|x| < 10⁴) keep 10 decimals; anything else
    // keeps at least 10 significant digits.
    const tolerance = Math.abs(x) < 1e4 ? 1e-10 : 1e-9 * Math.abs(x);
    assert.ok(Math.abs(Number(s) - x) <= tolerance, `${x} → ${s}`);
  }
  assert.equal(formatDecimalString(0.5), '0.5');
  assert.equal(formatDecimalString(-1024), '-1024');
  assert.equal(formatDecimalString(0.1 + 0.2), '0.3');
  assert.equal(formatDecimalString(Math.SQRT1_2), '0.70710678118655');
  assert.throws(() => formatDecimalString(NaN), RangeError);
});

test('elements are padded to even length: UI with NUL, text with space; long VRs use 32-bit lengths', () => {
  const ui = encodeElement({ tag: Tag.SopInstanceUid, vr: 'UI', value: '1.2.3' });
  assert.deepEqual(Array.from(ui.subarray(4, 8)), [0x55, 0x49, 6, 0]);
  assert.equal(ui[ui.length - 1], 0);
  const cs = encodeElement({ tag: Tag.Modality, vr: 'CS', value: ['A', 'B'] });
  assert.equal(new TextDecoder().decode(cs.subarray(8)), 'A\\B ');
  const ob = encodeElement({ tag: Tag.PixelData, vr: 'OB', value: new Uint8Array(3) });
  assert.deepEqual(Array.from(ob.subarray(4, 12)), [0x4f, 0x42, 0, 0, 4, 0, 0, 0]);
  assert.throws(() => encodeElement({ tag: Tag.PatientId, vr: 'LO', value: 'x'.repeat(70000) }), RangeError);
});

test('a Part 10 file with values of every kind and a nested sequence parses back', () => {
  const bytes = encodePart10(
    [
      { tag: Tag.Rows, vr: 'US', value: 512 },
      { tag: Tag.PatientId, vr: 'LO', value: 'Zoë' },
      { tag: Tag.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' },
      { tag: 0x00081140, vr: 'SQ', items: [[{ tag: 0x00081115, vr: 'SQ', items: [[], []] }], []] },
      { tag: Tag.ImagePositionPatient, vr: 'DS', value: [-1.5, 2, 1e-7] },
      { tag: 0x00189999, vr: 'FD', value: [Math.PI] },
      { tag: Tag.PixelData, vr: 'OW', value: new Uint8Array([1, 0, 2, 0]) },
    ],
    { sopClassUid: '1.2.3', sopInstanceUid: '4.5.6' },
  );
  assert.equal(new TextDecoder().decode(bytes.subarray(128, 132)), 'DICM');
  const ds = parseDicom(bytes, 'f');
  assert.ok(ds);
  assert.equal(ds.transferSyntax, TransferSyntax.ExplicitVrLittleEndian);
  assert.equal(getString(ds, Tag.ImplementationClassUid), IMPLEMENTATION_CLASS_UID);
  assert.equal(getString(ds, Tag.MediaStorageSopInstanceUid), '4.5.6');
  assert.equal(getUint(ds, Tag.Rows), 512);
  assert.equal(getString(ds, Tag.PatientId), 'Zoë');
  assert.deepEqual(getNumbers(ds, Tag.ImagePositionPatient), [-1.5, 2, 1e-7]);
  assert.equal(ds.elements.get(0x00189999)?.length, 8);
  assert.equal(ds.pixelData?.length, 4);
  // The meta group length matches what follows it.
  const groupLength = getUint(ds, Tag.FileMetaInformationGroupLength) as number;
  const firstDatasetByte = 132 + 12 + groupLength;
  assert.equal(bytes[firstDatasetByte], 0x08); // group 0008 (SpecificCharacterSet) starts the data set
});

test('UIDs: 2.25 root, decimal without leading zeros, at most 64 characters, reproducible', () => {
  const a = uidFromRng(createRng(1));
  assert.equal(a, uidFromRng(createRng(1)));
  assert.notEqual(a, uidFromRng(createRng(2)));
  for (let seed = 0; seed < 200; seed++) {
    const uid = uidFromRng(createRng(seed));
    assert.match(uid, /^2\.25\.(0|[1-9]\d*)$/);
    assert.ok(uid.length <= 64);
  }
  assert.equal(childUid('1.2.3', 7, createRng(0)), '1.2.3.7');
  assert.match(childUid(`1.${'2'.repeat(62)}`, 7, createRng(0)), /^2\.25\./);
});
