import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { readMetaImage } from './metaimage-read.js';
import { writeMetaImage } from './metaimage-write.js';
import { ALL_DATA_TYPES, assertSameVolume, makeTempDir, removeDir, syntheticVolume } from './test-support.js';
import { voxelBytes, voxelToWorld } from './volume.js';

/** An .mha file: header lines, then the data bytes. */
function mha(lines: string[], data: Uint8Array, eol = '\n'): Buffer {
  return Buffer.concat([Buffer.from(lines.join(eol) + eol, 'latin1'), data]);
}

const BASE = ['ObjectType = Image', 'NDims = 3', 'DimSize = 3 2 2', 'ElementType = MET_SHORT'];
const SHORTS = new Int16Array([1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12]);

describe('MetaImage', () => {
  let dir: string;
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  for (const dataType of ALL_DATA_TYPES) {
    it(`${dataType}: raw, compressed and big-endian .mha round trips are bit-exact, oblique float64 geometry included`, async () => {
      const volume = syntheticVolume(dataType, { seed: 7 });
      for (const [name, options] of [
        ['raw', {}],
        ['zlib', { compress: true }],
        ['msb', { byteOrder: 'big' as const }],
        ['msb-zlib', { byteOrder: 'big' as const, compress: true }],
      ] as const) {
        const path = join(dir, `${dataType}-${name}.mha`);
        await writeMetaImage(volume, path, options);
        assertSameVolume(await readMetaImage(path), volume);
      }
    });
  }

  it('TransformMatrix lists the direction of axis 0, then axis 1, then axis 2 (ITK MetaImageIO convention)', async () => {
    // Source of truth: ITK Modules/IO/Meta/src/itkMetaImageIO.cxx. Reading sets
    // directionAxis[jj] = TransformMatrix[ii * N + jj] and SetDirection(ii, directionAxis), i.e. entries
    // ii*N … ii*N+N−1 are the direction of image axis ii (column ii of ITK's direction matrix); writing
    // stores TransformMatrix[ii * N + jj] = GetDirection(ii)[jj]. So for the ITK direction matrix
    //   D = [[0, −1, 0], [1, 0, 0], [0, 0, 1]]   (axis 0 along +y, axis 1 along −x)
    // the header says "TransformMatrix = 0 1 0 -1 0 0 0 0 1".
    const path = join(dir, 'oblique.mha');
    await writeFile(
      path,
      mha(
        [
          ...BASE,
          'TransformMatrix = 0 1 0 -1 0 0 0 0 1',
          'Offset = 10 20 30',
          'ElementSpacing = 2 3 4',
          'ElementDataFile = LOCAL',
        ],
        voxelBytes(SHORTS),
      ),
    );
    const volume = await readMetaImage(path);
    assert.deepEqual(volume.direction, [0, 1, 0, -1, 0, 0, 0, 0, 1]);
    assert.deepEqual(voxelToWorld(volume, 1, 0, 0), [10, 22, 30]); // one step along axis 0 moves +y by 2 mm
    assert.deepEqual(voxelToWorld(volume, 0, 1, 0), [7, 20, 30]); // one step along axis 1 moves −x by 3 mm
    assert.deepEqual([...volume.voxels], [...SHORTS]);

    const out = join(dir, 'oblique-out.mha');
    await writeMetaImage(volume, out);
    const text = (await readFile(out)).toString('latin1');
    assert.match(text, /^TransformMatrix = 0 1 0 -1 0 0 0 0 1$/m);
    assert.match(text, /^Offset = 10 20 30$/m);
    assert.match(text, /^ElementSpacing = 2 3 4$/m);
    assert.match(text, /^ElementType = MET_SHORT$/m);
    assert.match(text, /ElementDataFile = LOCAL\n/);
  });

  it('accepts Origin/Position, Rotation/Orientation, ElementByteOrderMSB, CRLF lines, and defaults', async () => {
    const msb = Buffer.from(voxelBytes(SHORTS));
    for (let n = 0; n < msb.length; n += 2) [msb[n], msb[n + 1]] = [msb[n + 1]!, msb[n]!];
    const path = join(dir, 'synonyms.mha');
    await writeFile(
      path,
      mha(
        [
          ...BASE,
          'Position = 1 2 3',
          'Orientation = 1 0 0 0 0 1 0 -1 0',
          'ElementByteOrderMSB = True',
          'ElementDataFile = LOCAL',
        ],
        msb,
        '\r\n',
      ),
    );
    const v = await readMetaImage(path);
    assert.deepEqual(v.origin, [1, 2, 3]);
    assert.deepEqual(v.direction, [1, 0, 0, 0, 0, 1, 0, -1, 0]);
    assert.deepEqual(v.spacing, [1, 1, 1]);
    assert.deepEqual([...v.voxels], [...SHORTS]);

    const other = join(dir, 'origin-rotation.mha');
    await writeFile(
      other,
      mha(
        [...BASE, 'Origin = 4 5 6', 'Rotation = 0 0 1 0 1 0 -1 0 0', 'ElementDataFile = LOCAL'],
        voxelBytes(SHORTS),
      ),
    );
    const w = await readMetaImage(other);
    assert.deepEqual(w.origin, [4, 5, 6]);
    assert.deepEqual(w.direction, [0, 0, 1, 0, 1, 0, -1, 0, 0]);
  });

  it('.mhd with a separate raw file: relative path, HeaderSize, HeaderSize −1, and a zlib .zraw', async () => {
    await mkdir(join(dir, 'data'), { recursive: true });
    const bytes = Buffer.from(voxelBytes(SHORTS));
    await writeFile(join(dir, 'data', 'plain.raw'), bytes);
    await writeFile(
      join(dir, 'plain.mhd'),
      [...BASE, 'ElementSpacing = 0.5 0.5 1', 'ElementDataFile = data/plain.raw', ''].join('\n'),
    );
    const plain = await readMetaImage(join(dir, 'plain.mhd'));
    assert.deepEqual([...plain.voxels], [...SHORTS]);
    assert.deepEqual(plain.spacing, [0.5, 0.5, 1]);

    await writeFile(join(dir, 'skip.raw'), Buffer.concat([Buffer.alloc(16, 0xee), bytes]));
    await writeFile(
      join(dir, 'skip.mhd'),
      [...BASE, 'HeaderSize = 16', 'ElementDataFile = skip.raw'].join('\n'),
    );
    assert.deepEqual([...(await readMetaImage(join(dir, 'skip.mhd'))).voxels], [...SHORTS]);

    await writeFile(join(dir, 'tail.raw'), Buffer.concat([Buffer.alloc(100, 0xee), bytes]));
    await writeFile(
      join(dir, 'tail.mhd'),
      [...BASE, 'HeaderSize = -1', 'ElementDataFile = tail.raw'].join('\n'),
    );
    assert.deepEqual([...(await readMetaImage(join(dir, 'tail.mhd'))).voxels], [...SHORTS]);

    await writeFile(join(dir, 'packed.zraw'), deflateSync(bytes));
    await writeFile(
      join(dir, 'packed.mhd'),
      [
        ...BASE,
        'CompressedData = True',
        'CompressedDataSize = 999',
        'ElementDataFile = packed.zraw',
        '',
      ].join('\n'),
    );
    assert.deepEqual([...(await readMetaImage(join(dir, 'packed.mhd'))).voxels], [...SHORTS]);
  });

  it('NDims 4 with a trailing size of 1 is a 3-D volume', async () => {
    const path = join(dir, 'four-one.mha');
    await writeFile(
      path,
      mha(
        [
          'NDims = 4',
          'DimSize = 3 2 2 1',
          'ElementSpacing = 1 2 3 1',
          'ElementType = MET_SHORT',
          'ElementDataFile = LOCAL',
        ],
        voxelBytes(SHORTS),
      ),
    );
    const v = await readMetaImage(path);
    assert.deepEqual(v.dims, [3, 2, 2]);
    assert.deepEqual(v.spacing, [1, 2, 3]);
  });
});
