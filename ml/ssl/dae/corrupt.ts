// Stage 1 (DAE) input corruptions, applied in the reference's fixed order to a whole batch of clean patches:
// 1. additive Gaussian noise, 2. down-/up-sampling, 3. masking of cubes drawn jointly over the batch.
//
// Reference: spec §4.3. Noise: x + √variance·N(0, 1), i.i.d. per voxel. Resampling: PyTorch `F.interpolate` with a
// target size, mode 'nearest' (source index min(⌊dst·in/out⌋, in − 1)) down to int(size/factor) and back, so every
// factor³ block takes the value of its first voxel (the noise becomes block-constant too). Masking
// (`block_wise_mask`): a grid of cube³ cells aligned to the patch origin; ceil(ratio·B·cells) cells chosen
// uniformly without replacement among all B·cells of the batch (30 % on average per sample, not exactly).
// Deviation: sizes that are not multiples of the factor or the cube work (partial cells at the far edges).
import type { Shape3 } from '../../data/preprocess/layout.js';
import { shapeSize } from '../../data/preprocess/layout.js';
import { resizeLinear } from '../../data/preprocess/interpolate.js';
import { resizeNearestVolume } from '../../data/preprocess/nearest.js';
import type { Rng } from '../../util/rng.js';
import type { DaeCorruptionConfig } from './corrupt-config.js';

/** Shape after down-sampling by `factor` (Python int(size / factor), at least 1). */
export function downsampledShape(shape: Shape3, factor: number): Shape3 {
  return shape.map((s) => Math.max(1, Math.trunc(s / factor))) as Shape3;
}

export function downUpSample(
  data: Float32Array,
  shape: Shape3,
  factor: number,
  mode: DaeCorruptionConfig['downsampleMode'],
): Float32Array {
  if (factor === 1) return data;
  const small = downsampledShape(shape, factor);
  return mode === 'nearest'
    ? resizeNearestVolume(resizeNearestVolume(data, shape, small, 'nearest'), small, shape, 'nearest')
    : resizeLinear(resizeLinear(data, shape, small), small, shape);
}

/** Cells of the masking grid per axis. */
export function maskGrid(shape: Shape3, cube: number): Shape3 {
  return shape.map((s) => Math.ceil(s / cube)) as Shape3;
}

/** Which cells are masked: flat indices b·cells + cell, sorted; ceil(ratio·B·cells) of them. */
export function drawMaskedCells(batch: number, cellsPerSample: number, ratio: number, rng: Rng): number[] {
  const total = batch * cellsPerSample;
  const count = Math.min(total, Math.ceil(ratio * batch * cellsPerSample));
  const pool = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, total - 1);
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}

function fillCell(
  data: Float32Array,
  shape: Shape3,
  cube: number,
  grid: Shape3,
  cell: number,
  v: number,
): void {
  const c0 = Math.floor(cell / (grid[1] * grid[2]));
  const c1 = Math.floor(cell / grid[2]) % grid[1];
  const c2 = cell % grid[2];
  const e0 = Math.min(shape[0], (c0 + 1) * cube);
  const e1 = Math.min(shape[1], (c1 + 1) * cube);
  const e2 = Math.min(shape[2], (c2 + 1) * cube);
  for (let a = c0 * cube; a < e0; a++)
    for (let b = c1 * cube; b < e1; b++) {
      const row = (a * shape[1] + b) * shape[2];
      data.fill(v, row + c2 * cube, row + e2);
    }
}

export interface CorruptionRecord {
  /** Masked cells as flat batch indices (see drawMaskedCells). */
  maskedCells: number[];
  cellsPerSample: number;
}

/**
 * Corrupts a batch of clean patches (each [D0, D1, D2] of `shape`); returns new arrays, the inputs are untouched.
 * Random draws, in order: the noise of every sample (sample by sample, voxel by voxel), then the masked cells.
 */
export function corruptBatch(
  clean: readonly Float32Array[],
  shape: Shape3,
  config: DaeCorruptionConfig,
  rng: Rng,
): { corrupted: Float32Array[]; record: CorruptionRecord } {
  const n = shapeSize(shape);
  for (const c of clean) if (c.length !== n) throw new RangeError('a patch does not match the shape');
  const std = Math.sqrt(config.noiseVariance);
  const corrupted = clean.map((c) => {
    let x: Float32Array = Float32Array.from(c);
    if (std > 0) for (let i = 0; i < n; i++) x[i] = x[i]! + std * rng.normal();
    x = downUpSample(x, shape, config.downsampleFactor, config.downsampleMode);
    return x;
  });
  const grid = maskGrid(shape, config.maskCube);
  const cellsPerSample = grid[0] * grid[1] * grid[2];
  const maskedCells =
    config.maskRatio > 0 ? drawMaskedCells(clean.length, cellsPerSample, config.maskRatio, rng) : [];
  for (const flat of maskedCells) {
    const b = Math.floor(flat / cellsPerSample);
    fillCell(corrupted[b]!, shape, config.maskCube, grid, flat % cellsPerSample, config.maskValue);
  }
  return { corrupted, record: { maskedCells, cellsPerSample } };
}
