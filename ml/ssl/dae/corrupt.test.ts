// DAE corruptions (spec §4.3): noise σ = √0.1, nearest ×4 down/up-sampling (block-constant, first voxel of each
// block), ceil(0.3·B·cells) cubes of 16³ at −2 drawn jointly over the batch, in that order; the paper's variants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Shape3 } from '../../data/preprocess/layout.js';
import { createRng } from '../../util/rng.js';
import { nearestIndexTable } from '../../data/preprocess/nearest.js';
import { corruptBatch, drawMaskedCells, maskGrid } from './corrupt.js';

const nearestTable = (inSize: number, outSize: number) => nearestIndexTable(inSize, outSize, 'nearest');
import { DAE_CORRUPTION_DEFAULTS, resolveDaeCorruption } from './corrupt-config.js';

const ramp = (shape: Shape3, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape[0] * shape[1] * shape[2] }, () => rng.uniform(-1, 1));
};

test('defaults are the reference code: variance 0.1, nearest ×4, 16³ cubes, ratio 0.3, value −2', () => {
  assert.deepEqual(
    { ...DAE_CORRUPTION_DEFAULTS },
    {
      noiseVariance: 0.1,
      downsampleFactor: 4,
      downsampleMode: 'nearest',
      maskCube: 16,
      maskRatio: 0.3,
      maskValue: -2,
    },
  );
  assert.throws(() => resolveDaeCorruption({ maskRatio: 1.5 }), /maskRatio/);
  assert.throws(() => resolveDaeCorruption({ downsampleFactor: 0 }), /downsampleFactor/);
});

test('noise alone: residuals have mean 0 and std √0.1 = 0.3162', () => {
  const shape: Shape3 = [32, 32, 32];
  const clean = ramp(shape, 1);
  const cfg = resolveDaeCorruption({ downsampleFactor: 1, maskRatio: 0 });
  const { corrupted } = corruptBatch([clean], shape, cfg, createRng(2));
  let s = 0;
  let ss = 0;
  for (let i = 0; i < clean.length; i++) {
    const d = corrupted[0]![i]! - clean[i]!;
    s += d;
    ss += d * d;
  }
  const mean = s / clean.length;
  const std = Math.sqrt(ss / clean.length - mean * mean);
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(std - Math.sqrt(0.1)) < 0.005, `std ${std}`);
});

test('nearest ×4: every 4³ block takes its first voxel (PyTorch nearest indices)', () => {
  assert.deepEqual([...nearestTable(16, 4)], [0, 4, 8, 12]);
  assert.deepEqual([...nearestTable(4, 16)], [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  const shape: Shape3 = [8, 16, 12];
  const clean = ramp(shape, 3);
  const { corrupted } = corruptBatch(
    [clean],
    shape,
    resolveDaeCorruption({ noiseVariance: 0, maskRatio: 0 }),
    createRng(4),
  );
  const x = corrupted[0]!;
  for (let a = 0; a < 8; a++)
    for (let b = 0; b < 16; b++)
      for (let c = 0; c < 12; c++) {
        const first = clean[((a & ~3) * 16 + (b & ~3)) * 12 + (c & ~3)]!;
        assert.equal(x[(a * 16 + b) * 12 + c], first);
      }
  // the paper's variant: trilinear differs from nearest
  const lin = corruptBatch(
    [clean],
    shape,
    resolveDaeCorruption({ noiseVariance: 0, maskRatio: 0, downsampleMode: 'linear' }),
    createRng(4),
  );
  assert.notDeepEqual(lin.corrupted[0], x);
});

test('masking: ceil(0.3·B·cells) 16³ cubes of the batch at exactly −2, after noise and resampling', () => {
  const shape: Shape3 = [32, 48, 48]; // 2×3×3 = 18 cells per sample
  const clean = [ramp(shape, 5), ramp(shape, 6)];
  const { corrupted, record } = corruptBatch(clean, shape, DAE_CORRUPTION_DEFAULTS, createRng(7));
  assert.equal(record.cellsPerSample, 18);
  assert.equal(record.maskedCells.length, Math.ceil(0.3 * 2 * 18)); // 11
  const grid = maskGrid(shape, 16);
  const masked = new Set(record.maskedCells);
  for (let b = 0; b < 2; b++)
    for (let cell = 0; cell < 18; cell++) {
      const [c0, c1, c2] = [Math.floor(cell / 9), Math.floor(cell / 3) % 3, cell % 3];
      let allMasked = true;
      let noneMasked = true;
      for (let a = c0 * 16; a < c0 * 16 + 16; a++)
        for (let bb = c1 * 16; bb < c1 * 16 + 16; bb++)
          for (let c = c2 * 16; c < c2 * 16 + 16; c++) {
            const v = corrupted[b]![(a * 48 + bb) * 48 + c]!;
            if (v === -2) noneMasked = false;
            else allMasked = false;
          }
      assert.equal(grid.join(), '2,3,3');
      if (masked.has(b * 18 + cell)) assert.ok(allMasked, `cell ${b}/${cell} fully −2`);
      else assert.ok(noneMasked, `cell ${b}/${cell} untouched by the mask`);
    }
  // noise was applied before resampling: inside an unmasked 4³ block the corrupted values are constant
  const unmasked = [...Array(18).keys()].find((c) => !masked.has(c))!;
  const base =
    (Math.floor(unmasked / 9) * 16 * 48 + (Math.floor(unmasked / 3) % 3) * 16) * 48 + (unmasked % 3) * 16;
  const block = [0, 1, 2, 3].flatMap((a) =>
    [0, 1, 2, 3].flatMap((b) => [0, 1, 2, 3].map((c) => corrupted[0]![base + (a * 48 + b) * 48 + c]!)),
  );
  assert.equal(new Set(block).size, 1);
  assert.notEqual(block[0], clean[0]![base]);
});

test('masking is joint over the batch: 30 % of cells on average per sample, not exactly per sample', () => {
  const rng = createRng(8);
  const perSample: [number, number] = [0, 0];
  let uneven = 0;
  const draws = 2000;
  for (let i = 0; i < draws; i++) {
    const cells = drawMaskedCells(2, 10, 0.3, rng);
    assert.equal(cells.length, 6);
    assert.equal(new Set(cells).size, 6);
    const first = cells.filter((c) => c < 10).length;
    perSample[0] += first;
    perSample[1] += 6 - first;
    if (first !== 3) uneven++;
  }
  assert.ok(Math.abs(perSample[0] / (draws * 10) - 0.3) < 0.01);
  assert.ok(Math.abs(perSample[1] / (draws * 10) - 0.3) < 0.01);
  assert.ok(uneven > draws / 3, 'samples do not always get exactly 30 %');
});

test('the paper mask value 0 is a switch', () => {
  const shape: Shape3 = [16, 16, 16];
  const { corrupted } = corruptBatch(
    [ramp(shape, 9)],
    shape,
    resolveDaeCorruption({ maskValue: 0, maskCube: 8, noiseVariance: 0, downsampleFactor: 1 }),
    createRng(1),
  );
  const zeros = corrupted[0]!.filter((v) => v === 0).length;
  assert.equal(zeros, Math.ceil(0.3 * 8) * 512);
});
