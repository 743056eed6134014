import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readNifti } from './nifti-read.js';
import { niftiFileChunks } from './nifti-write.js';
import { assertVolumeError, collectChunks, makeTempDir, removeDir, syntheticVolume } from './test-support.js';

const BODY_CT = 'test/fixtures/real/body-ct/example_ct_sm.nii.gz';

describe('NIfTI bad input gives a VolumeFormatError naming the file and the problem', () => {
  let dir: string;
  let good: Buffer; // an uncompressed NIfTI-1 file of a small int16 volume (7×5×3)
  before(async () => {
    dir = await makeTempDir();
    good = await collectChunks(niftiFileChunks(syntheticVolume('int16', { geometry: 'float32-exact' })));
  });
  after(() => removeDir(dir));

  /** Writes `good` with `patch` applied to a copy, as name. */
  async function patched(name: string, patch: (b: Buffer) => void, gzip = false): Promise<string> {
    const copy = Buffer.from(good);
    patch(copy);
    const path = join(dir, name);
    await writeFile(path, gzip ? gzipSync(copy) : copy);
    return path;
  }

  it('truncated gzip (a real scan cut in half)', async () => {
    const gz = await readFile(BODY_CT);
    const path = join(dir, 'cut.nii.gz');
    await writeFile(path, gz.subarray(0, gz.length >> 1));
    await assertVolumeError(
      readNifti(path),
      path,
      /^truncated gzip stream \(expected 739,320 voxel bytes, got [\d,]+\)$/,
    );
  });

  it('corrupt gzip data', async () => {
    const gz = Buffer.from(await readFile(BODY_CT));
    for (let n = 2000; n < 2100; n++) gz[n] = 0x55;
    const path = join(dir, 'corrupt.nii.gz');
    await writeFile(path, gz);
    await assertVolumeError(readNifti(path), path, /^corrupt gzip stream/);
  });

  it('header/data size mismatch: .nii shorter than the header says', async () => {
    const plain = gunzipSync(await readFile(BODY_CT));
    const path = join(dir, 'short.nii');
    await writeFile(path, plain.subarray(0, plain.length - 100));
    await assertVolumeError(
      readNifti(path),
      path,
      /^header\/data size mismatch: the header promises 122×101×30 int16 = 739,320 voxel bytes at offset 352, but the data holds 739,220$/,
    );
  });

  it('header/data size mismatch: a complete gzip stream with too few voxels', async () => {
    const path = join(dir, 'short.nii.gz');
    await writeFile(path, gzipSync(good.subarray(0, good.length - 10)));
    await assertVolumeError(
      readNifti(path),
      path,
      /^header\/data size mismatch: .* 210 voxel bytes .* holds 200$/,
    );
  });

  it('unsupported data types name the datatype code', async () => {
    for (const [code, name] of [
      [32, 'complex64'],
      [128, 'RGB24'],
      [1024, 'int64'],
      [1792, 'complex128'],
    ] as const) {
      const path = await patched(`dt${code}.nii`, (b) => b.writeInt16LE(code, 70));
      await assertVolumeError(
        readNifti(path),
        path,
        new RegExp(`^unsupported NIfTI datatype ${code} \\(${name}\\)`),
        'unsupported',
      );
    }
    const path = await patched('dt3.nii', (b) => b.writeInt16LE(3, 70));
    await assertVolumeError(readNifti(path), path, /^unknown NIfTI datatype code 3$/);
  });

  it('2-D images (dim[0] < 3)', async () => {
    const path = await patched('2d.nii.gz', (b) => b.writeInt16LE(2, 40), true);
    await assertVolumeError(readNifti(path), path, /^2-D images are not supported \(dim\[0\] = 2\)/);
  });

  it('4-D and 5-D images', async () => {
    const four = await patched('4d.nii', (b) => {
      b.writeInt16LE(4, 40);
      b.writeInt16LE(12, 48);
    });
    await assertVolumeError(readNifti(four), four, /^4-D images are not supported \(dim\[4\] = 12\)/);
    const five = await patched('5d.nii', (b) => {
      b.writeInt16LE(5, 40);
      b.writeInt16LE(1, 48);
      b.writeInt16LE(3, 50);
    });
    await assertVolumeError(readNifti(five), five, /^5-D images are not supported \(dim\[5\] = 3\)/);
    const bad = await patched('dim9.nii', (b) => b.writeInt16LE(9, 40));
    await assertVolumeError(readNifti(bad), bad, /^dim\[0\] = 9 is not a valid number of dimensions/);
  });

  it('an axis with no voxels', async () => {
    const path = await patched('dim0.nii', (b) => b.writeInt16LE(0, 44));
    await assertVolumeError(readNifti(path), path, /^dim\[2\] = 0: every axis needs at least one voxel$/);
  });

  it('text, JPEG and empty files are not NIfTI', async () => {
    const text = join(dir, 'notes.nii');
    await writeFile(text, 'These are my notes about the scan, not an image.\n'.repeat(20));
    await assertVolumeError(
      readNifti(text),
      text,
      /^not a NIfTI file \(header size field reads \d+; expected 348 or 540\)$/,
    );
    const jpeg = join(dir, 'photo.nii.gz');
    await writeFile(
      jpeg,
      Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
        Buffer.from('JFIF\0'),
        Buffer.alloc(600, 7),
      ]),
    );
    await assertVolumeError(readNifti(jpeg), jpeg, /^not a NIfTI file/);
    const gzText = join(dir, 'text.nii.gz');
    await writeFile(gzText, gzipSync(Buffer.from('hello '.repeat(100))));
    await assertVolumeError(readNifti(gzText), gzText, /^not a NIfTI file/);
    const empty = join(dir, 'empty.nii.gz');
    await writeFile(empty, '');
    await assertVolumeError(readNifti(empty), empty, /^file is empty$/);
    const tiny = join(dir, 'tiny.nii');
    await writeFile(tiny, good.subarray(0, 100));
    await assertVolumeError(
      readNifti(tiny),
      tiny,
      /^file ends inside the NIfTI-1 header \(100 of 348 bytes\)$/,
    );
  });

  it('wrong magic, and .hdr/.img pairs', async () => {
    const magic = await patched('magic.nii', (b) => b.write('abc\0', 344, 'latin1'));
    await assertVolumeError(
      readNifti(magic),
      magic,
      /^not a NIfTI file \(magic is "abc", expected "n\+1"\)$/,
    );
    const pair = await patched('pair.nii', (b) => b.write('ni1\0', 344, 'latin1'));
    await assertVolumeError(
      readNifti(pair),
      pair,
      /header\/image pairs \(\.hdr \+ \.img\) are not supported/,
      'unsupported',
    );
  });

  it('NaN in spacing, sform or quaternion; zero spacing; a degenerate sform', async () => {
    const nanSpacing = await patched('nan-pixdim.nii', (b) => b.writeFloatLE(NaN, 80));
    await assertVolumeError(
      readNifti(nanSpacing),
      nanSpacing,
      /^voxel spacing pixdim\[1\.\.3\] is not finite \(NaN, /,
    );
    const nanSform = await patched('nan-sform.nii', (b) => b.writeFloatLE(NaN, 300));
    await assertVolumeError(readNifti(nanSform), nanSform, /^sform is not finite/);
    const qformOnly = (b: Buffer) => b.writeInt16LE(0, 254);
    const nanQuatern = await patched('nan-q.nii', (b) => {
      qformOnly(b);
      b.writeFloatLE(NaN, 260);
    });
    await assertVolumeError(readNifti(nanQuatern), nanQuatern, /^qform is not finite/);
    const infOffset = await patched('inf-q.nii', (b) => {
      qformOnly(b);
      b.writeFloatLE(Infinity, 272);
    });
    await assertVolumeError(readNifti(infOffset), infOffset, /^qform is not finite/);
    const zero = await patched('zero-pixdim.nii', (b) => {
      qformOnly(b);
      b.writeFloatLE(0, 84);
    });
    await assertVolumeError(readNifti(zero), zero, /^voxel spacing must be positive, got \(0\.5, 0, 2\)$/);
    const degenerate = await patched('flat-sform.nii', (b) => {
      for (const at of [284, 300, 316]) b.writeFloatLE(0, at); // column 1 of the sform
    });
    await assertVolumeError(readNifti(degenerate), degenerate, /^sform axis 1 is zero/);
  });

  it('an invalid vox_offset', async () => {
    const path = await patched('offset.nii', (b) => b.writeFloatLE(100, 108));
    await assertVolumeError(readNifti(path), path, /^vox_offset 100 is invalid/);
  });

  it('folders and missing files', async () => {
    const folder = join(dir, 'folder.nii');
    await mkdir(folder);
    await assertVolumeError(readNifti(folder), folder, /^is a directory/);
    const missing = join(dir, 'missing.nii.gz');
    await assertVolumeError(readNifti(missing), missing, /^cannot read \(ENOENT: no such file\)$/, 'io');
  });
});
