// Reading typed values out of a parsed data set: strings, decimal/integer strings and binary integers.
// Every malformed value becomes a VolumeFormatError naming the file and the attribute.

import { VolumeFormatError } from '../errors.js';
import type { DicomDataset, DicomElement } from './parse.js';
import { Tag, describeTag } from './tags.js';

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function valueBytes(ds: DicomDataset, el: DicomElement): Uint8Array {
  if (el.offset + el.length > ds.bytes.length) {
    throw new VolumeFormatError(ds.file, `file is truncated inside ${describeTag(el.tag)}`);
  }
  return ds.bytes.subarray(el.offset, el.offset + el.length);
}

/** A text value with padding (trailing spaces and NULs) removed; undefined if absent or empty. */
export function getString(ds: DicomDataset, tag: number): string | undefined {
  const el = ds.elements.get(tag);
  if (!el || el.length === 0) return undefined;
  // Only ISO_IR 192 (UTF-8) is decoded specially; the default repertoire and Latin-1 read as Latin-1.
  const charset = tag === Tag.SpecificCharacterSet ? '' : (getString(ds, Tag.SpecificCharacterSet) ?? '');
  const decoder = charset.includes('ISO_IR 192') ? utf8 : latin1;
  const text = decoder
    .decode(valueBytes(ds, el))
    .replace(/[\0 ]+$/, '')
    .trim();
  return text === '' ? undefined : text;
}

/** A multi-valued decimal (DS) or integer (IS) string as numbers; undefined if absent. */
export function getNumbers(ds: DicomDataset, tag: number): number[] | undefined {
  const text = getString(ds, tag);
  if (text === undefined) return undefined;
  const values = text.split('\\').map((s) => (s.trim() === '' ? NaN : Number(s.trim())));
  if (!values.every(Number.isFinite)) {
    throw new VolumeFormatError(ds.file, `${describeTag(tag)} is not a list of numbers: "${text}"`);
  }
  return values;
}

/** A single number from a DS/IS string; undefined if absent. */
export function getNumber(ds: DicomDataset, tag: number): number | undefined {
  return getNumbers(ds, tag)?.[0];
}

/** An unsigned binary integer (US or UL); undefined if absent. */
export function getUint(ds: DicomDataset, tag: number): number | undefined {
  const el = ds.elements.get(tag);
  if (!el || el.length === 0) return undefined;
  const bytes = valueBytes(ds, el);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (el.length === 2) return view.getUint16(0, ds.littleEndian);
  if (el.length === 4 && el.vr !== 'US') return view.getUint32(0, ds.littleEndian);
  // A multi-valued US: the first value is the one that matters for the attributes we read.
  if (el.length % 2 === 0) return view.getUint16(0, ds.littleEndian);
  throw new VolumeFormatError(ds.file, `${describeTag(tag)} has an odd length of ${el.length} bytes`);
}
