import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng.js';
import type { Shape3 } from '../preprocess/layout.js';
import { flatIndex, shapeSize } from '../preprocess/layout.js';
import { AUGMENT_DEFAULTS, noAugmentation, resolveAugmentConfig } from './config.js';
import { augmentPatch } from './pipeline.js';
import { initialPatchSize } from '../sample/initial-patch-size.js';
import { resolvePatchSamplerConfig, samplePatch } from '../sample/patch-sampler.js';

const srcShape: Shape3 = [14, 16, 12];
const label = new Uint8Array(shapeSize(srcShape));
for (let a = 3; a < 11; a++)
  for (let b = 4; b < 12; b++)
    for (let c = 3; c < 9; c++) label[flatIndex(srcShape, a, b, c)] = a < 7 ? 1 : b < 8 ? 2 : 7;
const data = Float32Array.from(label, (l, n) => l * 10 + (n % 7) * 0.1);
const source = { data, label, shape: srcShape };
const patch: Shape3 = [8, 10, 8];

test('identical seeds give identical outputs; different seeds differ; the source is untouched', () => {
  const config = resolveAugmentConfig({
    spatial: { rotationProbability: 1, scalingProbability: 1 },
    noise: { probability: 1 },
    blur: { probability: 1, channelProbability: 1 },
    lowResolution: { probability: 1, channelProbability: 1 },
  });
  const before = data.slice();
  const a = augmentPatch(source, patch, config, createRng(42));
  const b = augmentPatch(source, patch, config, createRng(42));
  assert.deepEqual(a, b);
  assert.notDeepEqual(augmentPatch(source, patch, config, createRng(43)).data, a.data);
  assert.deepEqual(data, before);
  assert.deepEqual(a.shape, patch);
});

test('label values stay in the input set, for linear and nearest label interpolation', () => {
  for (const labelInterpolation of ['linear', 'nearest'] as const) {
    const config = resolveAugmentConfig({
      spatial: { rotationProbability: 1, scalingProbability: 1, labelInterpolation },
    });
    const rng = createRng(5);
    for (let t = 0; t < 20; t++) {
      const out = augmentPatch(source, patch, config, rng);
      for (const v of out.label!) assert.ok(v === 0 || v === 1 || v === 2 || v === 7, `value ${v}`);
    }
  }
});

test('with everything off the patch is the centre crop; mirroring alone moves image and label together', () => {
  const off = resolveAugmentConfig(noAugmentation());
  const out = augmentPatch(source, patch, off, createRng(1));
  assert.deepEqual(out.record.mirroredAxes, []);
  // centre crop starts at ⌊S/2⌋ − ⌊P/2⌋ = [3, 3, 2]
  for (let a = 0; a < patch[0]; a++)
    for (let b = 0; b < patch[1]; b++)
      for (let c = 0; c < patch[2]; c++) {
        const n = flatIndex(patch, a, b, c);
        assert.equal(out.data[n], data[flatIndex(srcShape, a + 3, b + 3, c + 2)]);
        assert.equal(out.label![n], label[flatIndex(srcShape, a + 3, b + 3, c + 2)]);
      }
  const mirrorOnly = resolveAugmentConfig({ ...noAugmentation(), mirror: { probability: 1 } });
  const m = augmentPatch(source, patch, mirrorOnly, createRng(1));
  assert.deepEqual(m.record.mirroredAxes, [0, 1, 2]);
  for (let n = 0; n < m.data.length; n++) assert.equal(Math.floor(m.data[n]! / 10), m.label![n]);
  assert.equal(m.label![flatIndex(patch, 7, 9, 7)], out.label![flatIndex(patch, 0, 0, 0)]);
});

