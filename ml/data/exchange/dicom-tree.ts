// A DICOM Part 10 parser that keeps nested sequences, which the series parser in ../io/dicom skips:
// a SEG keeps everything that matters (segments, per-frame positions) inside sequences. Each data set
// or sequence item becomes a DicomDataset (offsets into the file's bytes), so the typed getters of
// ../io/dicom (getString, getNumbers, getUint) work on items too.
// Supports explicit and implicit VR little endian, sequences and items of defined or undefined length;
// big endian and deflated files are rejected as unsupported. Parsing stops at PixelData.
// Reference: DICOM PS3.5 §7.1 (data elements), §7.5 (nesting of data sets), PS3.10 §7.1 (Part 10 file).

import { VolumeFormatError } from '../io/errors.js';
import type { DicomDataset, DicomElement } from '../io/dicom/index.js';
import { Tag, TransferSyntax } from '../io/dicom/index.js';

export interface DicomNode {
  ds: DicomDataset;
  sequences: Map<number, DicomNode[]>;
}

const UNDEFINED = 0xffffffff;
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

class Reader {
  readonly view: DataView;
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  fail(problem: string): never {
    throw new VolumeFormatError(this.file, `not a valid DICOM file: ${problem} (at byte ${this.pos})`);
  }
  need(n: number): void {
    if (this.pos + n > this.bytes.length) this.fail('the file ends inside a data element');
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  tag(): number {
    const group = this.u16();
    return ((group << 16) | this.u16()) >>> 0;
  }
}

interface Context {
  explicit: boolean;
  sequenceTags: ReadonlySet<number>;
  transferSyntax: string;
  charset?: DicomElement;
}

function newNode(r: Reader, ctx: Context): DicomNode {
  const elements = new Map<number, DicomElement>();
  if (ctx.charset) elements.set(Tag.SpecificCharacterSet, ctx.charset);
  const ds: DicomDataset = {
    file: r.file,
    bytes: r.bytes,
    transferSyntax: ctx.transferSyntax,
    littleEndian: true,
    elements,
  };
  return { ds, sequences: new Map() };
}

/** Reads elements into `node` until `end` (defined length) or an item delimiter (end = undefined). */
function readElements(
  r: Reader,
  ctx: Context,
  node: DicomNode,
  end: number | undefined,
  topLevel: boolean,
): void {
  while (end === undefined || r.pos < end) {
    if (end === undefined && r.pos >= r.bytes.length) r.fail('an item of undefined length has no delimiter');
    const tag = r.tag();
    if (tag === Tag.ItemDelimitation) {
      r.u32();
      if (end !== undefined) r.fail('unexpected item delimiter');
      return;
    }
    let vr: string | undefined;
    let length: number;
    if (ctx.explicit && tag >>> 16 !== 0xfffe) {
      r.need(2);
      vr = String.fromCharCode(r.bytes[r.pos] as number, r.bytes[r.pos + 1] as number);
      r.pos += 2;
      if (!/^[A-Z]{2}$/.test(vr)) r.fail(`unknown value representation at tag ${tag.toString(16)}`);
      if (LONG_VRS.has(vr)) {
        r.u16();
        length = r.u32();
      } else {
        length = r.u16();
      }
    } else {
      length = r.u32();
    }
    if (tag === Tag.PixelData) {
      node.ds.elements.set(tag, { tag, vr, offset: r.pos, length });
      node.ds.pixelData = { tag, vr, offset: r.pos, length };
      if (!topLevel) r.fail('PixelData inside a sequence');
      r.pos = r.bytes.length; // everything needed comes before the pixels
      return;
    }
    const isSequence =
      vr === 'SQ' || (vr === undefined && (length === UNDEFINED || ctx.sequenceTags.has(tag)));
    if (isSequence || (vr === 'UN' && length === UNDEFINED)) {
      // An undefined-length UN holds a sequence in implicit VR little endian (PS3.5 §6.2.2).
      const inner = vr === 'UN' ? { ...ctx, explicit: false } : ctx;
      node.sequences.set(tag, readItems(r, inner, length));
      continue;
    }
    if (length === UNDEFINED) r.fail(`element ${tag.toString(16)} has an undefined length`);
    r.need(length);
    node.ds.elements.set(tag, { tag, vr, offset: r.pos, length });
    if (tag === Tag.SpecificCharacterSet && topLevel) ctx.charset = { tag, vr, offset: r.pos, length };
    r.pos += length;
  }
  if (end !== undefined && r.pos !== end) r.fail('an item overruns its length');
}

function readItems(r: Reader, ctx: Context, length: number): DicomNode[] {
  const end = length === UNDEFINED ? undefined : r.pos + length;
  if (end !== undefined && end > r.bytes.length) r.fail('a sequence runs past the end of the file');
  const items: DicomNode[] = [];
  while (end === undefined || r.pos < end) {
    const tag = r.tag();
    const itemLength = r.u32();
    if (tag === Tag.SequenceDelimitation) {
      if (end !== undefined) r.fail('unexpected sequence delimiter');
      return items;
    }
    if (tag !== Tag.Item) r.fail(`expected a sequence item, found tag ${tag.toString(16)}`);
    const node = newNode(r, ctx);
    readElements(r, ctx, node, itemLength === UNDEFINED ? undefined : r.pos + itemLength, false);
    items.push(node);
  }
  return items;
}

/** Parses a whole Part 10 file (up to PixelData) with its sequences. */
export function parseDicomTree(
  bytes: Uint8Array,
  file: string,
  sequenceTags: ReadonlySet<number>,
): DicomNode {
  const r = new Reader(bytes, file);
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') {
    throw new VolumeFormatError(file, 'is not a DICOM Part 10 file (no "DICM" at byte 128)');
  }
  r.pos = 132;
  const meta: Context = {
    explicit: true,
    sequenceTags,
    transferSyntax: TransferSyntax.ExplicitVrLittleEndian,
  };
  const root = newNode(r, meta);
  // The file meta group: explicit VR little endian, group 0002 only.
  while (r.pos + 2 <= bytes.length && r.view.getUint16(r.pos, true) === 0x0002) {
    const tag = r.tag();
    r.need(2);
    const vrLong = LONG_VRS.has(String.fromCharCode(bytes[r.pos] as number, bytes[r.pos + 1] as number));
    r.pos += 2;
    let length: number;
    if (vrLong) {
      r.u16();
      length = r.u32();
    } else length = r.u16();
    r.need(length);
    root.ds.elements.set(tag, { tag, offset: r.pos, length });
    r.pos += length;
  }
  const tsElement = root.ds.elements.get(Tag.TransferSyntaxUid);
  const syntax = tsElement
    ? String.fromCharCode(...bytes.subarray(tsElement.offset, tsElement.offset + tsElement.length)).replace(
        /[\0 ]+$/,
        '',
      )
    : TransferSyntax.ExplicitVrLittleEndian;
  if (
    syntax === TransferSyntax.ExplicitVrBigEndian ||
    syntax === TransferSyntax.DeflatedExplicitVrLittleEndian
  ) {
    throw new VolumeFormatError(
      file,
      `transfer syntax ${syntax} is not supported here; convert the file to little endian, uncompressed`,
      'unsupported',
    );
  }
  const ctx: Context = {
    explicit: syntax !== TransferSyntax.ImplicitVrLittleEndian,
    sequenceTags,
    transferSyntax: syntax,
  };
  root.ds.transferSyntax = syntax;
  readElements(r, ctx, root, bytes.length, true);
  return root;
}

/** The items of a sequence (empty when absent). */
export function items(node: DicomNode, tag: number): DicomNode[] {
  return node.sequences.get(tag) ?? [];
}

/** The first item of a sequence, if any. */
export function firstItem(node: DicomNode | undefined, tag: number): DicomNode | undefined {
  return node?.sequences.get(tag)?.[0];
}

/** All 16-bit unsigned values of a US element (little endian). */
export function getUint16s(node: DicomNode, tag: number): number[] | undefined {
  const el = node.ds.elements.get(tag);
  if (!el || el.length < 2) return undefined;
  const view = new DataView(node.ds.bytes.buffer, node.ds.bytes.byteOffset + el.offset, el.length);
  return Array.from({ length: el.length >> 1 }, (_, n) => view.getUint16(2 * n, true));
}
