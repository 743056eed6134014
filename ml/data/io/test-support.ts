// Helpers for the io tests: synthetic volumes of every type, temp folders, file hashes, and assertions on
// volumes and on VolumeFormatErrors. Not used by production code.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../util/rng.js';
import { VolumeFormatError, type VolumeErrorReason } from './errors.js';
import {
  BYTES_PER_VOXEL,
  allocateVoxels,
  voxelBytes,
  voxelCount,
  type DataType,
  type Mat3,
  type Vec3,
  type Volume,
} from './volume.js';

export const ALL_DATA_TYPES: DataType[] = [
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'float32',
  'float64',
];

/** A unit rotation about axis (1, 2, 3) by 0.3 rad: an oblique direction that float32 cannot hold exactly. */
export function obliqueDirection(): Mat3 {
  const [x, y, z] = [1, 2, 3].map((v) => v / Math.hypot(1, 2, 3)) as Vec3;
  const [c, s] = [Math.cos(0.3), Math.sin(0.3)];
  const t = 1 - c;
  // Rows of the rotation matrix; our layout lists its columns.
  const r = [
    [t * x * x + c, t * x * y - s * z, t * x * z + s * y],
    [t * x * y + s * z, t * y * y + c, t * y * z - s * x],
    [t * x * z - s * y, t * y * z + s * x, t * z * z + c],
  ];
  return [0, 1, 2].flatMap((col) => [r[0]![col]!, r[1]![col]!, r[2]![col]!]) as Mat3;
}

export interface SyntheticOptions {
  dims?: Vec3;
  seed?: number;
  /** Default: oblique float64 geometry. 'float32-exact': axis-aligned with flips, all values exact in float32. */
  geometry?: 'oblique' | 'float32-exact';
}

/**
 * A volume whose voxel bytes are random (so every bit pattern, NaN payloads included, must survive) and
 * whose geometry is awkward enough to catch transposed directions or dropped signs.
 */
export function syntheticVolume(dataType: DataType, options: SyntheticOptions = {}): Volume {
  const dims = options.dims ?? [7, 5, 3];
  const rng = createRng(options.seed ?? 42);
  const voxels = allocateVoxels(dataType, voxelCount(dims));
  const bytes = voxelBytes(voxels);
  for (let n = 0; n < bytes.length; n++) bytes[n] = rng.int(0, 255);
  if (options.geometry === 'float32-exact') {
    return {
      dims,
      spacing: [0.5, 0.25, 2],
      origin: [1.5, -2.25, 100.125],
      direction: [0, -1, 0, -1, 0, 0, 0, 0, -1],
      dataType,
      voxels,
    };
  }
  return {
    dims,
    spacing: [0.3, 0.25, 1.7],
    origin: [-12.345678, 98.7654321, 3.14159],
    direction: obliqueDirection(),
    dataType,
    voxels,
  };
}

export async function makeTempDir(prefix = 'cbct-io-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function sha256OfFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** Same dims, type and voxel bytes; geometry equal within `tolerance` (0: bit-exact). */
export function assertSameVolume(actual: Volume, expected: Volume, tolerance = 0): void {
  assert.deepEqual(actual.dims, expected.dims, 'dims');
  assert.equal(actual.dataType, expected.dataType, 'dataType');
  assert.equal(actual.voxels.length, expected.voxels.length, 'voxel count');
  assert.equal(BYTES_PER_VOXEL[actual.dataType], actual.voxels.BYTES_PER_ELEMENT);
  assert.ok(asBuffer(voxelBytes(actual.voxels)).equals(asBuffer(voxelBytes(expected.voxels))), 'voxel bytes');
  assertSameGeometry(actual, expected, tolerance);
}

/** A Buffer view of the same memory (Buffer.from(uint8Array) would copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function assertSameGeometry(
  actual: Pick<Volume, 'spacing' | 'origin' | 'direction'>,
  expected: Pick<Volume, 'spacing' | 'origin' | 'direction'>,
  tolerance = 0,
): void {
  for (const key of ['spacing', 'origin', 'direction'] as const) {
    if (tolerance === 0) {
      assert.deepEqual(actual[key], expected[key], key);
    } else {
      actual[key].forEach((v, n) => {
        const want = expected[key][n]!;
        assert.ok(Math.abs(v - want) <= tolerance, `${key}[${n}] = ${v}, expected ${want} ± ${tolerance}`);
      });
    }
  }
}

/** Asserts that `run` rejects with a VolumeFormatError about `file` whose message matches `problem`. */
export async function assertVolumeError(
  run: Promise<unknown>,
  file: string,
  problem: RegExp,
  reason: VolumeErrorReason = 'invalid',
): Promise<VolumeFormatError> {
  let caught: unknown;
  try {
    await run;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof VolumeFormatError, `expected a VolumeFormatError, got ${String(caught)}`);
  assert.equal(caught.file, file);
  assert.ok(caught.message.startsWith(`${file}: `), caught.message);
  assert.match(caught.problem, problem);
  assert.equal(caught.reason, reason, caught.message);
  return caught;
}

/** All bytes of a chunk stream, for building test files in memory. */
export async function collectChunks(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}
