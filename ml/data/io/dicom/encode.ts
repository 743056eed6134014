// Encoding data elements as explicit VR little endian, and wrapping a data set into a Part 10 file
// (preamble, "DICM", file meta group). Values are given typed; sequences are written with defined
// lengths. Kept general so that the DICOM SEG export can build on it.

import { Tag } from './tags.js';
import { TransferSyntax } from './transfer-syntax.js';

export type StringVr =
  'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM';
export type LongStringVr = 'UC' | 'UI' | 'UR' | 'UT';
export type NumberVr = 'US' | 'UL' | 'SS' | 'SL' | 'FL' | 'FD';
export type BytesVr = 'OB' | 'OW' | 'UN';

export type DicomElementSpec =
  | { tag: number; vr: StringVr | LongStringVr; value: string | readonly (string | number)[] }
  | { tag: number; vr: NumberVr; value: number | readonly number[] }
  | { tag: number; vr: BytesVr; value: Uint8Array }
  | { tag: number; vr: 'SQ'; items: readonly (readonly DicomElementSpec[])[] };

/** Our implementation's identity in every file we write (a fixed UUID-derived UID). */
export const IMPLEMENTATION_CLASS_UID = '2.25.1125144942612667034083595517548434315';
export const IMPLEMENTATION_VERSION_NAME = 'CBCT_WB_1';

const LONG_LENGTH_VRS = new Set(['OB', 'OW', 'UN', 'SQ', 'UC', 'UR', 'UT']);
const utf8 = new TextEncoder();

/** A decimal string (DS) of at most 16 characters, with as many significant digits as fit. */
export function formatDecimalString(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} as a DICOM decimal string`);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  for (let digits = 16; digits >= 1; digits--) {
    let s = x.toPrecision(digits);
    // Trailing zeros of the mantissa add length, not information.
    s = s.includes('e') ? s.replace(/\.?0+e/, 'e') : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
    if (s.length <= 16) return s;
  }
  throw new RangeError(`cannot fit ${x} into a 16-character DICOM decimal string`);
}

function stringValue(vr: string, value: string | readonly (string | number)[]): string {
  const list = typeof value === 'string' ? [value] : value;
  return list
    .map((v) => (typeof v === 'string' ? v : vr === 'DS' ? formatDecimalString(v) : String(Math.round(v))))
    .join('\\');
}

function numberBytes(vr: NumberVr, value: number | readonly number[]): Uint8Array {
  const list = typeof value === 'number' ? [value] : value;
  const size = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 }[vr];
  const view = new DataView(new ArrayBuffer(list.length * size));
  list.forEach((v, n) => {
    const at = n * size;
    if (vr === 'US') view.setUint16(at, v, true);
    else if (vr === 'SS') view.setInt16(at, v, true);
    else if (vr === 'UL') view.setUint32(at, v, true);
    else if (vr === 'SL') view.setInt32(at, v, true);
    else if (vr === 'FL') view.setFloat32(at, v, true);
    else view.setFloat64(at, v, true);
  });
  return new Uint8Array(view.buffer);
}

/** Value bytes padded to even length: UI and binary values with NUL, text with a space. */
function padded(bytes: Uint8Array, vr: string): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = vr === 'UI' || vr === 'OB' || vr === 'OW' || vr === 'UN' ? 0 : 0x20;
  return out;
}

/** The chunks one after another in a new array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function valueOf(spec: DicomElementSpec): Uint8Array {
  switch (spec.vr) {
    case 'SQ':
      return concatBytes(
        spec.items.map((item) => {
          const body = encodeDataset(item);
          return concatBytes([itemHeader(Tag.Item, body.length), body]);
        }),
      );
    case 'OB':
    case 'OW':
    case 'UN':
      return padded(spec.value, spec.vr);
    case 'US':
    case 'UL':
    case 'SS':
    case 'SL':
    case 'FL':
    case 'FD':
      return numberBytes(spec.vr, spec.value);
    default:
      return padded(utf8.encode(stringValue(spec.vr, spec.value)), spec.vr);
  }
}

function itemHeader(tag: number, length: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  view.setUint32(4, length, true);
  return new Uint8Array(view.buffer);
}

/** One element: tag, VR, length and value, explicit VR little endian. */
export function encodeElement(spec: DicomElementSpec): Uint8Array {
  const value = valueOf(spec);
  const long = LONG_LENGTH_VRS.has(spec.vr);
  if (!long && value.length > 0xffff) {
    throw new RangeError(
      `value of ${spec.vr} element is ${value.length} bytes, more than a 16-bit length allows`,
    );
  }
  const header = new DataView(new ArrayBuffer(long ? 12 : 8));
  header.setUint16(0, spec.tag >>> 16, true);
  header.setUint16(2, spec.tag & 0xffff, true);
  header.setUint8(4, spec.vr.charCodeAt(0));
  header.setUint8(5, spec.vr.charCodeAt(1));
  if (long) header.setUint32(8, value.length, true);
  else header.setUint16(6, value.length, true);
  return concatBytes([new Uint8Array(header.buffer), value]);
}

/** A data set: the elements in ascending tag order, as DICOM requires. */
export function encodeDataset(elements: readonly DicomElementSpec[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  return concatBytes(sorted.map(encodeElement));
}

/** Replaces the element with the same tag (or adds it): for building variants of a data set. */
export function setElement(elements: DicomElementSpec[], spec: DicomElementSpec): DicomElementSpec[] {
  return [...elements.filter((e) => e.tag !== spec.tag), spec];
}

/** A whole Part 10 file in explicit VR little endian: preamble, "DICM", file meta group, data set. */
export function encodePart10(
  dataset: readonly DicomElementSpec[],
  ids: { sopClassUid: string; sopInstanceUid: string },
): Uint8Array {
  const meta = encodeDataset([
    { tag: Tag.FileMetaInformationVersion, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: Tag.MediaStorageSopClassUid, vr: 'UI', value: ids.sopClassUid },
    { tag: Tag.MediaStorageSopInstanceUid, vr: 'UI', value: ids.sopInstanceUid },
    { tag: Tag.TransferSyntaxUid, vr: 'UI', value: TransferSyntax.ExplicitVrLittleEndian },
    { tag: Tag.ImplementationClassUid, vr: 'UI', value: IMPLEMENTATION_CLASS_UID },
    { tag: Tag.ImplementationVersionName, vr: 'SH', value: IMPLEMENTATION_VERSION_NAME },
  ]);
  const groupLength = encodeElement({
    tag: Tag.FileMetaInformationGroupLength,
    vr: 'UL',
    value: meta.length,
  });
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128); // "DICM"
  return concatBytes([preamble, groupLength, meta, encodeDataset(dataset)]);
}
