import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directionLetters, markersForCamera, voxelAxisAlong } from './orientation.js';
import { histogramOf, histogramPresets, percentile, presetFromVoi, voiRangeOf } from './window-presets.js';

test('Cornerstone3D MPR cameras give radiological orientation letters', () => {
  // axial: anterior up, patient left on screen right
  assert.deepEqual(markersForCamera([0, -1, 0], [0, 0, -1]), {
    top: 'A',
    bottom: 'P',
    right: 'L',
    left: 'R',
  });
  // coronal: superior up, patient left on screen right
  assert.deepEqual(markersForCamera([0, 0, 1], [0, -1, 0]), { top: 'S', bottom: 'I', right: 'L', left: 'R' });
  // sagittal: superior up, posterior on screen right
  assert.deepEqual(markersForCamera([0, 0, 1], [1, 0, 0]), { top: 'S', bottom: 'I', right: 'P', left: 'A' });
  assert.equal(directionLetters([0.8, 0, 0.6]), 'LS');
});

test('voxelAxisAlong picks the voxel axis of a view normal, also for flipped directions', () => {
  const flipped = [-1, 0, 0, 0, 0, 1, 0, -1, 0];
  assert.equal(voxelAxisAlong(flipped, [0, 0, -1]), 1);
  assert.equal(voxelAxisAlong(flipped, [1, 0, 0]), 0);
  assert.equal(voxelAxisAlong([1, 0, 0, 0, 1, 0, 0, 0, 1], [0, -1, 0]), 1);
});

test('percentiles and presets come from the scan histogram, not from HU', () => {
  const values = new Int16Array(10_000);
  for (let q = 0; q < values.length; q++) values[q] = q < 3000 ? -1000 + (q % 100) : 1000 + (q % 2000);
  const h = histogramOf(values, 512);
  assert.equal(h.total, 10_000);
  assert.equal(h.min, -1000);
  assert.equal(h.max, 2999);
  assert.ok(Math.abs(percentile(h, 0.15) - -950) < 15);
  assert.ok(percentile(h, 0.5) > 1000 && percentile(h, 0.5) < 2000);
  const presets = histogramPresets(h);
  assert.ok(presets.length >= 4);
  for (const p of presets) {
    assert.ok(p.window > 0 && Number.isFinite(p.level), p.name);
    const r = voiRangeOf(p);
    assert.ok(r.lower >= h.min - 1 && r.upper <= h.max + 1, p.name);
  }
  const auto = voiRangeOf(presets[0]!);
  assert.ok(auto.lower < -900 && auto.upper > 2900);
  const teeth = voiRangeOf(presets[1]!);
  assert.ok(teeth.lower > 900, `teeth preset starts at ${teeth.lower}`);
  assert.deepEqual(presetFromVoi('x', { lower: 10, upper: 30 }), { name: 'x', window: 20, level: 20 });
});

test('a constant scan still gives usable presets', () => {
  const h = histogramOf(new Uint8Array(100).fill(7));
  for (const p of histogramPresets(h)) assert.ok(p.window >= 1);
});
