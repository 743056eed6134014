import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { applyNiftiScaling, isIdentityScaling } from './nifti-scaling.js';
import { readNifti } from './nifti-read.js';
import { niftiFileChunks } from './nifti-write.js';
import { collectChunks, makeTempDir, removeDir } from './test-support.js';
import { dataTypeOf, type Volume } from './volume.js';

describe('NIfTI scl_slope / scl_inter', () => {
  it('slope 0, NaN slope, or (1, 0) is identity: the raw array and type are kept', () => {
    const raw = new Uint16Array([0, 1, 65535]);
    for (const [slope, inter] of [
      [0, 0],
      [0, 5],
      [NaN, NaN],
      [1, 0],
      [1, NaN],
    ] as const) {
      assert.ok(isIdentityScaling(slope, inter));
      assert.equal(applyNiftiScaling(raw, slope, inter), raw);
    }
  });

  it('integer slope and intercept: the smallest of int16, uint16, int32, uint32 holding the values', () => {
    const hu = applyNiftiScaling(new Uint16Array([0, 1024, 4095]), 1, -1024);
    assert.equal(dataTypeOf(hu), 'int16');
    assert.deepEqual([...hu], [-1024, 0, 3071]);
    const doubled = applyNiftiScaling(new Uint8Array([0, 255]), 2, 0);
    assert.equal(dataTypeOf(doubled), 'int16');
    assert.deepEqual([...doubled], [0, 510]);
    const shifted = applyNiftiScaling(new Int16Array([-100, 100]), 1, 40000);
    assert.equal(dataTypeOf(shifted), 'uint16');
    assert.deepEqual([...shifted], [39900, 40100]);
    const wide = applyNiftiScaling(new Int16Array([-30000, 30000]), 10, 0);
    assert.equal(dataTypeOf(wide), 'int32');
    const huge = applyNiftiScaling(new Uint32Array([0, 4000000000]), 1, 1);
    assert.equal(dataTypeOf(huge), 'uint32');
    const negativeSlope = applyNiftiScaling(new Uint8Array([0, 200]), -1, 0);
    assert.equal(dataTypeOf(negativeSlope), 'int16');
    assert.deepEqual([...negativeSlope], [0, -200]);
  });

  it('fractional factors, out-of-range results or float data give float32 (float64 stays float64)', () => {
    const half = applyNiftiScaling(new Int16Array([1, 3]), 0.5, 0);
    assert.equal(dataTypeOf(half), 'float32');
    assert.deepEqual([...half], [0.5, 1.5]);
    assert.equal(dataTypeOf(applyNiftiScaling(new Int16Array([1]), 1, 0.25)), 'float32');
    assert.equal(dataTypeOf(applyNiftiScaling(new Uint32Array([4294967295]), 2, 0)), 'float32');
    assert.equal(dataTypeOf(applyNiftiScaling(new Float32Array([1.5]), 2, 0)), 'float32');
    const f64 = applyNiftiScaling(new Float64Array([1.5]), 2, 1);
    assert.equal(dataTypeOf(f64), 'float64');
    assert.deepEqual([...f64], [4]);
  });

  describe('applied when reading a file', () => {
    let dir: string;
    before(async () => {
      dir = await makeTempDir();
    });
    after(() => removeDir(dir));

    it('uint16 stored with slope 1, intercept −1024 reads as int16 HU', async () => {
      const stored: Volume = {
        dims: [2, 2, 1],
        spacing: [1, 1, 1],
        origin: [0, 0, 0],
        direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
        dataType: 'uint16',
        voxels: new Uint16Array([0, 1000, 1024, 4095]),
      };
      const bytes = await collectChunks(niftiFileChunks(stored));
      bytes.writeFloatLE(1, 112);
      bytes.writeFloatLE(-1024, 116);
      const path = join(dir, 'hu.nii.gz');
      await writeFile(path, gzipSync(bytes));
      const read = await readNifti(path);
      assert.equal(read.dataType, 'int16');
      assert.deepEqual([...read.voxels], [-1024, -24, 0, 3071]);

      bytes.writeFloatLE(0.5, 112);
      bytes.writeFloatLE(0, 116);
      await writeFile(path, gzipSync(bytes));
      const halved = await readNifti(path);
      assert.equal(halved.dataType, 'float32');
      assert.deepEqual([...halved.voxels], [0, 500, 512, 2047.5]);
    });
  });
});
