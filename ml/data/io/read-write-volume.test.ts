import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { detectVolumeFormat, formatFromExtension, readVolumeFile } from './read-volume.js';
import {
  assertSameVolume,
  assertVolumeError,
  makeTempDir,
  removeDir,
  sha256OfFile,
  syntheticVolume,
} from './test-support.js';
import { writeVolumeFile, writeVolumeFileAtomic } from './write-volume.js';

describe('readVolumeFile / writeVolumeFile', () => {
  let dir: string;
  const volume = syntheticVolume('int16', { geometry: 'float32-exact' });
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  it('writes each format by extension and reads it back through one entry point', async () => {
    const expected = {
      'a.nii.gz': 'nifti',
      'a.nii': 'nifti',
      'a.mha': 'metaimage',
      'a.nrrd': 'nrrd',
      'A.NII.GZ': 'nifti',
    };
    for (const [name, format] of Object.entries(expected)) {
      const path = join(dir, name);
      const written = await writeVolumeFile(volume, path);
      assert.equal(written.path, path);
      assert.equal(written.sha256, await sha256OfFile(path));
      assert.equal(await detectVolumeFormat(path), format);
      assertSameVolume(await readVolumeFile(path), volume);
    }
    // Compression defaults: .nrrd gzip, .mha raw; both switchable.
    assert.match((await readFile(join(dir, 'a.nrrd'))).toString('latin1'), /encoding: gzip/);
    assert.match((await readFile(join(dir, 'a.mha'))).toString('latin1'), /CompressedData = False/);
    await writeVolumeFile(volume, join(dir, 'z.mha'), { compress: true, level: 9 });
    assert.match((await readFile(join(dir, 'z.mha'))).toString('latin1'), /CompressedData = True/);
    assertSameVolume(await readVolumeFile(join(dir, 'z.mha')), volume);
  });

  it('content decides when the extension is missing or wrong', async () => {
    await writeVolumeFile(volume, join(dir, 'real.nii.gz'));
    await writeVolumeFile(volume, join(dir, 'real.nrrd'));
    await writeVolumeFile(volume, join(dir, 'real.mha'));
    for (const [from, to, format] of [
      ['real.nii.gz', 'scan-without-extension', 'nifti'],
      ['real.nrrd', 'nrrd-named.mha', 'nrrd'],
      ['real.mha', 'mha-named.img', 'metaimage'],
    ] as const) {
      await writeFile(join(dir, to), await readFile(join(dir, from)));
      assert.equal(await detectVolumeFormat(join(dir, to)), format);
      assertSameVolume(await readVolumeFile(join(dir, to)), volume);
    }
    const plain = join(dir, 'plain-nifti.bin');
    await writeFile(plain, gunzipSync(await readFile(join(dir, 'real.nii.gz'))));
    assertSameVolume(await readVolumeFile(plain), volume);
  });

  it('files that are not images: text, JPEG, random gzip, empty, folders', async () => {
    const text = join(dir, 'readme.txt');
    await writeFile(text, 'This folder holds the scans.\n');
    const jpeg = join(dir, 'photo.jpg');
    await writeFile(
      jpeg,
      Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
        Buffer.from('JFIF\0'),
        Buffer.alloc(400, 3),
      ]),
    );
    for (const path of [text, jpeg]) {
      await assertVolumeError(
        readVolumeFile(path),
        path,
        /^not a recognised image format \(expected NIfTI, MetaImage or NRRD\)$/,
      );
    }
    const gz = join(dir, 'archive.tar.gz');
    await writeFile(gz, gzipSync(Buffer.from('not an image at all '.repeat(50))));
    await assertVolumeError(readVolumeFile(gz), gz, /^not a recognised image format/);
    // A JPEG with a NIfTI extension gets the specific NIfTI error.
    const fakeNifti = join(dir, 'photo.nii');
    await writeFile(fakeNifti, await readFile(jpeg));
    await assertVolumeError(
      readVolumeFile(fakeNifti),
      fakeNifti,
      /^not a NIfTI file \(header size field reads/,
    );
    const empty = join(dir, 'empty.nii.gz');
    await writeFile(empty, '');
    await assertVolumeError(readVolumeFile(empty), empty, /^file is empty$/);
    const folder = join(dir, 'dicom-folder');
    await mkdir(folder);
    await assertVolumeError(
      readVolumeFile(folder),
      folder,
      /^is a folder; DICOM series folders are read with readDicomSeries$/,
      'unsupported',
    );
    const missing = join(dir, 'missing.nrrd');
    await assertVolumeError(readVolumeFile(missing), missing, /ENOENT/, 'io');
  });

  it('refuses to write unknown or detached-header extensions, or a compression contradicting .nii/.nii.gz', async () => {
    for (const name of ['a.png', 'a.mhd', 'a.nhdr']) {
      const path = join(dir, name);
      await assertVolumeError(
        writeVolumeFile(volume, path),
        path,
        /^cannot write this file type/,
        'unsupported',
      );
    }
    const path = join(dir, 'x.nii');
    await assertVolumeError(
      writeVolumeFile(volume, path, { compress: true }),
      path,
      /contradicts the file extension/,
      'unsupported',
    );
    assert.equal(formatFromExtension('/a/b/scan.NRRD'), 'nrrd');
    assert.equal(formatFromExtension('/a/b/scan.jpg'), null);
  });

  it('writeVolumeFileAtomic: <sha256>.nii.gz, deterministic, no temp files left', async () => {
    const store = join(dir, 'store');
    await mkdir(store);
    const first = await writeVolumeFileAtomic(volume, store);
    const second = await writeVolumeFileAtomic(volume, store);
    assert.equal(first.path, join(store, `${first.sha256}.nii.gz`));
    assert.deepEqual(second, first);
    assert.equal(await sha256OfFile(first.path), first.sha256);
    assert.deepEqual(await readdir(store), [`${first.sha256}.nii.gz`]);
    const bytes = await readFile(first.path);
    assert.equal(bytes.length, first.bytes);
    assert.deepEqual([...bytes.subarray(4, 8)], [0, 0, 0, 0]); // gzip mtime
    assert.equal(bytes[3]! & 0x08, 0); // no file name
    assertSameVolume(await readVolumeFile(first.path), volume);
    const other = await writeVolumeFileAtomic(
      syntheticVolume('int16', { geometry: 'float32-exact', seed: 9 }),
      store,
    );
    assert.notEqual(other.sha256, first.sha256);
  });
});
