import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAT_MAP_FLOOR, HEAT_MAP_RGB_POINTS, heatMapAlpha, heatMapColor, heatMapLut } from './heat-map.js';

test('the heat-map is transparent for confident voxels and opaque at full entropy', () => {
  assert.equal(heatMapAlpha(0), 0);
  assert.equal(heatMapAlpha(HEAT_MAP_FLOOR - 1), 0);
  assert.ok(heatMapAlpha(HEAT_MAP_FLOOR) > 0);
  assert.equal(heatMapAlpha(255), 1);
  for (let v = 1; v < 256; v++) assert.ok(heatMapAlpha(v) >= heatMapAlpha(v - 1), 'opacity never falls');
  const lut = heatMapLut();
  assert.equal(lut.length, 256);
  assert.deepEqual(lut[0]?.[3], 0);
  assert.equal(lut[255]?.[3], 255);
  assert.deepEqual(lut[200]?.slice(0, 3), heatMapColor(200));
});

test('colours go from yellow to red', () => {
  assert.equal(HEAT_MAP_RGB_POINTS.length % 4, 0);
  const [r0, g0, b0] = heatMapColor(0);
  const [r1, g1, b1] = heatMapColor(255);
  assert.ok(r0 > 200 && g0 > 200 && b0 < 100, `low is yellow: ${[r0, g0, b0]}`);
  assert.ok(r1 > 180 && g1 < 40 && b1 < 40, `high is red: ${[r1, g1, b1]}`);
  assert.ok(heatMapColor(128)[1] < g0 && heatMapColor(128)[1] > g1, 'green falls in between');
});
