import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng.js';
import type { Shape3 } from '../preprocess/layout.js';
import { flatIndex, shapeSize } from '../preprocess/layout.js';
import { computeClassLocations } from '../sample/class-locations.js';
import { initialPatchSize } from '../sample/initial-patch-size.js';
import { resolvePatchSamplerConfig } from '../sample/patch-sampler.js';
import { noAugmentation, resolveAugmentConfig } from './config.js';
import { drawTrainingPatch } from './training-sample.js';

const shape: Shape3 = [20, 24, 22];
const label = new Uint8Array(shapeSize(shape));
for (let a = 8; a < 12; a++)
  for (let b = 9; b < 13; b++) for (let c = 2; c < 5; c++) label[flatIndex(shape, a, b, c)] = 2;
const data = Float32Array.from(label, (l) => l);

test('sampler + augmentation: final patch size, foreground centring survives a plain crop, seeds reproduce', () => {
  const finalPatch: Shape3 = [6, 6, 6];
  const sampler = resolvePatchSamplerConfig({
    patchSize: initialPatchSize(finalPatch),
    finalPatchSize: finalPatch,
    foregroundProbability: 1,
  });
  const locs = computeClassLocations(label, createRng(0));
  const off = resolveAugmentConfig(noAugmentation());
  for (const mode of ['crop', 'direct'] as const) {
    for (let seed = 0; seed < 10; seed++) {
      const p = drawTrainingPatch({ data, label, shape }, locs, sampler, off, createRng(seed), { mode });
      assert.deepEqual(p.shape, finalPatch);
      assert.equal(p.box.centredOnClass, 2);
      // the chosen voxel sits at ⌊enlarged/2⌋ of the crop; the centre crop keeps it inside the final patch
      assert.ok(p.label!.includes(2), `${mode} seed ${seed}`);
    }
  }
  const full = resolveAugmentConfig();
  const a = drawTrainingPatch({ data, label, shape }, locs, sampler, full, createRng(77));
  assert.deepEqual(drawTrainingPatch({ data, label, shape }, locs, sampler, full, createRng(77)), a);
});