test('each transform is applied with its configured probability (many seeded draws, ±4σ)', () => {
  const tiny: Shape3 = [4, 4, 4];
  const src = { data: Float32Array.from({ length: 216 }, (_, n) => n % 13), shape: [6, 6, 6] as Shape3 };
  const config = resolveAugmentConfig();
  const rng = createRng(2024);
  const n = 3000;
  const counts = {
    rot: 0,
    scale: 0,
    noise: 0,
    blur: 0,
    bright: 0,
    contrast: 0,
    lowres: 0,
    gammaInv: 0,
    gamma: 0,
  };
  const mirror = [0, 0, 0];
  for (let t = 0; t < n; t++) {
    const r = augmentPatch(src, tiny, config, rng).record;
    if (r.spatial.angles) counts.rot++;
    if (r.spatial.scale !== null) counts.scale++;
    if (r.noiseStd !== null) counts.noise++;
    if (r.blurSigmas) counts.blur++;
    if (r.brightness !== null) counts.bright++;
    if (r.contrast !== null) counts.contrast++;
    if (r.lowResolutionZoom !== null) counts.lowres++;
    if (r.gammaInverted !== null) counts.gammaInv++;
    if (r.gamma !== null) counts.gamma++;
    for (const a of r.mirroredAxes) mirror[a]!++;
  }
  const expected = {
    rot: 0.2,
    scale: 0.2,
    noise: 0.1,
    blur: 0.2 * 0.5,
    bright: 0.15,
    contrast: 0.15,
    lowres: 0.25 * 0.5,
    gammaInv: 0.1,
    gamma: 0.3,
  };
  for (const [k, p] of Object.entries(expected)) {
    const rate = counts[k as keyof typeof counts] / n;
    assert.ok(Math.abs(rate - p) < 4 * Math.sqrt((p * (1 - p)) / n), `${k}: ${rate} vs ${p}`);
  }
  for (const c of mirror) assert.ok(Math.abs(c / n - 0.5) < 4 * Math.sqrt(0.25 / n), `mirror ${c / n}`);
});

test('defaults are the spec §3.4 values; bad settings are rejected by name', () => {
  const c = resolveAugmentConfig();
  assert.deepEqual(c, AUGMENT_DEFAULTS);
  assert.equal(c.spatial.rotationRange[1], Math.PI / 6);
  assert.deepEqual(c.spatial.scalingRange, [0.7, 1.4]);
  assert.throws(() => resolveAugmentConfig({ noise: { probability: 1.5 } }), /noise\.probability/);
  assert.throws(
    () => resolveAugmentConfig({ lowResolution: { zoomRange: [0.5, 1.5] } }),
    /lowResolution\.zoomRange/,
  );
  assert.throws(() => resolveAugmentConfig({ mirror: { axes: [0, 0] } }), /mirror\.axes/);
  assert.throws(() => resolveAugmentConfig({ gamma: { gammaRange: [1.5, 0.7] } }), /gamma\.gammaRange/);
});

test('augmenting the whole case around the crop centre equals augmenting the enlarged crop', () => {
  const caseShape: Shape3 = [30, 34, 28];
  const caseLabel = new Uint8Array(shapeSize(caseShape));
  for (let a = 6; a < 24; a++)
    for (let b = 8; b < 20; b++)
      for (let c = 5; c < 22; c++) caseLabel[flatIndex(caseShape, a, b, c)] = ((a >> 2) + (c >> 3)) % 3;
  const caseData = Float32Array.from(caseLabel, (l, n) => l * 3 + (n % 11) * 0.05);
  const finalPatch: Shape3 = [8, 10, 8];
  const enlarged = initialPatchSize(finalPatch); // rotations up to 30°, scales down to 0.85
  // Only while the rotated, scaled patch stays inside the enlarged crop: nnU-Net's initial patch size bounds
  // rotations about one axis at a time, and a combined 30° rotation can reach a few voxels beyond it (where the
  // crop has zero padding and the whole case has image data). ±10° and scales ≤ 1 stay well inside.
  const config = resolveAugmentConfig({
    ...noAugmentation(),
    spatial: {
      rotationProbability: 1,
      rotationRange: [-0.17, 0.17],
      scalingProbability: 1,
      scalingRange: [0.85, 1],
    },
    noise: { probability: 1 },
    gamma: { probability: 1 },
  });
  const sampler = resolvePatchSamplerConfig({ patchSize: enlarged, finalPatchSize: finalPatch });
  for (let seed = 0; seed < 5; seed++) {
    const crop = samplePatch(
      { data: caseData, label: caseLabel, shape: caseShape },
      sampler,
      createRng(seed),
    );
    const viaCrop = augmentPatch(crop, finalPatch, config, createRng(100 + seed));
    const center = crop.box.lower.map((l, d) => l + (enlarged[d]! - 1) / 2) as [number, number, number];
    const direct = augmentPatch(
      { data: caseData, label: caseLabel, shape: caseShape },
      finalPatch,
      config,
      createRng(100 + seed),
      {
        center,
      },
    );
    assert.deepEqual(direct.record, viaCrop.record);
    assert.deepEqual(direct.label, viaCrop.label);
    for (let n = 0; n < direct.data.length; n++)
      assert.ok(Math.abs(direct.data[n]! - viaCrop.data[n]!) < 1e-5);
  }
});
