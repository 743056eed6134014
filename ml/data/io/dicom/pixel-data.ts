// Pixel format checks and decoding of one slice's stored values (before rescale). Only uncompressed,
// single-sample, single-frame grey-level images: what CBCT scanners export.

import { basename } from 'node:path';
import { VolumeFormatError } from '../errors.js';
import { voxelsFromBytes, type DataType, type VoxelArray } from '../volume.js';
import { UNDEFINED_LENGTH, type DicomDataset } from './parse.js';
import type { SliceHeader } from './slice-header.js';
import { describeTransferSyntax, isNativeSyntax } from './transfer-syntax.js';

/** Rejects, before any pixels are read, the files of a series whose pixels we cannot decode. */
export function checkPixelFormat(dir: string, headers: SliceHeader[]): void {
  for (const h of headers) {
    const name = basename(h.file);
    const unsupported = (problem: string) => new VolumeFormatError(dir, `${name}: ${problem}`, 'unsupported');
    if (!isNativeSyntax(h.transferSyntax)) {
      throw unsupported(
        `compressed pixel data (${describeTransferSyntax(h.transferSyntax)}) is not supported; ` +
          'decompress the series first (for example with gdcmconv --raw or dcmdjpeg)',
      );
    }
    if (h.frames !== 1) throw unsupported(`multi-frame images (${h.frames} frames) are not supported`);
    if (h.samplesPerPixel !== 1) {
      throw unsupported(
        `${h.samplesPerPixel} samples per pixel (colour) is not supported; only grey-level images`,
      );
    }
    if (h.photometric !== undefined && !h.photometric.startsWith('MONOCHROME')) {
      throw unsupported(`photometric interpretation ${h.photometric} is not supported; only MONOCHROME1/2`);
    }
    if (h.bitsAllocated !== 8 && h.bitsAllocated !== 16 && h.bitsAllocated !== 32) {
      throw unsupported(`BitsAllocated ${h.bitsAllocated} is not supported; only 8, 16 or 32`);
    }
    if (h.bitsStored < 1 || h.bitsStored > h.bitsAllocated || h.highBit !== h.bitsStored - 1) {
      throw unsupported(
        `BitsStored ${h.bitsStored} with HighBit ${h.highBit} in ${h.bitsAllocated} allocated bits is not supported`,
      );
    }
  }
}

/** The array type that holds a slice's stored values. */
export function storedTypeOf(h: SliceHeader): DataType {
  return `${h.signed ? 'int' : 'uint'}${h.bitsAllocated}` as DataType;
}

/** Drops bits above BitsStored (some scanners put overlays there) and sign-extends signed values. */
function keepStoredBits(values: VoxelArray, bitsStored: number, signed: boolean): void {
  if (signed) {
    const shift = 32 - bitsStored;
    for (let n = 0; n < values.length; n++) values[n] = ((values[n] as number) << shift) >> shift;
  } else {
    const mask = 2 ** bitsStored - 1;
    for (let n = 0; n < values.length; n++) values[n] = ((values[n] as number) & mask) >>> 0;
  }
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let n = 0; n + size <= bytes.length; n += size) bytes.subarray(n, n + size).reverse();
}

/** The stored values of one slice (a fresh, aligned, native-endian array), checked against truncation. */
export function decodeStoredSlice(ds: DicomDataset, h: SliceHeader): VoxelArray {
  const el = ds.pixelData;
  if (!el) throw new VolumeFormatError(ds.file, 'has no PixelData (7FE0,0010)');
  if (el.length === UNDEFINED_LENGTH) {
    throw new VolumeFormatError(
      ds.file,
      `encapsulated (compressed) pixel data is not supported (${describeTransferSyntax(ds.transferSyntax)})`,
      'unsupported',
    );
  }
  const size = h.bitsAllocated / 8;
  const count = h.rows * h.columns;
  const need = count * size;
  if (el.length < need) {
    throw new VolumeFormatError(
      ds.file,
      `pixel data is too short: ${h.columns}×${h.rows} pixels of ${h.bitsAllocated} bits need ${need} bytes, ` +
        `PixelData holds ${el.length}`,
    );
  }
  const available = ds.bytes.length - el.offset;
  if (available < need) {
    throw new VolumeFormatError(
      ds.file,
      `file is truncated: pixel data needs ${need} bytes but the file ends ${available} bytes after its start`,
    );
  }
  const bytes = ds.bytes.slice(el.offset, el.offset + need);
  if (!ds.littleEndian && size > 1) swapBytes(bytes, size);
  const values = voxelsFromBytes(storedTypeOf(h), bytes, count);
  if (h.bitsStored < h.bitsAllocated) keepStoredBits(values, h.bitsStored, h.signed);
  return values;
}
