import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTileSteps, padToPatch, tileOrigins } from './tiles.js';
import { initialPatchSize } from './initial-patch-size.js';

test('tile steps match nnU-Net for the STSR median volume (0.8 reference script, 0.5 default, 0.9 paper)', () => {
  // 337: step 128 → n = ⌈177/128⌉ + 1 = 3, spacing 88.5 → round(88.5) = 88 (ties to even)
  assert.deepEqual(computeTileSteps([337, 640, 640], [160, 256, 256], 0.8), [
    [0, 88, 177],
    [0, 192, 384],
    [0, 192, 384],
  ]);
  // 0.5: 337 → n = ⌈177/80⌉ + 1 = 4 (spacing 59); 640 → n = 384/128 + 1 = 4
  assert.deepEqual(computeTileSteps([337, 640, 640], [160, 256, 256], 0.5), [
    [0, 59, 118, 177],
    [0, 128, 256, 384],
    [0, 128, 256, 384],
  ]);
  const s09 = computeTileSteps([337, 640, 640], [160, 256, 256], 0.9);
  assert.equal(tileOrigins(s09).length, 27);
  // small shapes: equal to the patch → one tile; 100 vs 64 at 0.5 → ⌈36/32⌉ + 1 = 3 at 0, 18, 36
  assert.deepEqual(computeTileSteps([64, 100, 65], [64, 64, 64], 0.5), [[0], [0, 18, 36], [0, 1]]);
  assert.deepEqual(tileOrigins([[0], [0, 5], [1, 2]]), [
    [0, 0, 1],
    [0, 0, 2],
    [0, 5, 1],
    [0, 5, 2],
  ]);
  assert.throws(() => computeTileSteps([10, 10, 10], [16, 8, 8], 0.5), /pad first/);
  assert.throws(() => computeTileSteps([10, 10, 10], [8, 8, 8], 0), /stepFraction/);
});

test('padding to the patch splits evenly, odd remainder after', () => {
  assert.deepEqual(padToPatch([100, 50, 31], [64, 64, 64]), {
    shape: [100, 64, 64],
    before: [0, 7, 16],
    after: [0, 7, 17],
  });
});

test('initial patch size: 160×256×256 with ±30° and scale 0.85 → [313, 411, 354] (spec §3.4)', () => {
  assert.deepEqual(initialPatchSize([160, 256, 256]), [313, 411, 354]);
  assert.deepEqual(initialPatchSize([32, 32, 32], [0, 0, 0], 1), [32, 32, 32]);
});
