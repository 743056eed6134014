// The real fixtures load with their true geometry and survive write → read round trips bit-exactly.
// The 360×360×330 dental label map (~86 MB decoded) is read once in this file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeVolume } from './describe.js';
import { readVolumeFile } from './read-volume.js';
import { assertSameVolume, makeTempDir, removeDir, sha256OfFile } from './test-support.js';
import { voxelToWorld, type Volume } from './volume.js';
import { writeVolumeFile, writeVolumeFileAtomic } from './write-volume.js';

const REAL = 'test/fixtures/real';
const DENTAL = `${REAL}/dental-anatomy/PostDentalSurgery_Segmentation.nii.gz`;
const BODY_CT = `${REAL}/body-ct/example_ct_sm.nii.gz`;
const BODY_MASK = `${REAL}/body-ct/example_ct_sm_T300_output.nii.gz`;
const SIRONA = `${REAL}/scanner-header/sirona_multiframe.nii.gz`;
const ALL = [DENTAL, BODY_CT, BODY_MASK, SIRONA];

/** Voxel counts per value of a small-integer label volume (values −32768…32767). */
function histogram(v: Volume): Map<number, number> {
  const counts = new Float64Array(65536);
  // Copy to one array type first: indexing the VoxelArray union directly is several times slower.
  const values = Int32Array.from(v.voxels);
  for (let n = 0; n < values.length; n++) counts[values[n]! + 32768]! += 1;
  const out = new Map<number, number>();
  counts.forEach((c, at) => {
    if (c > 0) out.set(at - 32768, c);
  });
  return out;
}

/** Writes `volume` in every writable format and variant and checks each reads back identically. */
async function assertRoundTrips(volume: Volume, dir: string, name: string): Promise<void> {
  const variants: [string, { compress?: boolean }][] = [
    ['nii.gz', {}],
    ['nii', {}],
    ['mha', {}],
    ['mha', { compress: true }],
    ['nrrd', {}],
    ['nrrd', { compress: false }],
  ];
  for (const [ext, options] of variants) {
    const path = join(dir, `${name}-${options.compress ?? 'default'}.${ext}`);
    await writeVolumeFile(volume, path, options);
    assertSameVolume(await readVolumeFile(path), volume);
  }
}

describe('real fixtures', () => {
  let dir: string;
  const hashesBefore = new Map<string, string>();
  before(async () => {
    dir = await makeTempDir();
    for (const file of ALL) hashesBefore.set(file, await sha256OfFile(file));
  });
  after(async () => {
    await removeDir(dir);
  });

  it('dental label map: 360×360×330, 0.5 mm, int16, LPS identity at the origin, labels 0–5; round trip via the content-addressed store', async () => {
    const volume = await readVolumeFile(DENTAL);
    const d = describeVolume(volume);
    assert.deepEqual(d.dims, [360, 360, 330]);
    assert.deepEqual(d.spacing, [0.5, 0.5, 0.5]);
    assert.equal(d.dataType, 'int16');
    assert.deepEqual(d.origin, [0, 0, 0]);
    assert.deepEqual(d.direction, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.equal(d.orientation, 'LPS');
    assert.equal(d.min, 0);
    assert.equal(d.max, 5);
    assert.deepEqual([...histogram(volume).keys()].sort(), [0, 1, 2, 3, 4, 5]);

    const written = await writeVolumeFileAtomic(volume, dir);
    assert.equal(basename(written.path), `${written.sha256}.nii.gz`);
    assert.equal(await sha256OfFile(written.path), written.sha256);
    assert.equal((await readFile(written.path)).length, written.bytes);
    assertSameVolume(await readVolumeFile(written.path), volume);
  });

  it('body CT: 122×101×30, 3 mm, int16, HU −1100…1207, sform (RAS) → LPS origin and flipped x/y axes', async () => {
    const volume = await readVolumeFile(BODY_CT);
    const d = describeVolume(volume);
    assert.deepEqual(d.dims, [122, 101, 30]);
    assert.deepEqual(d.spacing, [3, 3, 3]);
    assert.equal(d.dataType, 'int16');
    // The sform offset (−177.956, 11.319, 94.302) RAS as float32, with x and y negated.
    const [x, y, z] = [-177.95633, 11.319, 94.30176].map(Math.fround) as [number, number, number];
    assert.deepEqual(d.origin, [-x, -y, z]);
    assert.deepEqual(
      d.origin.map((v) => v.toFixed(3)),
      ['177.956', '-11.319', '94.302'],
    );
    assert.deepEqual(d.direction, [-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    assert.equal(d.orientation, 'RAS');
    assert.equal(d.min, -1100);
    assert.equal(d.max, 1207);
    // The far corner: RAS (−177.956 + 363, 11.319 + 300, 94.302 + 87) → LPS negates x and y.
    assert.deepEqual(voxelToWorld(volume, 121, 100, 29), [-x - 363, -y - 300, z + 87]);
    await assertRoundTrips(volume, dir, 'body-ct');
  });

  it('body mask: same grid, uint8 with 130,268 zeros and 239,392 ones', async () => {
    const volume = await readVolumeFile(BODY_MASK);
    const ct = await readVolumeFile(BODY_CT);
    assert.equal(volume.dataType, 'uint8');
    assert.deepEqual(
      { dims: volume.dims, spacing: volume.spacing, origin: volume.origin, direction: volume.direction },
      { dims: ct.dims, spacing: ct.spacing, origin: ct.origin, direction: ct.direction },
    );
    assert.deepEqual([...histogram(volume).entries()].sort(), [
      [0, 130_268],
      [1, 239_392],
    ]);
    await assertRoundTrips(volume, dir, 'body-mask');
  });

  it('Sirona header: 512×512×8, 0.16 mm (float32), uint16, LPI orientation', async () => {
    const volume = await readVolumeFile(SIRONA);
    const d = describeVolume(volume);
    assert.deepEqual(d.dims, [512, 512, 8]);
    assert.deepEqual(d.spacing, [0.1599999964237213, 0.1599999964237213, 0.1599999964237213]);
    assert.equal(d.dataType, 'uint16');
    assert.deepEqual(d.origin, [-40.959999084472656, -56.560970306396484, 37.16090393066406]);
    assert.deepEqual(d.direction, [1, 0, 0, 0, 1, 0, 0, 0, -1]);
    assert.equal(d.orientation, 'LPI');
    assert.equal(d.min, 0);
    assert.equal(d.max, 254);
    await assertRoundTrips(volume, dir, 'sirona');
  });

  it('source files are never modified', async () => {
    for (const file of ALL) assert.equal(await sha256OfFile(file), hashesBefore.get(file), file);
  });
});
