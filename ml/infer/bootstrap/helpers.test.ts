// Building blocks of the bootstrap proposal against brute force / hand-made cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectedComponents, fillHolesSlices, filterComponents } from './components.js';
import { bottleneckFlood, chooseLeakLevel, grownVolumes } from './flood.js';
import { histogram, otsu } from './histogram.js';
import { dilate, erode } from './morphology.js';
import { gaussianSmoothInPlace } from './smooth.js';
import { superiorAxis } from './propose.js';

const dims = [7, 5, 6] as const;
const N = 7 * 5 * 6;
const at = (i: number, j: number, k: number) => i + 7 * (j + 5 * k);
const pseudoMask = (density: number) =>
  Uint8Array.from({ length: N }, (_, i) => (((i * 2654435761) >>> 0) % 100 < density ? 1 : 0));

test('cuboid dilation and erosion equal the brute-force window OR / AND (border ignored)', () => {
  const m = pseudoMask(40);
  const r = [1, 2, 1] as const;
  const brute = (isErode: boolean) => {
    const out = new Uint8Array(N);
    for (let k = 0; k < 6; k++)
      for (let j = 0; j < 5; j++)
        for (let i = 0; i < 7; i++) {
          let acc = isErode ? 1 : 0;
          for (let c = Math.max(0, k - r[2]); c <= Math.min(5, k + r[2]); c++)
            for (let b = Math.max(0, j - r[1]); b <= Math.min(4, j + r[1]); b++)
              for (let a = Math.max(0, i - r[0]); a <= Math.min(6, i + r[0]); a++)
                acc = isErode ? acc & m[at(a, b, c)]! : acc | m[at(a, b, c)]!;
          out[at(i, j, k)] = acc;
        }
    return out;
  };
  assert.deepEqual(dilate(m, dims, r), brute(false));
  assert.deepEqual(erode(m, dims, r), brute(true));
});

test('6-connected components and size filtering', () => {
  const m = new Uint8Array(N);
  [at(0, 0, 0), at(1, 0, 0), at(1, 1, 0), at(1, 1, 1)].forEach((v) => (m[v] = 1)); // one component of 4
  m[at(3, 3, 3)] = 1; // diagonal neighbours are separate components
  m[at(4, 4, 4)] = 1;
  const cc = connectedComponents(m, dims);
  assert.deepEqual(cc.sizes, [0, 4, 1, 1]);
  const { mask, kept } = filterComponents(cc, (size) => size >= 2);
  assert.equal(kept, 1);
  assert.equal(
    mask.reduce((a, v) => a + v, 0),
    4,
  );
});

test('slice-wise hole filling fills enclosed cavities, not open ones', () => {
  const m = new Uint8Array(N);
  // A ring in slice k = 2 around (3, 2) and a U-shape (open towards j = 4) in slice k = 4.
  for (let j = 1; j <= 3; j++) for (let i = 2; i <= 4; i++) if (i !== 3 || j !== 2) m[at(i, j, 2)] = 1;
  for (let j = 1; j <= 4; j++) for (let i = 2; i <= 4; i++) if (i !== 3 || j < 2) m[at(i, j, 4)] = 1;
  const f = fillHolesSlices(m, dims, 2);
  assert.equal(f[at(3, 2, 2)], 1);
  assert.equal(f[at(3, 3, 4)], 0);
  // Along axis 0 the ring's slices are lines: nothing to fill.
  assert.equal(fillHolesSlices(m, dims, 0)[at(3, 2, 2)], 0);
});

test('Otsu splits a bimodal histogram between its modes', () => {
  const data = Float32Array.from({ length: 1000 }, (_, i) => (i < 700 ? 10 + (i % 5) : 100 + (i % 7)));
  const h = histogram(data, 0, 120, 120);
  const t = otsu(h)!;
  assert.ok(t > 14 && t <= 100, `threshold ${t}`); // any level in (14, 100] splits the two modes
  assert.equal(otsu(h, 100), otsu(h, 100)); // deterministic
  assert.equal(otsu(histogram(new Float32Array(10).fill(3), 0, 10, 10)), null);
});

test('bottleneck flood: region at level t = voxels joined to the seeds through values ≥ t', () => {
  // 1-D line (7×1×1): seed at 0, values dip to 3 then rise to 9.
  const v = Float32Array.from([9, 8, 3, 9, 9, 1, 7]);
  const seeds = Uint8Array.from([1, 0, 0, 0, 0, 0, 0]);
  const bott = bottleneckFlood(v, seeds, [7, 1, 1], { lo: 0, width: 1, bins: 10 }, 2);
  assert.deepEqual(Array.from(bott), [9, 8, 3, 3, 3, -1, -1]);
  const vol = grownVolumes(bott, 10);
  assert.equal(vol[8], 2);
  assert.equal(vol[3], 5);
  assert.equal(vol[0], 5);
});

test('leak level: the first step whose growth exceeds typical² wins', () => {
  // Volumes by bin: smooth 10 % growth per bin from bin 20 down to 11, then ×5 between bins 10 and 9.
  const v = new Float64Array(22);
  for (let b = 20; b >= 0; b--) v[b] = b >= 10 ? 100 * 1.1 ** (20 - b) : 100 * 1.1 ** 10 * 5 * 1.1 ** (9 - b);
  const c = chooseLeakLevel(v, 0, 20, 0.05, 2);
  assert.equal(c.leak, true);
  assert.equal(c.bin, 10);
  assert.ok(Math.abs(c.typicalGrowth - 1.1) < 1e-9);
  const smooth = Float64Array.from({ length: 22 }, (_, b) => 100 * 1.1 ** (21 - b));
  assert.equal(chooseLeakLevel(smooth, 0, 20, 0.05, 2).leak, false);
});

test('Gaussian smoothing keeps constants and the sum of an impulse', () => {
  const c = new Float32Array(N).fill(5);
  gaussianSmoothInPlace(c, dims, [0.3, 0.3, 0.3], 0.4);
  assert.ok(c.every((x) => Math.abs(x - 5) < 1e-5));
  // An impulse far from the border (clamped edges would otherwise change the sum).
  const d = new Float32Array(11 ** 3);
  const centre = 5 + 11 * (5 + 11 * 5);
  d[centre] = 1;
  gaussianSmoothInPlace(d, [11, 11, 11], [0.3, 0.3, 0.6], 0.3);
  assert.ok(Math.abs(d.reduce((a, x) => a + x, 0) - 1) < 1e-5);
  assert.ok(d[centre]! < 1 && d[centre]! === Math.max(...d));
  // Anisotropic spacing: the same physical blur, so fewer voxels along the coarse axis.
  assert.ok(d[centre + 121]! < d[centre + 1]!);
});

test('superior axis from the direction matrix', () => {
  assert.equal(superiorAxis([1, 0, 0, 0, 1, 0, 0, 0, 1]), 2);
  assert.equal(superiorAxis([0, 0, 1, 1, 0, 0, 0, 1, 0]), 0);
  assert.equal(superiorAxis([1, 0, 0, 0, 0, -1, 0, 1, 0]), 1);
});
