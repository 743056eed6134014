// Unit tests of the building blocks: distance transform, blur, downsampling, convex hull, arch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Vec3, Volume } from '../io/volume.js';
import { createRng } from '../../util/rng.js';
import { NO_FEATURE, squaredDistanceTransform } from './edt.js';
import { gaussianBlur3d, gaussianKernel } from './blur.js';
import { anatomyLabelGrid, downsampleLabelGrid } from './anatomy.js';
import { convexHull } from './body-hull.js';
import { archPoint, distanceToArch, parabolaArch } from './arch.js';
import { maxFilter } from './morphology.js';

test('the distance transform matches brute force on an anisotropic grid', () => {
  const dims: Vec3 = [9, 7, 6];
  const spacing: Vec3 = [0.5, 0.8, 1.3];
  const rng = createRng(11);
  const feature = new Uint8Array(9 * 7 * 6).map(() => (rng.chance(0.06) ? 1 : 0));
  feature[17] = 1;
  const d2 = squaredDistanceTransform(feature, dims, spacing);
  const pos = (n: number): Vec3 => [(n % 9) * 0.5, (Math.floor(n / 9) % 7) * 0.8, Math.floor(n / 63) * 1.3];
  for (let n = 0; n < feature.length; n++) {
    let best = Infinity;
    const p = pos(n);
    for (let m = 0; m < feature.length; m++) {
      if (!feature[m]) continue;
      const q = pos(m);
      best = Math.min(best, (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 + (p[2] - q[2]) ** 2);
    }
    assert.ok(Math.abs((d2[n] as number) - best) < 1e-4, `voxel ${n}: ${d2[n]} vs ${best}`);
  }
  assert.equal(squaredDistanceTransform(new Uint8Array(8), [2, 2, 2], [1, 1, 1])[3], Math.fround(NO_FEATURE));
});

test('the Gaussian blur keeps constants, spreads an impulse by sigma, and is per millimetre', () => {
  const kernel = gaussianKernel(1.5) as Float32Array;
  assert.ok(Math.abs(kernel.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.equal(gaussianKernel(0.1), null);
  const dims: Vec3 = [31, 31, 31];
  const flat = new Float32Array(31 ** 3).fill(-1000);
  gaussianBlur3d(flat, dims, [0.5, 0.5, 0.5], 1);
  assert.ok(flat.every((v) => Math.abs(v + 1000) < 1e-2));
  const impulse = new Float32Array(31 ** 3);
  const centre = 15 + 31 * (15 + 31 * 15);
  impulse[centre] = 1;
  gaussianBlur3d(impulse, dims, [0.5, 1, 0.25], 1);
  // Variance along each axis, in mm², should be sigma² = 1.
  const spacing = [0.5, 1, 0.25];
  const variance = [0, 0, 0];
  let total = 0;
  for (let n = 0; n < impulse.length; n++) {
    const w = impulse[n] as number;
    total += w;
    const idx = [n % 31, Math.floor(n / 31) % 31, Math.floor(n / 961)];
    for (let a = 0; a < 3; a++)
      variance[a] = (variance[a] as number) + w * (((idx[a] as number) - 15) * (spacing[a] as number)) ** 2;
  }
  assert.ok(Math.abs(total - 1) < 1e-4);
  for (const v of variance) assert.ok(Math.abs(v - 1) < 0.05, `variance ${variance}`);
});

test('label downsampling takes the majority per block, ties to the higher label, partial blocks included', () => {
  // 3×2×2 grid, factor 2 → 2×1×1; block 0 holds i 0–1, block 1 holds i 2 (a partial block).
  const labels = [0, 3, 5, 0, 3, 5, 2, 2, 5, 3, 3, 0];
  const volume: Volume = {
    dims: [3, 2, 2],
    spacing: [0.5, 0.5, 0.5],
    origin: [0, 0, 0],
    direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
    dataType: 'uint8',
    voxels: Uint8Array.from(labels),
  };
  const grid = anatomyLabelGrid(volume);
  const down = downsampleLabelGrid(grid, 2);
  assert.deepEqual(down.dims, [2, 1, 1]);
  assert.deepEqual(down.spacing, [1, 1, 1]);
  // Block 0: {0, 3, 0, 3, 2, 2, 3, 3} → 3. Block 1: {5, 5, 5, 0} → 5.
  assert.deepEqual([...down.labels], [3, 5]);
  // Origin moves half a voxel along each (rotated) axis: axis0 = +y, axis1 = −x.
  assert.deepEqual(down.origin, [-0.25, 0.25, 0.25]);
  const tie = anatomyLabelGrid({ ...volume, dims: [2, 1, 1], voxels: Uint8Array.from([1, 4]) });
  assert.deepEqual([...downsampleLabelGrid(tie, 2).labels], [4]);
});

test('convex hull, max filter and the arch behave as documented', () => {
  const hull = convexHull([
    [0, 0],
    [4, 0],
    [4, 4],
    [0, 4],
    [2, 2],
    [1, 3],
  ]);
  assert.deepEqual(hull, [
    [0, 0],
    [4, 0],
    [4, 4],
    [0, 4],
  ]);
  const data = new Float32Array(5 * 5 * 5);
  data[62] = 7; // centre voxel (2, 2, 2)
  const max = maxFilter(data, [5, 5, 5], [1, 1, 1]);
  assert.equal(max[62 - 25 - 5 - 1], 7);
  assert.equal(max[0], 0);
  const arch = parabolaArch(10, -5, 8);
  const mid = archPoint(arch, arch.length / 2);
  assert.ok(Math.abs(mid.x) < 1e-6 && Math.abs(mid.y + 5) < 1e-3 && Math.abs(mid.tx - 1) < 1e-3);
  assert.ok(Math.abs(distanceToArch(arch, 0, -7) - 2) < 1e-3);
});
