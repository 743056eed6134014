import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  STSR,
  TINY,
  architectureProblems,
  getArchitecture,
  totalStride,
  validateArchitecture,
} from './architectures.js';
import { macsPerPatch, modelInfo, parameterCount } from './model-info.js';

test('stsr has exactly the reference parameter count (spec §1.6), computed without tensors', () => {
  assert.equal(parameterCount(STSR), 142_134_662);
  const info = modelInfo(STSR);
  assert.deepEqual(info.parametersByPart, { encoder: 123_485_696, mamba: 642_264, decoder: 18_006_702 });
  assert.equal(parameterCount({ ...STSR, numClasses: 1 }), 142_121_150); // the DAE model
  assert.equal(info.bottleneckTokens, 80);
});

test('stsr compute per patch matches the spec (3.597 T MAC at 160×256×256, 2.877 T at 128×256×256)', () => {
  const info = modelInfo(STSR);
  assert.equal(Math.round(info.macs / 1e9), 3597);
  assert.equal(info.flops, 2 * info.macs);
  assert.equal(Math.round(macsPerPatch(STSR, [128, 256, 256]).total / 1e9), 2877);
  assert.equal(Math.round(info.macsByPart.mamba / 1e6), 51); // ≈ 0.05 G MAC
});

test('stsr is the reference configuration', () => {
  assert.deepEqual(STSR.featuresPerStage, [32, 64, 128, 256, 320, 320, 320]);
  assert.deepEqual(STSR.blocksPerStage, [1, 3, 4, 6, 6, 6, 6]);
  assert.deepEqual(STSR.strides[6], [1, 2, 2]);
  assert.deepEqual(totalStride(STSR), [32, 64, 64]);
  assert.equal(STSR.numClasses, 13);
  assert.deepEqual(STSR.mamba, {
    dState: 32,
    dConv: 4,
    expand: 2,
    headdim: 80,
    quadraticMaxLen: 256,
    chunkSize: 128,
  });
  assert.ok(Object.isFrozen(STSR.featuresPerStage), 'shared configs are frozen');
  assert.deepEqual(architectureProblems(STSR), []);
  assert.deepEqual(architectureProblems(TINY), []);
});

test('invalid configurations are rejected with every problem named', () => {
  const bad = {
    ...structuredClone(TINY),
    strides: [
      [1, 1, 1],
      [3, 2, 2],
    ] as never,
    blocksPerStage: [1, 0, 1],
  };
  assert.throws(
    () => validateArchitecture(bad),
    (e: Error) =>
      /strides has 2 entries/.test(e.message) &&
      /strides\[1\] must be three entries of 1 or 2/.test(e.message) &&
      /blocksPerStage entries must be positive/.test(e.message),
  );
  assert.throws(
    () => getArchitecture('tiny', { patchSize: [16, 16, 10] }),
    /multiple of the total stride 2×4×4/,
  );
  assert.throws(
    () => getArchitecture('tiny', { mamba: { ...TINY.mamba, headdim: 5 } }),
    /not a multiple of headdim/,
  );
  assert.throws(() => getArchitecture('huge'), /unknown architecture 'huge'/);
  const copy = getArchitecture('stsr', { numClasses: 3 });
  assert.equal(copy.numClasses, 3);
  copy.featuresPerStage[0] = 1;
  assert.equal(STSR.featuresPerStage[0], 32);
});
