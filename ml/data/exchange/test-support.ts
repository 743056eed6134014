// Shared by the exchange tests only: the STSR schema, small phantoms, temp folders and volume checks.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type Phantom } from '../phantom/index.js';
import { VolumeFormatError } from '../io/errors.js';
import type { Volume } from '../io/volume.js';
import type { ExchangeLabelSchema } from './label-schema.js';

export const STSR_SCHEMA: ExchangeLabelSchema = JSON.parse(
  readFileSync(new URL('../../../resources/labels/stsr.json', import.meta.url), 'utf8'),
) as ExchangeLabelSchema;

export async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cbct-exchange-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const phantoms = new Map<number, Phantom>();

/** A small (48×48×32, 0.4 mm) phantom, cached per seed; callers must not modify it. */
export function smallPhantom(seed: number): Phantom {
  let p = phantoms.get(seed);
  if (!p) {
    p = generatePhantom({ seed, size: [48, 48, 32], teeth: 4, noise: 0, blur: 0 });
    phantoms.set(seed, p);
  }
  return p;
}

/** Identical voxels (type and values) and geometry within `tolerance` (0 = exactly equal). */
export function assertSameVolume(actual: Volume, expected: Volume, tolerance = 0): void {
  assert.deepEqual(actual.dims, expected.dims);
  assert.equal(actual.dataType, expected.dataType);
  for (const key of ['spacing', 'origin', 'direction'] as const) {
    actual[key].forEach((x, n) => {
      const want = expected[key][n] as number;
      assert.ok(Math.abs(x - want) <= tolerance, `${key}[${n}] is ${x}, expected ${want}`);
    });
  }
  assert.ok(
    Buffer.from(actual.voxels.buffer, actual.voxels.byteOffset, actual.voxels.byteLength).equals(
      Buffer.from(expected.voxels.buffer, expected.voxels.byteOffset, expected.voxels.byteLength),
    ),
    'voxels differ',
  );
}

/** Asserts that `run` rejects with a VolumeFormatError whose message matches every pattern. */
export async function rejectsWith(
  run: () => Promise<unknown>,
  ...patterns: RegExp[]
): Promise<VolumeFormatError> {
  let caught: unknown;
  try {
    await run();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof VolumeFormatError, `expected a VolumeFormatError, got ${String(caught)}`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

/** A copy of a label volume with voxel n set to `value`. */
export function withVoxel(label: Volume, n: number, value: number): Volume {
  const voxels = label.voxels.slice();
  voxels[n] = value;
  return { ...label, voxels };
}

/** NIfTI stores spacing and the affine as float32: geometry comes back within this (mm, cosines). */
export const NIFTI_TOLERANCE = 1e-5;
