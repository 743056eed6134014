import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readNrrd } from './nrrd-read.js';
import { writeNrrd } from './nrrd-write.js';
import { assertVolumeError, makeTempDir, removeDir, syntheticVolume } from './test-support.js';
import { voxelBytes } from './volume.js';

const SHORTS = new Int16Array([1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12]);
const BASE = ['NRRD0004', 'type: short', 'dimension: 3', 'sizes: 3 2 2', 'endian: little'];

/** An attached .nrrd: header lines, the blank line, then data. */
function nrrd(lines: string[], data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`, 'latin1'), data]);
}

describe('NRRD bad input gives a VolumeFormatError naming the file and the problem', () => {
  let dir: string;
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  async function file(name: string, lines: string[], data: Uint8Array = voxelBytes(SHORTS)): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, nrrd(lines, data));
    return path;
  }
  const RAW = 'encoding: raw';

  it('2-D and 4-D images', async () => {
    const two = await file('2d.nrrd', [
      'NRRD0004',
      'type: short',
      'dimension: 2',
      'sizes: 6 2',
      'endian: little',
      RAW,
    ]);
    await assertVolumeError(readNrrd(two), two, /^2-D images are not supported \(dimension = 2\)/);
    const four = await file('4d.nrrd', [
      'NRRD0004',
      'type: short',
      'dimension: 4',
      'sizes: 3 2 2 12',
      'endian: little',
      RAW,
    ]);
    await assertVolumeError(readNrrd(four), four, /^4-D images are not supported \(dimension = 4\)/);
  });

  it('unsupported types, encodings, spaces and multi-file data', async () => {
    const ll = await file('ll.nrrd', [
      'NRRD0004',
      'type: longlong',
      'dimension: 3',
      'sizes: 3 2 2',
      'endian: little',
      RAW,
    ]);
    await assertVolumeError(readNrrd(ll), ll, /^unsupported NRRD type "longlong"$/, 'unsupported');
    const bz = await file('bz.nrrd', [...BASE, 'encoding: bzip2']);
    await assertVolumeError(readNrrd(bz), bz, /^unsupported NRRD encoding "bzip2"/, 'unsupported');
    const ascii = await file('ascii.nrrd', [...BASE, 'encoding: ascii']);
    await assertVolumeError(readNrrd(ascii), ascii, /^unsupported NRRD encoding "ascii"/, 'unsupported');
    const scanner = await file('scanner.nrrd', [...BASE, RAW, 'space: scanner-xyz']);
    await assertVolumeError(
      readNrrd(scanner),
      scanner,
      /^unsupported NRRD space "scanner-xyz"/,
      'unsupported',
    );
    const rgb = await file('rgb.nrrd', [...BASE, RAW, 'kinds: RGB-color domain domain']);
    await assertVolumeError(
      readNrrd(rgb),
      rgb,
      /^images with a non-spatial axis \(kinds: RGB-color domain domain\)/,
      'unsupported',
    );
    const list = await file('list.nhdr', [...BASE, RAW, 'data file: LIST']);
    await assertVolumeError(readNrrd(list), list, /^NRRD data split over several files/, 'unsupported');
  });

  it('missing endian, NaN or missing directions, malformed vectors', async () => {
    const noEndian = await file('noendian.nrrd', [
      'NRRD0004',
      'type: short',
      'dimension: 3',
      'sizes: 3 2 2',
      RAW,
    ]);
    await assertVolumeError(readNrrd(noEndian), noEndian, /^NRRD field "endian" is missing/);
    const nan = await file('nan.nrrd', [
      ...BASE,
      RAW,
      'space: LPS',
      'space directions: (1,0,0) (0,NaN,0) (0,0,1)',
    ]);
    await assertVolumeError(readNrrd(nan), nan, /^space directions axis 1 is not finite \(0, NaN, 0\)$/);
    const none = await file('none.nrrd', [
      ...BASE,
      RAW,
      'space: LPS',
      'space directions: none (0,1,0) (0,0,1)',
    ]);
    await assertVolumeError(readNrrd(none), none, /^space directions must be three vectors/);
    const bad = await file('bad.nrrd', [...BASE, RAW, 'space: LPS', 'space origin: (1,2)']);
    await assertVolumeError(
      readNrrd(bad),
      bad,
      /^space origin must hold 3-vectors like \(1,0,0\), got "\(1,2\)"$/,
    );
    const nanSpacing = await file('nanspacing.nrrd', [...BASE, RAW, 'spacings: 1 nan 1']);
    await assertVolumeError(readNrrd(nanSpacing), nanSpacing, /^spacings axis 1 is not finite/);
  });

  it('short raw data and truncated gzip', async () => {
    const short = await file('short.nrrd', [...BASE, RAW], voxelBytes(SHORTS).subarray(0, 10));
    await assertVolumeError(
      readNrrd(short),
      short,
      /^header\/data size mismatch: the header promises 3×2×2 int16 = 24 voxel bytes after the \d+-byte header, but the data holds 10$/,
    );
    const big = syntheticVolume('uint16', { dims: [50, 50, 20] });
    const path = join(dir, 'cut.nrrd');
    await writeNrrd(big, path);
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, whole.length - 3000));
    await assertVolumeError(
      readNrrd(path),
      path,
      /^truncated gzip stream \(expected 100,000 voxel bytes, got [\d,]+\)$/,
    );
  });

  it('text and empty files are not NRRD', async () => {
    const text = join(dir, 'notes.nrrd');
    await writeFile(text, 'hello\nworld\n\n');
    await assertVolumeError(readNrrd(text), text, /^not a NRRD file/);
    const empty = join(dir, 'empty.nrrd');
    await writeFile(empty, '');
    await assertVolumeError(readNrrd(empty), empty, /^file is empty$/);
  });
});
