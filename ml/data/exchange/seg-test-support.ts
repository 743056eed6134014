// For the SEG tests only: the SEG element list re-encoded the way many other writers (pydicom,
// highdicom) store it — implicit VR little endian, sequences and items of undefined length — so the
// reader is tested on more than our own encoding.

import {
  encodeDataset,
  encodeElement,
  Tag,
  TransferSyntax,
  type DicomElementSpec,
} from '../io/dicom/index.js';
import { concatBytes } from './dicom-raw.js';

function tagBytes(tag: number, length: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  view.setUint32(4, length, true);
  return new Uint8Array(view.buffer);
}

export function encodeImplicitUndefined(elements: readonly DicomElementSpec[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const parts: Uint8Array[] = [];
  for (const e of sorted) {
    if (e.vr === 'SQ') {
      parts.push(tagBytes(e.tag, 0xffffffff));
      for (const item of e.items) {
        parts.push(
          tagBytes(Tag.Item, 0xffffffff),
          encodeImplicitUndefined(item),
          tagBytes(Tag.ItemDelimitation, 0),
        );
      }
      parts.push(tagBytes(Tag.SequenceDelimitation, 0));
      continue;
    }
    const explicit = encodeElement(e);
    const headerLength = ['OB', 'OW', 'UN', 'UC', 'UR', 'UT'].includes(e.vr) ? 12 : 8;
    const value = explicit.subarray(headerLength);
    parts.push(tagBytes(e.tag, value.length), value);
  }
  return concatBytes(parts);
}

/** A Part 10 file whose data set (given as bytes) is implicit VR little endian. */
export function implicitPart10(dataset: Uint8Array, sopClassUid: string, sopInstanceUid: string): Uint8Array {
  const meta = encodeDataset([
    { tag: Tag.FileMetaInformationVersion, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: Tag.MediaStorageSopClassUid, vr: 'UI', value: sopClassUid },
    { tag: Tag.MediaStorageSopInstanceUid, vr: 'UI', value: sopInstanceUid },
    { tag: Tag.TransferSyntaxUid, vr: 'UI', value: TransferSyntax.ImplicitVrLittleEndian },
  ]);
  const preamble = new Uint8Array(132);
  preamble.set(new TextEncoder().encode('DICM'), 128);
  const groupLength = encodeDataset([
    { tag: Tag.FileMetaInformationGroupLength, vr: 'UL', value: meta.length },
  ]);
  return concatBytes([preamble, groupLength, meta, dataset]);
}
