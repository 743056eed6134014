// NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers: decoding in either byte order, encoding in either.
// Only the fields this project uses are modelled; the rest are written as zeros.
// Byte order is detected from sizeof_hdr, which must read 348 or 540 in the file's order.

import { VolumeFormatError } from './errors.js';
import type { Vec3 } from './volume.js';

export type NiftiVersion = 1 | 2;
type Row4 = [number, number, number, number];

export interface NiftiHeader {
  version: NiftiVersion;
  littleEndian: boolean;
  /** dim[0] is the number of dimensions, dim[1..7] their sizes. */
  dim: number[];
  datatype: number;
  bitpix: number;
  /** pixdim[0] is qfac; pixdim[1..3] the voxel spacing. */
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  /** Low 3 bits: spatial units (1 m, 2 mm, 3 µm). */
  xyztUnits: number;
  descrip: string;
  qformCode: number;
  sformCode: number;
  quatern: Vec3;
  qoffset: Vec3;
  srow: [Row4, Row4, Row4];
  magic: string;
}

export const NIFTI1_HEADER_BYTES = 348;
export const NIFTI2_HEADER_BYTES = 540;
/** Header plus the 4-byte extension flag: where our writers put the voxels. */
export const NIFTI_VOX_OFFSET: Record<NiftiVersion, number> = { 1: 352, 2: 544 };

type Kind = 'u8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';
const KIND_BYTES: Record<Kind, number> = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 };

interface Layout {
  size: number;
  magic: [offset: number, text: string];
  dim: [number, Kind];
  datatype: [number, Kind];
  bitpix: [number, Kind];
  pixdim: [number, Kind];
  voxOffset: [number, Kind];
  sclSlope: [number, Kind];
  sclInter: [number, Kind];
  xyztUnits: [number, Kind];
  descrip: number;
  qformCode: [number, Kind];
  sformCode: [number, Kind];
  quatern: [number, Kind]; // b, c, d then qoffset x, y, z follow contiguously
  srow: [number, Kind]; // srow_x, srow_y, srow_z contiguous
}

// Offsets from the NIfTI-1 and NIfTI-2 standards (nifti1.h, nifti2.h).
const LAYOUTS: Record<NiftiVersion, Layout> = {
  1: {
    size: NIFTI1_HEADER_BYTES,
    magic: [344, 'n+1\0'],
    dim: [40, 'i16'],
    datatype: [70, 'i16'],
    bitpix: [72, 'i16'],
    pixdim: [76, 'f32'],
    voxOffset: [108, 'f32'],
    sclSlope: [112, 'f32'],
    sclInter: [116, 'f32'],
    xyztUnits: [123, 'u8'],
    descrip: 148,
    qformCode: [252, 'i16'],
    sformCode: [254, 'i16'],
    quatern: [256, 'f32'],
    srow: [280, 'f32'],
  },
  2: {
    size: NIFTI2_HEADER_BYTES,
    magic: [4, 'n+2\0\r\n\x1a\n'],
    datatype: [12, 'i16'],
    bitpix: [14, 'i16'],
    dim: [16, 'i64'],
    pixdim: [104, 'f64'],
    voxOffset: [168, 'i64'],
    sclSlope: [176, 'f64'],
    sclInter: [184, 'f64'],
    descrip: 240,
    qformCode: [344, 'i32'],
    sformCode: [348, 'i32'],
    quatern: [352, 'f64'],
    srow: [400, 'f64'],
    xyztUnits: [500, 'i32'],
  },
};

/** The version and byte order a header declares through its first four bytes (sizeof_hdr), or null. */
export function sniffNiftiHeader(
  first4: Uint8Array,
): { version: NiftiVersion; littleEndian: boolean } | null {
  if (first4.length < 4) return null;
  const view = new DataView(first4.buffer, first4.byteOffset, 4);
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    if (size === NIFTI1_HEADER_BYTES) return { version: 1, littleEndian };
    if (size === NIFTI2_HEADER_BYTES) return { version: 2, littleEndian };
  }
  return null;
}

function get(view: DataView, at: number, kind: Kind, le: boolean): number {
  switch (kind) {
    case 'u8':
      return view.getUint8(at);
    case 'i16':
      return view.getInt16(at, le);
    case 'i32':
      return view.getInt32(at, le);
    case 'i64':
      return Number(view.getBigInt64(at, le));
    case 'f32':
      return view.getFloat32(at, le);
    case 'f64':
      return view.getFloat64(at, le);
  }
}

function set(view: DataView, at: number, kind: Kind, value: number, le: boolean): void {
  switch (kind) {
    case 'u8':
      return view.setUint8(at, value);
    case 'i16':
      return view.setInt16(at, value, le);
    case 'i32':
      return view.setInt32(at, value, le);
    case 'i64':
      return view.setBigInt64(at, BigInt(value), le);
    case 'f32':
      return view.setFloat32(at, value, le);
    case 'f64':
      return view.setFloat64(at, value, le);
  }
}

