// A small DICOM parser: finds the top-level data elements of a file up to (and including the position
// of) PixelData, without decoding values. Handles Part 10 files (128-byte preamble, "DICM", explicit VR
// LE meta group) and bare data sets without preamble; implicit VR LE, explicit VR LE and explicit VR BE.
// Sequences, of defined or undefined length, are walked past, not parsed: nothing we need is nested.

import { VolumeFormatError } from '../errors.js';
import { Tag, describeTag, formatTag } from './tags.js';
import { TransferSyntax, describeTransferSyntax, encodingOf, type Encoding } from './transfer-syntax.js';

/** Where one element's value lies in the file's bytes. */
export interface DicomElement {
  tag: number;
  /** The value representation, when the encoding is explicit. */
  vr?: string;
  offset: number;
  /** Value length in bytes, or UNDEFINED_LENGTH (encapsulated pixel data). */
  length: number;
}

export interface DicomDataset {
  file: string;
  bytes: Uint8Array;
  transferSyntax: string;
  littleEndian: boolean;
  elements: Map<number, DicomElement>;
  /** Set when the parser reached PixelData; its value is not checked against the buffer's end. */
  pixelData?: DicomElement;
}

export const UNDEFINED_LENGTH = 0xffffffff;

/** Thrown (only when `isPrefix`) if the bytes end inside the header: read more of the file and retry. */
export class IncompleteDicomError extends Error {}

/** Raised inside the parser; turned into a VolumeFormatError, a "not DICOM" answer or IncompleteDicomError. */
class MalformedError extends Error {}
class EndOfBufferError extends Error {}

// VRs whose explicit encoding has 2 reserved bytes and a 32-bit length.
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const ALL_VRS = new Set([
  ...LONG_VRS,
  ...['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS'],
  ...['ST', 'TM', 'UI', 'UL', 'US'],
]);

class Cursor {
  readonly view: DataView;
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    pos: number,
    public littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = pos;
  }
  need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new EndOfBufferError();
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, this.littleEndian);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, this.littleEndian);
    this.pos += 4;
    return v;
  }
  ascii2(): string {
    this.need(2);
    const s = String.fromCharCode(this.bytes[this.pos] as number, this.bytes[this.pos + 1] as number);
    this.pos += 2;
    return s;
  }
}

interface Header {
  tag: number;
  vr?: string;
  length: number;
}

function readHeader(c: Cursor, explicitVr: boolean): Header {
  const tag = ((c.u16() << 16) | c.u16()) >>> 0;
  // Item and delimiter tags never carry a VR, whatever the encoding.
  if (tag >>> 16 === 0xfffe || !explicitVr) return { tag, length: c.u32() };
  const vr = c.ascii2();
  if (!ALL_VRS.has(vr)) throw new MalformedError(`unknown value representation "${vr}" at ${formatTag(tag)}`);
  if (LONG_VRS.has(vr)) {
    c.u16(); // reserved
    return { tag, vr, length: c.u32() };
  }
  return { tag, vr, length: c.u16() };
}

/** Walks past the items of an undefined-length sequence, up to and including its delimiter. */
function skipSequence(c: Cursor, enc: Encoding): void {
  for (;;) {
    const tag = ((c.u16() << 16) | c.u16()) >>> 0;
    const length = c.u32();
    if (tag === Tag.SequenceDelimitation) return;
    if (tag !== Tag.Item) throw new MalformedError(`expected a sequence item, found ${formatTag(tag)}`);
    if (length === UNDEFINED_LENGTH) skipItem(c, enc);
    else skipBytes(c, length);
  }
}

/** Walks past the elements of an undefined-length item, up to and including its delimiter. */
function skipItem(c: Cursor, enc: Encoding): void {
  for (;;) {
    const h = readHeader(c, enc.explicitVr);
    if (h.tag === Tag.ItemDelimitation) return;
    if (h.length === UNDEFINED_LENGTH) skipUndefined(c, h, enc);
    else skipBytes(c, h.length);
  }
}

function skipUndefined(c: Cursor, h: Header, enc: Encoding): void {
  // An undefined-length UN element holds a sequence encoded as implicit VR little endian.
  if (h.vr === 'UN') {
    const saved = c.littleEndian;
    c.littleEndian = true;
    skipSequence(c, { littleEndian: true, explicitVr: false });
    c.littleEndian = saved;
  } else {
    skipSequence(c, enc);
  }
}

