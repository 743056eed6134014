import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readNrrd } from './nrrd-read.js';
import { writeNrrd } from './nrrd-write.js';
import {
  ALL_DATA_TYPES,
  assertSameGeometry,
  assertSameVolume,
  makeTempDir,
  removeDir,
  syntheticVolume,
} from './test-support.js';
import { voxelBytes, voxelToWorld } from './volume.js';

const SHORTS = new Int16Array([1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12]);
const BASE = ['NRRD0004', 'type: short', 'dimension: 3', 'sizes: 3 2 2', 'endian: little'];

/** An attached .nrrd: header lines, the blank line, then data. */
function nrrd(lines: string[], data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`, 'latin1'), data]);
}

describe('NRRD', () => {
  let dir: string;
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  for (const dataType of ALL_DATA_TYPES) {
    it(`${dataType}: gzip, raw and big-endian .nrrd round trips keep voxels and geometry`, async () => {
      const exact = syntheticVolume(dataType, { geometry: 'float32-exact', seed: 3 });
      const oblique = syntheticVolume(dataType, { seed: 4 });
      for (const [name, options] of [
        ['gzip', {}],
        ['raw', { compress: false }],
        ['big-raw', { compress: false, byteOrder: 'big' as const }],
        ['big-gzip', { byteOrder: 'big' as const }],
      ] as const) {
        const path = join(dir, `${dataType}-${name}.nrrd`);
        await writeNrrd(exact, path, options);
        assertSameVolume(await readNrrd(path), exact);
        await writeNrrd(oblique, path, options);
        const read = await readNrrd(path);
        // space directions hold direction × spacing, so oblique values return within rounding.
        assertSameVolume(read, { ...oblique, spacing: read.spacing, direction: read.direction });
        assertSameGeometry(read, oblique, 1e-12);
        assert.deepEqual(read.origin, oblique.origin);
      }
    });
  }

  it('writes an LPS header with space directions = axis × spacing', async () => {
    const volume = { ...syntheticVolume('int16', { geometry: 'float32-exact' }) };
    const path = join(dir, 'header.nrrd');
    await writeNrrd(volume, path);
    const text = (await readFile(path)).toString('latin1');
    const header = text.slice(0, text.indexOf('\n\n'));
    assert.match(header, /^NRRD0004\n/);
    assert.match(header, /^type: short$/m);
    assert.match(header, /^space: left-posterior-superior$/m);
    assert.match(header, /^sizes: 7 5 3$/m);
    assert.match(header, /^space directions: \(0,-0\.5,0\) \(-0\.25,0,0\) \(0,0,-2\)$/m);
    assert.match(header, /^space origin: \(1\.5,-2\.25,100\.125\)$/m);
    assert.match(header, /^endian: little$/m);
    assert.match(header, /^encoding: gzip$/m);
  });

  it('right-anterior-superior is converted to LPS: x and y flip', async () => {
    for (const space of ['right-anterior-superior', 'RAS']) {
      const path = join(dir, `ras-${space}.nrrd`);
      await writeFile(
        path,
        nrrd(
          [
            ...BASE,
            'encoding: raw',
            `space: ${space}`,
            'space directions: (0,2,0) (-3,0,0) (0,0,4)',
            'space origin: (10,20,30)',
          ],
          voxelBytes(SHORTS),
        ),
      );
      const v = await readNrrd(path);
      assert.deepEqual(v.spacing, [2, 3, 4]);
      // RAS (0,2,0) is LPS (0,−2,0); RAS (−3,0,0) is LPS (3,0,0).
      assert.deepEqual(v.direction, [0, -1, 0, 1, 0, 0, 0, 0, 1]);
      assert.deepEqual(v.origin, [-10, -20, 30]);
      assert.deepEqual(voxelToWorld(v, 1, 1, 1), [-7, -22, 34]);
      assert.deepEqual([...v.voxels], [...SHORTS]);
    }
    const las = join(dir, 'las.nrrd');
    await writeFile(
      las,
      nrrd(
        [
          ...BASE,
          'encoding: raw',
          'space: left-anterior-superior',
          'space directions: (1,0,0) (0,1,0) (0,0,1)',
          'space origin: (1,2,3)',
        ],
        voxelBytes(SHORTS),
      ),
    );
    const v = await readNrrd(las);
    assert.deepEqual(v.direction, [-1, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(v.origin, [-1, 2, 3]);
  });

  it('detached .nhdr data (raw and gzip), byte skip, byte skip −1, line skip, type synonyms, spacings', async () => {
    const bytes = Buffer.from(voxelBytes(SHORTS));
    const lps = ['space: LPS', 'space directions: (1,0,0) (0,1,0) (0,0,1)'];
    await writeFile(join(dir, 'd.raw'), bytes);
    await writeFile(
      join(dir, 'd.nhdr'),
      [...BASE, ...lps, 'encoding: raw', 'data file: d.raw', ''].join('\n'),
    );
    assert.deepEqual([...(await readNrrd(join(dir, 'd.nhdr'))).voxels], [...SHORTS]);

    await writeFile(join(dir, 'd.raw.gz'), gzipSync(Buffer.concat([Buffer.alloc(5, 9), bytes])));
    await writeFile(
      join(dir, 'dgz.nhdr'),
      [
        'NRRD0005',
        'type: int16_t',
        'dimension: 3',
        'sizes: 3 2 2',
        'endian: little',
        'encoding: gz',
        'byte skip: 5',
        'datafile: d.raw.gz',
      ].join('\n'),
    );
    assert.deepEqual([...(await readNrrd(join(dir, 'dgz.nhdr'))).voxels], [...SHORTS]);

    await writeFile(join(dir, 'tail.raw'), Buffer.concat([Buffer.alloc(33, 1), bytes]));
    await writeFile(
      join(dir, 'tail.nhdr'),
      [
        ...BASE.slice(0, 4),
        'type: signed short int',
        'endian: little',
        'encoding: raw',
        'byte skip: -1',
        'data file: tail.raw',
      ].join('\n'),
    );
    assert.deepEqual([...(await readNrrd(join(dir, 'tail.nhdr'))).voxels], [...SHORTS]);

    await writeFile(
      join(dir, 'lines.raw'),
      Buffer.concat([Buffer.from('junk line 1\njunk line 2\n'), bytes]),
    );
    await writeFile(
      join(dir, 'lines.nhdr'),
      [
        ...BASE,
        'encoding: raw',
        'line skip: 2',
        'spacings: 0.5 0.75 2',
        '# a comment',
        'patient:=anonymous',
        'data file: lines.raw',
      ].join('\n'),
    );
    const lines = await readNrrd(join(dir, 'lines.nhdr'));
    assert.deepEqual([...lines.voxels], [...SHORTS]);
    assert.deepEqual(lines.spacing, [0.5, 0.75, 2]);
    assert.deepEqual(lines.direction, [1, 0, 0, 0, 1, 0, 0, 0, 1]);

    const bytesU8 = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const type of ['uchar', 'unsigned char', 'uint8', 'uint8_t']) {
      const path = join(dir, `u8-${type.replace(' ', '_')}.nrrd`);
      await writeFile(
        path,
        nrrd(['NRRD0004', `type: ${type}`, 'dimension: 3', 'sizes: 3 2 2', 'encoding: raw'], bytesU8),
      );
      const v = await readNrrd(path);
      assert.equal(v.dataType, 'uint8');
      assert.deepEqual([...v.voxels], [...bytesU8]);
    }
  });
});