function getMany(view: DataView, [at, kind]: [number, Kind], count: number, le: boolean): number[] {
  return Array.from({ length: count }, (_, n) => get(view, at + n * KIND_BYTES[kind], kind, le));
}

function setMany(view: DataView, [at, kind]: [number, Kind], values: readonly number[], le: boolean): void {
  values.forEach((v, n) => set(view, at + n * KIND_BYTES[kind], kind, v, le));
}

const latin1 = new TextDecoder('latin1');

/** Decodes a header; `bytes` must hold at least the header size of `version`. Checks the magic string. */
export function decodeNiftiHeader(
  file: string,
  bytes: Uint8Array,
  version: NiftiVersion,
  littleEndian: boolean,
): NiftiHeader {
  const layout = LAYOUTS[version];
  const view = new DataView(bytes.buffer, bytes.byteOffset, layout.size);
  const [magicAt, magicWanted] = layout.magic;
  const magic = latin1.decode(bytes.subarray(magicAt, magicAt + magicWanted.length));
  if (magic !== magicWanted) {
    const pair = version === 1 ? 'ni1\0' : 'ni2\0\r\n\x1a\n';
    if (magic === pair) {
      throw new VolumeFormatError(
        file,
        'NIfTI header/image pairs (.hdr + .img) are not supported; convert to a single .nii or .nii.gz file',
        'unsupported',
      );
    }
    const shown = JSON.stringify(magic.replace(/\0+$/, ''));
    throw new VolumeFormatError(file, `not a NIfTI file (magic is ${shown}, expected "n+${version}")`);
  }
  const quatern = getMany(view, layout.quatern, 6, littleEndian);
  const srow = getMany(view, layout.srow, 12, littleEndian);
  const descripBytes = bytes.subarray(layout.descrip, layout.descrip + 80);
  const descripEnd = descripBytes.indexOf(0);
  return {
    version,
    littleEndian,
    dim: getMany(view, layout.dim, 8, littleEndian),
    datatype: get(view, ...layout.datatype, littleEndian),
    bitpix: get(view, ...layout.bitpix, littleEndian),
    pixdim: getMany(view, layout.pixdim, 8, littleEndian),
    voxOffset: get(view, ...layout.voxOffset, littleEndian),
    sclSlope: get(view, ...layout.sclSlope, littleEndian),
    sclInter: get(view, ...layout.sclInter, littleEndian),
    xyztUnits: get(view, ...layout.xyztUnits, littleEndian),
    descrip: latin1.decode(descripEnd < 0 ? descripBytes : descripBytes.subarray(0, descripEnd)),
    qformCode: get(view, ...layout.qformCode, littleEndian),
    sformCode: get(view, ...layout.sformCode, littleEndian),
    quatern: quatern.slice(0, 3) as Vec3,
    qoffset: quatern.slice(3, 6) as Vec3,
    srow: [srow.slice(0, 4) as Row4, srow.slice(4, 8) as Row4, srow.slice(8, 12) as Row4],
    magic,
  };
}

/** Encodes a header followed by the 4-byte extension flag (zero: no extensions), i.e. vox_offset bytes. */
export function encodeNiftiHeader(h: NiftiHeader): Uint8Array {
  const layout = LAYOUTS[h.version];
  const bytes = new Uint8Array(NIFTI_VOX_OFFSET[h.version]);
  const view = new DataView(bytes.buffer);
  const le = h.littleEndian;
  view.setInt32(0, layout.size, le);
  const [magicAt, magic] = layout.magic;
  for (let n = 0; n < magic.length; n++) bytes[magicAt + n] = magic.charCodeAt(n);
  setMany(view, layout.dim, h.dim, le);
  set(view, ...layout.datatype, h.datatype, le);
  set(view, ...layout.bitpix, h.bitpix, le);
  setMany(view, layout.pixdim, h.pixdim, le);
  set(view, ...layout.voxOffset, h.voxOffset, le);
  set(view, ...layout.sclSlope, h.sclSlope, le);
  set(view, ...layout.sclInter, h.sclInter, le);
  set(view, ...layout.xyztUnits, h.xyztUnits, le);
  const descrip = h.descrip.slice(0, 79);
  for (let n = 0; n < descrip.length; n++) bytes[layout.descrip + n] = descrip.charCodeAt(n) & 0xff;
  set(view, ...layout.qformCode, h.qformCode, le);
  set(view, ...layout.sformCode, h.sformCode, le);
  setMany(view, layout.quatern, [...h.quatern, ...h.qoffset], le);
  setMany(view, layout.srow, h.srow.flat(), le);
  return bytes;
}
