import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeVolume, orientationCode } from './describe.js';
import type { Volume } from './volume.js';

describe('describeVolume', () => {
  it('summarises geometry, type and value range', () => {
    const volume: Volume = {
      dims: [2, 2, 1],
      spacing: [0.5, 0.5, 1],
      origin: [1, 2, 3],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      dataType: 'float32',
      voxels: new Float32Array([-1.5, NaN, 3, 0]),
    };
    const d = describeVolume(volume);
    assert.deepEqual(d, {
      dims: [2, 2, 1],
      spacing: [0.5, 0.5, 1],
      origin: [1, 2, 3],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      dataType: 'float32',
      min: -1.5,
      max: 3,
      orientation: 'LPS',
    });
    d.dims[0] = 99; // a copy, not the volume's own array
    assert.equal(volume.dims[0], 2);
    assert.doesNotThrow(() => JSON.stringify(d));
  });

  it('names where each axis points', () => {
    assert.equal(orientationCode([1, 0, 0, 0, 1, 0, 0, 0, 1]), 'LPS');
    assert.equal(orientationCode([-1, 0, 0, 0, -1, 0, 0, 0, 1]), 'RAS');
    assert.equal(orientationCode([1, 0, 0, 0, 1, 0, 0, 0, -1]), 'LPI');
    assert.equal(orientationCode([0, 0.9, 0.1, 0, 0.1, -0.9, -1, 0, 0]), 'PIR');
  });
});
