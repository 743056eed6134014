import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readMetaImage } from './metaimage-read.js';
import { writeMetaImage } from './metaimage-write.js';
import { assertVolumeError, makeTempDir, removeDir, syntheticVolume } from './test-support.js';
import { voxelBytes } from './volume.js';

/** An .mha file: header lines, then the data bytes. */
function mha(lines: string[], data: Uint8Array, eol = '\n'): Buffer {
  return Buffer.concat([Buffer.from(lines.join(eol) + eol, 'latin1'), data]);
}

const BASE = ['ObjectType = Image', 'NDims = 3', 'DimSize = 3 2 2', 'ElementType = MET_SHORT'];
const SHORTS = new Int16Array([1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12]);

describe('MetaImage bad input gives a VolumeFormatError naming the file and the problem', () => {
  let dir: string;
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  async function file(name: string, lines: string[], data: Uint8Array = voxelBytes(SHORTS)): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, mha(lines, data));
    return path;
  }
  const LOCAL = 'ElementDataFile = LOCAL';

  it('2-D and 4-D images', async () => {
    const two = await file('2d.mha', ['NDims = 2', 'DimSize = 4 3', 'ElementType = MET_SHORT', LOCAL]);
    await assertVolumeError(readMetaImage(two), two, /^2-D images are not supported \(NDims = 2\)/);
    const four = await file('4d.mha', ['NDims = 4', 'DimSize = 3 2 2 12', 'ElementType = MET_SHORT', LOCAL]);
    await assertVolumeError(readMetaImage(four), four, /^4-D images are not supported \(DimSize\[3\] = 12\)/);
  });

  it('unsupported element types, channels, ASCII data and multi-file data', async () => {
    const long = await file('ll.mha', [...BASE.slice(0, 3), 'ElementType = MET_LONG_LONG', LOCAL]);
    await assertVolumeError(
      readMetaImage(long),
      long,
      /^unsupported MetaImage ElementType MET_LONG_LONG/,
      'unsupported',
    );
    const rgb = await file('rgb.mha', [...BASE, 'ElementNumberOfChannels = 3', LOCAL]);
    await assertVolumeError(
      readMetaImage(rgb),
      rgb,
      /^multi-channel images are not supported/,
      'unsupported',
    );
    const ascii = await file('ascii.mha', [...BASE, 'BinaryData = False', LOCAL]);
    await assertVolumeError(readMetaImage(ascii), ascii, /^ASCII MetaImage data/, 'unsupported');
    const list = await file('list.mhd', [...BASE, 'ElementDataFile = LIST'], new Uint8Array());
    await assertVolumeError(
      readMetaImage(list),
      list,
      /^MetaImage data split over several files/,
      'unsupported',
    );
    const pattern = await file(
      'pattern.mhd',
      [...BASE, 'ElementDataFile = slice%03d.raw 1 2 1'],
      new Uint8Array(),
    );
    await assertVolumeError(
      readMetaImage(pattern),
      pattern,
      /^MetaImage data split over several files/,
      'unsupported',
    );
  });

  it('missing, short and truncated data', async () => {
    const missing = await file('missing.mhd', [...BASE, 'ElementDataFile = nowhere.raw'], new Uint8Array());
    await assertVolumeError(
      readMetaImage(missing),
      missing,
      /^cannot read its data file: .*nowhere\.raw: cannot read \(ENOENT/,
      'io',
    );
    const short = await file('short.mha', [...BASE, LOCAL], voxelBytes(SHORTS).subarray(0, 20));
    await assertVolumeError(
      readMetaImage(short),
      short,
      /^header\/data size mismatch: the header promises 3×2×2 int16 = 24 voxel bytes after the \d+-byte header, but the data holds 20$/,
    );
    const big = syntheticVolume('float32', { dims: [40, 40, 40] });
    const path = join(dir, 'cut.mha');
    await writeMetaImage(big, path, { compress: true });
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, whole.length - 5000));
    await assertVolumeError(
      readMetaImage(path),
      path,
      /^truncated zlib stream \(expected 256,000 voxel bytes, got [\d,]+\)$/,
    );
  });

  it('NaN or malformed numbers, missing fields, text and empty files', async () => {
    const nan = await file('nan.mha', [...BASE, 'ElementSpacing = 1 NaN 1', LOCAL]);
    await assertVolumeError(readMetaImage(nan), nan, /^voxel spacing is not finite \(1, NaN, 1\)$/);
    const nanMatrix = await file('nan-matrix.mha', [...BASE, 'TransformMatrix = 1 0 0 0 nan 0 0 0 1', LOCAL]);
    await assertVolumeError(readMetaImage(nanMatrix), nanMatrix, /^direction is not finite/);
    const zero = await file('zero.mha', [...BASE, 'ElementSpacing = 1 0 1', LOCAL]);
    await assertVolumeError(readMetaImage(zero), zero, /^voxel spacing must be positive/);
    const word = await file('word.mha', [...BASE, 'ElementSpacing = 1 one 1', LOCAL]);
    await assertVolumeError(readMetaImage(word), word, /^ElementSpacing must be 3 numbers, got "1 one 1"$/);
    const noDims = await file('nodims.mha', ['ObjectType = Image', 'ElementType = MET_SHORT', LOCAL]);
    await assertVolumeError(readMetaImage(noDims), noDims, /^not a MetaImage header \(NDims is missing\)$/);
    const text = join(dir, 'notes.mha');
    await writeFile(text, 'Just some notes\nabout a scan\n');
    await assertVolumeError(
      readMetaImage(text),
      text,
      /^not a MetaImage header \(line 1 is not "Key = Value"/,
    );
    const empty = join(dir, 'empty.mha');
    await writeFile(empty, '');
    await assertVolumeError(readMetaImage(empty), empty, /^file is empty$/);
  });
});
