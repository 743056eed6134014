import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeNiftiHeader, sniffNiftiHeader } from './nifti-header.js';
import { readNifti } from './nifti-read.js';
import { niftiFileChunks, writeNifti } from './nifti-write.js';
import {
  ALL_DATA_TYPES,
  assertSameGeometry,
  assertSameVolume,
  collectChunks,
  makeTempDir,
  removeDir,
  syntheticVolume,
} from './test-support.js';
import type { Volume } from './volume.js';

/** The volume with its geometry rounded to what a NIfTI-1 header stores (float32). */
function roundedToFloat32(v: Volume): Volume {
  const f = (xs: readonly number[]) => xs.map((x) => Math.fround(x));
  return { ...v, spacing: f(v.spacing) as Volume['spacing'], origin: f(v.origin) as Volume['origin'] };
}

describe('NIfTI write → read round trips', () => {
  let dir: string;
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  for (const dataType of ALL_DATA_TYPES) {
    it(`${dataType}: .nii, .nii.gz, NIfTI-2 and big-endian keep voxels bit-exactly and float32-exact geometry exactly`, async () => {
      const volume = syntheticVolume(dataType, { geometry: 'float32-exact', seed: dataType.length });
      const variants = [
        { name: 'a.nii', options: {} },
        { name: 'a.nii.gz', options: {} },
        { name: 'a2.nii.gz', options: { version: 2 as const } },
        { name: 'be.nii', options: { byteOrder: 'big' as const } },
        { name: 'be2.nii.gz', options: { byteOrder: 'big' as const, version: 2 as const } },
      ];
      for (const { name, options } of variants) {
        const path = join(dir, `${dataType}-${name}`);
        await writeNifti(volume, path, options);
        assertSameVolume(await readNifti(path), volume);
      }
    });
  }

  it('oblique float64 geometry: first round trip within 1e-5 (float32 storage), second bit-exact', async () => {
    const volume = syntheticVolume('int16');
    for (const version of [1, 2] as const) {
      const first = join(dir, `oblique-v${version}-1.nii.gz`);
      const second = join(dir, `oblique-v${version}-2.nii.gz`);
      await writeNifti(volume, first, { version });
      const once = await readNifti(first);
      assertSameVolume(once, volume, version === 1 ? 1e-5 : 1e-12);
      await writeNifti(once, second, { version });
      const twice = await readNifti(second);
      assertSameVolume(twice, once);
      // Written twice from the same volume, the files are identical.
      await writeNifti(once, `${second}.again.nii.gz`, { version });
      assert.ok((await readFile(second)).equals(await readFile(`${second}.again.nii.gz`)));
    }
  });

  it('writes a standard NIfTI-1 header: sizeof_hdr 348, vox_offset 352, magic n+1, units mm, both forms code 1', async () => {
    const volume = roundedToFloat32(syntheticVolume('uint16', { geometry: 'float32-exact' }));
    const path = join(dir, 'header.nii');
    await writeNifti(volume, path);
    const bytes = await readFile(path);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    assert.equal(view.getInt32(0, true), 348);
    assert.equal(view.getFloat32(108, true), 352); // vox_offset
    assert.equal(bytes.subarray(344, 348).toString('latin1'), 'n+1\0');
    assert.equal(view.getInt16(70, true), 512); // datatype uint16
    assert.equal(view.getInt16(72, true), 16); // bitpix
    assert.equal(bytes[123], 2); // xyzt_units: mm
    assert.equal(view.getInt16(252, true), 1); // qform_code
    assert.equal(view.getInt16(254, true), 1); // sform_code
    assert.equal(view.getFloat32(112, true), 1); // scl_slope
    assert.equal(bytes.length, 352 + volume.voxels.byteLength);
    const header = decodeNiftiHeader(path, bytes, 1, true);
    assert.deepEqual(header.dim, [3, 7, 5, 3, 1, 1, 1, 1]);
    assert.deepEqual(sniffNiftiHeader(bytes), { version: 1, littleEndian: true });
  });

  it('NIfTI-2 headers are 540 bytes with vox_offset 544, and big-endian is detected from sizeof_hdr', async () => {
    const volume = syntheticVolume('float32', { geometry: 'float32-exact' });
    const bytes = await collectChunks(niftiFileChunks(volume, { version: 2, byteOrder: 'big' }));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    assert.equal(view.getInt32(0, false), 540);
    assert.equal(Number(view.getBigInt64(168, false)), 544);
    assert.equal(bytes.subarray(4, 12).toString('latin1'), 'n+2\0\r\n\x1a\n');
    assert.deepEqual(sniffNiftiHeader(bytes), { version: 2, littleEndian: false });
    // The voxels are stored big-endian: each float's bytes reversed.
    const le = Buffer.from(volume.voxels.buffer, volume.voxels.byteOffset, volume.voxels.byteLength);
    const stored = bytes.subarray(544);
    assert.equal(stored.length, le.length);
    for (let n = 0; n < le.length; n += 4) {
      assert.deepEqual([...stored.subarray(n, n + 4)], [...le.subarray(n, n + 4)].reverse());
    }
  });

  it('a gzip file named .nii and a plain file named .nii.gz are both read (content decides)', async () => {
    const volume = syntheticVolume('int8', { geometry: 'float32-exact' });
    const plain = await collectChunks(niftiFileChunks(volume));
    await writeFile(join(dir, 'gz-named.nii'), gzipSync(plain));
    await writeFile(join(dir, 'plain-named.nii.gz'), plain);
    assertSameVolume(await readNifti(join(dir, 'gz-named.nii')), volume);
    assertSameVolume(await readNifti(join(dir, 'plain-named.nii.gz')), volume);
  });

  it('the .nii.gz writer output is the gzip of the .nii writer output', async () => {
    const volume = syntheticVolume('int32', { geometry: 'float32-exact' });
    await writeNifti(volume, join(dir, 'same.nii'));
    await writeNifti(volume, join(dir, 'same.nii.gz'));
    const plain = await readFile(join(dir, 'same.nii'));
    assert.ok(gunzipSync(await readFile(join(dir, 'same.nii.gz'))).equals(plain));
  });

  it('reads header extensions (vox_offset beyond 352) and ignores bytes after the voxels in .nii', async () => {
    const volume = syntheticVolume('uint8', { geometry: 'float32-exact' });
    const plain = await collectChunks(niftiFileChunks(volume));
    const extension = Buffer.alloc(32);
    extension.writeInt32LE(32, 0); // esize
    extension.writeInt32LE(4, 4); // ecode: comment
    const withExtension = Buffer.concat([
      plain.subarray(0, 348),
      Buffer.from([1, 0, 0, 0]),
      extension,
      plain.subarray(352),
    ]);
    withExtension.writeFloatLE(352 + 32, 108);
    await writeFile(join(dir, 'ext.nii'), Buffer.concat([withExtension, Buffer.from('tail')]));
    await writeFile(join(dir, 'ext.nii.gz'), gzipSync(withExtension));
    assertSameVolume(await readNifti(join(dir, 'ext.nii')), volume);
    assertSameVolume(await readNifti(join(dir, 'ext.nii.gz')), volume);
  });

  it('dim[0] of 4 or 5 with trailing sizes of 1, and single-slice volumes, are 3-D', async () => {
    const volume = syntheticVolume('int16', { geometry: 'float32-exact', dims: [6, 4, 1] });
    const bytes = await collectChunks(niftiFileChunks(volume));
    bytes.writeInt16LE(5, 40);
    const path = join(dir, 'dim5.nii');
    await writeFile(path, bytes);
    const read = await readNifti(path);
    assert.deepEqual(read.dims, [6, 4, 1]);
    assertSameVolume(read, volume);
  });

  it('NIfTI-2 (float64 header) keeps the origin bit-exactly and spacing/direction within 1e-12 on the first round trip', async () => {
    const volume = syntheticVolume('float64');
    const path = join(dir, 'v2-exact.nii');
    await writeNifti(volume, path, { version: 2 });
    const read = await readNifti(path);
    // sform columns are direction × spacing in float64: spacing and direction come back within an ulp or so.
    assertSameGeometry(read, volume, 1e-12);
    assert.deepEqual(read.origin, volume.origin);
  });
});
