// Shared by the DICOM tests only: small volumes, temporary folders, and hand-made encodings that do not
// go through our own encoder (so that encoder and parser cannot share a mistake unnoticed).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../../util/rng.js';
import { allocateVoxels, voxelCount, type DataType, type Mat3, type Vec3, type Volume } from '../volume.js';
import { encodeDataset } from './encode.js';
import { Tag } from './tags.js';
import { concatBytes as joinBytes } from './encode.js';

export async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cbct-dicom-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Right-handed orthonormal axes: the identity rotated by `angle` radians about `axis`. */
export function rotatedDirection(axis: Vec3, angle: number): Mat3 {
  const len = Math.hypot(...axis);
  const [x, y, z] = axis.map((v) => v / len) as Vec3;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  // Columns of the rotation matrix = images of the unit axes.
  // prettier-ignore
  return [
    t * x * x + c, t * x * y + s * z, t * x * z - s * y,
    t * x * y - s * z, t * y * y + c, t * y * z + s * x,
    t * x * z + s * y, t * y * z - s * x, t * z * z + c,
  ];
}

/** A volume of seeded random integers in [lo, hi]. */
export function randomVolume(
  dataType: DataType,
  lo: number,
  hi: number,
  geometry: Partial<Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'>> = {},
  seed = 1,
): Volume {
  const dims = geometry.dims ?? [32, 24, 10];
  const voxels = allocateVoxels(dataType, voxelCount(dims));
  const rng = createRng(seed);
  for (let n = 0; n < voxels.length; n++) voxels[n] = rng.int(lo, hi);
  return {
    dims,
    spacing: geometry.spacing ?? [0.3, 0.4, 0.5],
    origin: geometry.origin ?? [-10.25, 20.5, 12.5],
    direction: geometry.direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1],
    dataType,
    voxels,
  };
}

/** Bytes of a text value padded to even length. */
export function text(value: string, pad = ' '): Uint8Array {
  return new TextEncoder().encode(value.length % 2 ? value + pad : value);
}

export function u16le(...values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 2));
  values.forEach((v, n) => view.setUint16(n * 2, v, true));
  return new Uint8Array(view.buffer);
}

export function concatBytes(...chunks: Uint8Array[]): Uint8Array {
  return joinBytes(chunks);
}

/** An implicit VR little endian element: tag, 32-bit length, value. */
export function implicitLE(tag: number, value: Uint8Array, length = value.length): Uint8Array {
  const head = new DataView(new ArrayBuffer(8));
  head.setUint16(0, tag >>> 16, true);
  head.setUint16(2, tag & 0xffff, true);
  head.setUint32(4, length, true);
  return concatBytes(new Uint8Array(head.buffer), value);
}

/** An explicit VR big endian element (short or long length form by VR). */
export function explicitBE(tag: number, vr: string, value: Uint8Array): Uint8Array {
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  const head = new DataView(new ArrayBuffer(long ? 12 : 8));
  head.setUint16(0, tag >>> 16, false);
  head.setUint16(2, tag & 0xffff, false);
  head.setUint8(4, vr.charCodeAt(0));
  head.setUint8(5, vr.charCodeAt(1));
  if (long) head.setUint32(8, value.length, false);
  else head.setUint16(6, value.length, false);
  return concatBytes(new Uint8Array(head.buffer), value);
}

/** Preamble, "DICM" and a file meta group naming `transferSyntax`, followed by `dataset` as given. */
export function part10(transferSyntax: string, dataset: Uint8Array, sopInstanceUid = '1.2.3.4'): Uint8Array {
  const meta = encodeDataset([
    { tag: Tag.FileMetaInformationVersion, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: Tag.MediaStorageSopClassUid, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
    { tag: Tag.MediaStorageSopInstanceUid, vr: 'UI', value: sopInstanceUid },
    { tag: Tag.TransferSyntaxUid, vr: 'UI', value: transferSyntax },
  ]);
  const preamble = new Uint8Array(132);
  preamble.set(new TextEncoder().encode('DICM'), 128);
  const groupLength = encodeDataset([
    { tag: Tag.FileMetaInformationGroupLength, vr: 'UL', value: meta.length },
  ]);
  return concatBytes(preamble, groupLength, meta, dataset);
}

/** Asserts that two numbers lists agree within `tol`. */
export function assertClose(
  actual: readonly number[],
  expected: readonly number[],
  tol: number,
  what: string,
): void {
  if (
    actual.length !== expected.length ||
    actual.some((v, n) => !(Math.abs(v - (expected[n] as number)) <= tol))
  ) {
    throw new Error(`${what}: expected ${expected.join(', ')} within ${tol}, got ${actual.join(', ')}`);
  }
}
