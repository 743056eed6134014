import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDicom } from './parse.js';
import { decodeStoredSlice } from './pixel-data.js';
import { outputTypeFor, rescaleSlices, type StoredSlice } from './rescale.js';
import { readSliceHeader } from './slice-header.js';
import { Tag } from './tags.js';
import { TransferSyntax } from './transfer-syntax.js';
import { concatBytes, implicitLE, part10, u16le } from './test-helpers.js';

type IntArrayType = typeof Uint16Array | typeof Int16Array | typeof Uint32Array;

const slice = (
  values: number[],
  slope = 1,
  intercept = 0,
  Ctor: IntArrayType = Uint16Array,
): StoredSlice => ({
  values: Ctor.from(values),
  slope,
  intercept,
});

test('output type: raw kept without rescale, narrowest integer type with integer rescale, else float32', () => {
  assert.equal(outputTypeFor([slice([0, 65535]), slice([3])]), 'uint16');
  assert.equal(outputTypeFor([slice([-5, 5], 1, 0, Int16Array)]), 'int16');
  assert.equal(outputTypeFor([slice([0, 4095], 1, -1024)]), 'int16');
  assert.equal(outputTypeFor([slice([0, 60000], 1, 10)]), 'uint16');
  assert.equal(outputTypeFor([slice([0, 65535], 1, -1024)]), 'int32');
  assert.equal(outputTypeFor([slice([0, 100], 0.5, 0)]), 'float32');
  assert.equal(outputTypeFor([slice([0, 100], 1, 0.25)]), 'float32');
  // Mixed: one slice rescaled, one not; a negative slope flips the range.
  assert.equal(outputTypeFor([slice([0, 100]), slice([0, 100], -2, 0)]), 'int16');
  // Mixed raw types without rescale: still one integer type that holds both.
  assert.equal(outputTypeFor([slice([0, 100]), slice([-3, 3], 1, 0, Int16Array)]), 'int16');
  assert.equal(outputTypeFor([slice([0, 2 ** 32 - 1], 1, 1, Uint32Array)]), 'float32');
});

test('rescaleSlices applies each slice its own rescale and frees the inputs', () => {
  const slices: (StoredSlice | undefined)[] = [slice([1, 2]), slice([1, 2], 2, -1), slice([1, 2], 0.5, 0)];
  const out = rescaleSlices(slices, 'float32');
  assert.deepEqual(Array.from(out), [1, 2, 1, 3, 0.5, 1]);
  assert.deepEqual(slices, [undefined, undefined, undefined]);
});

test('bits above BitsStored are dropped; signed values are sign-extended from BitsStored', () => {
  const file = (signed: boolean, pixels: number[]) =>
    parseDicom(
      part10(
        TransferSyntax.ImplicitVrLittleEndian,
        concatBytes(
          implicitLE(Tag.Rows, u16le(1)),
          implicitLE(Tag.Columns, u16le(pixels.length)),
          implicitLE(Tag.BitsAllocated, u16le(16)),
          implicitLE(Tag.BitsStored, u16le(12)),
          implicitLE(Tag.HighBit, u16le(11)),
          implicitLE(Tag.PixelRepresentation, u16le(signed ? 1 : 0)),
          implicitLE(Tag.PixelData, u16le(...pixels)),
        ),
      ),
      'f',
    );
  const unsigned = file(false, [0xf123, 0x0fff, 0x8000]);
  assert.ok(unsigned);
  assert.deepEqual(Array.from(decodeStoredSlice(unsigned, readSliceHeader(unsigned))), [0x123, 0xfff, 0]);
  const signed = file(true, [0x0fff, 0xf800, 0x07ff, 0x1800]);
  assert.ok(signed);
  assert.deepEqual(Array.from(decodeStoredSlice(signed, readSliceHeader(signed))), [-1, -2048, 2047, -2048]);
});
