// Two encodings the shared DICOM encoder (../io/dicom/encode.ts) has no spec for: AT (attribute tag)
// values, needed by the Dimension Index Sequence, and a sequence whose items are already encoded.
// Explicit VR little endian, defined lengths, as the rest of our files.
// Reference: DICOM PS3.5 §6.2 (AT: pairs of 16-bit group and element numbers), §7.5.1 (items).

import { Tag } from '../io/dicom/index.js';
import { concatBytes } from '../io/dicom/encode.js';

export { concatBytes };

function header(tag: number, vr: string, length: number): Uint8Array {
  const long = vr === 'SQ';
  const view = new DataView(new ArrayBuffer(long ? 12 : 8));
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  view.setUint8(4, vr.charCodeAt(0));
  view.setUint8(5, vr.charCodeAt(1));
  if (long) view.setUint32(8, length, true);
  else view.setUint16(6, length, true);
  return new Uint8Array(view.buffer);
}

/** An AT element holding one or more tags. */
export function encodeAtElement(tag: number, values: readonly number[]): Uint8Array {
  const value = new DataView(new ArrayBuffer(4 * values.length));
  values.forEach((t, n) => {
    value.setUint16(4 * n, t >>> 16, true);
    value.setUint16(4 * n + 2, t & 0xffff, true);
  });
  return concatBytes([header(tag, 'AT', value.byteLength), new Uint8Array(value.buffer)]);
}

/** A sequence element whose item bodies (each an encoded data set, elements in tag order) are given. */
export function encodeRawSequence(tag: number, itemBodies: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const body of itemBodies) {
    const item = new DataView(new ArrayBuffer(8));
    item.setUint16(0, Tag.Item >>> 16, true);
    item.setUint16(2, Tag.Item & 0xffff, true);
    item.setUint32(4, body.length, true);
    parts.push(new Uint8Array(item.buffer), body);
  }
  const value = concatBytes(parts);
  return concatBytes([header(tag, 'SQ', value.length), value]);
}