function skipBytes(c: Cursor, n: number): void {
  c.need(n);
  c.pos += n;
}

/** The encoding of a bare data set (no preamble), or null if the bytes do not look like one. */
function sniffBareDataset(bytes: Uint8Array, start: number): Encoding | null {
  if (bytes.length < start + 8) return null;
  const group = (bytes[start] as number) | ((bytes[start + 1] as number) << 8);
  if (group !== 0x0002 && group !== 0x0008) return null;
  const vr = String.fromCharCode(bytes[start + 4] as number, bytes[start + 5] as number);
  return { littleEndian: true, explicitVr: ALL_VRS.has(vr) };
}

function hasMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
}

/**
 * Parses the header of a DICOM file. Returns null for files that are not DICOM. With `isPrefix`, `bytes`
 * may be the start of a longer file, and running out of bytes throws IncompleteDicomError; otherwise
 * a file that ends early is reported as truncated.
 */
export function parseDicom(
  bytes: Uint8Array,
  file: string,
  opts: { isPrefix?: boolean } = {},
): DicomDataset | null {
  const part10 = hasMagic(bytes);
  try {
    return parseOrThrow(bytes, file, part10);
  } catch (e) {
    if (e instanceof EndOfBufferError) {
      if (opts.isPrefix) throw new IncompleteDicomError(file);
      if (!part10) return null;
      throw new VolumeFormatError(file, 'file is truncated: it ends inside the DICOM header');
    }
    if (e instanceof MalformedError) {
      if (!part10) return null;
      throw new VolumeFormatError(file, `not a valid DICOM file: ${e.message}`);
    }
    throw e;
  }
}

function parseOrThrow(bytes: Uint8Array, file: string, part10: boolean): DicomDataset | null {
  const start = part10 ? 132 : 0;
  const meta = new Map<number, DicomElement>();
  const c = new Cursor(bytes, start, true);
  // The meta group, when present, is explicit VR little endian, whatever follows.
  while (c.pos + 2 <= bytes.length && c.view.getUint16(c.pos, true) === 0x0002) {
    const h = readHeader(c, true);
    skipBytes(c, h.length);
    meta.set(h.tag, { tag: h.tag, vr: h.vr, offset: c.pos - h.length, length: h.length });
  }
  let syntax: string;
  let enc: Encoding;
  const tsElement = meta.get(Tag.TransferSyntaxUid);
  if (tsElement) {
    syntax = String.fromCharCode(...bytes.subarray(tsElement.offset, tsElement.offset + tsElement.length))
      .replace(/[\0 ]+$/, '')
      .trim();
    enc = encodingOf(syntax);
  } else {
    const sniffed = sniffBareDataset(bytes, c.pos);
    if (!sniffed) {
      if (part10) throw new MalformedError('no transfer syntax and no recognisable data set');
      return null;
    }
    enc = sniffed;
    syntax = enc.explicitVr ? TransferSyntax.ExplicitVrLittleEndian : TransferSyntax.ImplicitVrLittleEndian;
  }
  if (syntax === TransferSyntax.DeflatedExplicitVrLittleEndian) {
    throw new VolumeFormatError(file, `${describeTransferSyntax(syntax)} is not supported`, 'unsupported');
  }

  c.littleEndian = enc.littleEndian;
  const elements = new Map<number, DicomElement>(meta);
  while (c.pos < bytes.length) {
    const h = readHeader(c, enc.explicitVr);
    const element: DicomElement = { tag: h.tag, vr: h.vr, offset: c.pos, length: h.length };
    if (h.tag === Tag.PixelData) {
      // Stop here: everything we need comes before the pixels.
      elements.set(h.tag, element);
      return {
        file,
        bytes,
        transferSyntax: syntax,
        littleEndian: enc.littleEndian,
        elements,
        pixelData: element,
      };
    }
    if (h.tag >>> 16 === 0xfffe) throw new MalformedError(`unexpected ${describeTag(h.tag)} at top level`);
    if (h.length === UNDEFINED_LENGTH) {
      skipUndefined(c, h, enc);
    } else {
      skipBytes(c, h.length);
      elements.set(h.tag, element);
    }
  }
  return { file, bytes, transferSyntax: syntax, littleEndian: enc.littleEndian, elements };
}
